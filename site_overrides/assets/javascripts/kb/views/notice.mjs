/** Notices of the search page: the API is not reachable, or it answered with a message. */

import { h } from "../dom.mjs";

export const UNAVAILABLE =
  "Die semantische Suche ist gerade nicht erreichbar. " +
  "Die Volltextsuche der Website funktioniert weiterhin.";

export function renderUnavailable({ onBuiltin, onRetry }) {
  return [
    h("p", { class: "kb-notice__text", text: UNAVAILABLE }),
    h(
      "div",
      { class: "kb-notice__actions" },
      h("button", {
        type: "button",
        class: "kb-button kb-button--primary",
        text: "In der Volltextsuche suchen",
        onclick: onBuiltin,
      }),
      h("button", {
        type: "button",
        class: "kb-button",
        text: "Erneut versuchen",
        onclick: onRetry,
      }),
    ),
  ];
}

/** The API's own German message (a 4xx answer), as text. */
export function renderError(message) {
  return [h("p", { class: "kb-notice__text", text: message })];
}
