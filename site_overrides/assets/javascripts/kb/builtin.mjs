/** mkdocs-material's own full-text search, which works without the API. */

import { siteRoot } from "./paths.mjs";

/** Open the theme's search with ``query`` (or its ?q= page when the dialog is missing). */
export function openBuiltinSearch(query) {
  const toggle = document.getElementById("__search");
  const input = document.querySelector(".md-search__input");
  if (!toggle || !input) {
    location.href = new URL(`?q=${encodeURIComponent(query)}`, siteRoot()).href;
    return;
  }
  input.value = query;
  if (!toggle.checked) {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  }
  input.focus();
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}
