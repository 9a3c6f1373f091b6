/**
 * Notices of the search page: the keyword search stands in for the API, no search answers at
 * all, or the API answered with a message.
 */

import { h } from "../dom.mjs";

export const FALLBACK =
  "Die semantische Suche ist gerade nicht erreichbar. " +
  "Gezeigt werden Treffer der einfachen Stichwortsuche.";

export const UNAVAILABLE =
  "Die Suche ist gerade nicht erreichbar. Im Katalog finden Sie alle Konzepte mit Filtern.";

const retryButton = (text, onRetry) =>
  h("button", { type: "button", class: "kb-button", text, onclick: onRetry });

/** The keyword search (Pagefind) answers instead of the semantic search. */
export function renderFallback({ onRetry }) {
  return [
    h("p", { class: "kb-notice__text", text: FALLBACK }),
    h(
      "div",
      { class: "kb-notice__actions" },
      retryButton("Semantische Suche erneut versuchen", onRetry),
    ),
  ];
}

/** Neither the API nor the keyword search answers: the catalogue still lists everything. */
export function renderUnavailable({ catalogueHref, onRetry }) {
  return [
    h("p", { class: "kb-notice__text", text: UNAVAILABLE }),
    h(
      "div",
      { class: "kb-notice__actions" },
      h("a", { class: "kb-button kb-button--primary", href: catalogueHref, text: "Zum Katalog" }),
      retryButton("Erneut versuchen", onRetry),
    ),
  ];
}

/** The API's own German message (a 4xx answer), as text. */
export function renderError(message) {
  return [h("p", { class: "kb-notice__text", text: message })];
}
