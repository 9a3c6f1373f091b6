/** A search box in the header of every page that leads to the search page. */

import { h, icon } from "./dom.mjs";
import { SEARCH_PAGE, siteRoot } from "./paths.mjs";
import { MAX_QUERY, QUERY_PARAM } from "./urlstate.mjs";

const NAME = "Semantische Suche";
const PLACEHOLDER = "Konzepte semantisch suchen";

/**
 * The box (a GET form to the search page) and, for narrow screens, an icon link instead of
 * the field (the header's only search: the site has no MkDocs search). An empty box leads
 * to the search page itself.
 * @returns {[HTMLFormElement, HTMLAnchorElement]}
 */
export function renderHeaderBox(action, { go = (url) => location.assign(url) } = {}) {
  const input = h("input", {
    id: "kb-header-query",
    class: "kb-header-search__input",
    type: "search",
    name: QUERY_PARAM,
    placeholder: PLACEHOLDER,
    autocomplete: "off",
    maxlength: MAX_QUERY,
  });
  const form = h(
    "form",
    {
      class: "kb-header-search",
      role: "search",
      "aria-label": NAME,
      action,
      method: "get",
      onsubmit: (event) => {
        if (input.value.trim()) return;
        event.preventDefault();
        go(action);
      },
    },
    h("label", { class: "kb-sr-only", for: "kb-header-query", text: PLACEHOLDER }),
    h("span", { class: "kb-header-search__icon" }, icon("semantic")),
    input,
    h("button", { type: "submit", class: "kb-sr-only", text: "Suchen" }),
  );
  const link = h(
    "a",
    {
      class: "kb-header-search__link md-header__button md-icon",
      href: action,
      title: NAME,
      "aria-label": NAME,
    },
    icon("semantic"),
  );
  return [form, link];
}

export function mountHeaderBox(doc = document) {
  const inner = doc.querySelector(".md-header__inner");
  if (!inner || inner.querySelector(".kb-header-search")) return;
  // At the end of the header, before the repository link if the site has one.
  const anchor = inner.querySelector(".md-header__source");
  for (const node of renderHeaderBox(new URL(SEARCH_PAGE, siteRoot(doc)).href)) {
    inner.insertBefore(node, anchor);
  }
  // The search page has its own big field; the stylesheet then hides the header box.
  if (doc.getElementById("kb-search-app")) doc.body.classList.add("kb-on-search-page");
}
