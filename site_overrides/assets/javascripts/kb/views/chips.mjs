/** Active filters as removable chips (search page and catalogue). */

import { h } from "../dom.mjs";

/**
 * @param {{key: string, value: string, facet: string, label: string}[]} active
 * @param {object} options
 * @param {(key: string, value: string) => void} options.onRemove
 * @param {(() => void) | null} [options.onClear] an "Alle entfernen" button from two chips on
 * @param {string | null} [options.title] a lead-in such as "Aktive Filter:"
 * @returns {Node[]}
 */
export function renderChips(active, { onRemove, onClear = null, title = null }) {
  if (!active.length) return [];
  return [
    title && h("span", { class: "kb-chips__label", text: title }),
    ...active.map(({ key, value, facet, label }) =>
      h(
        "button",
        {
          type: "button",
          class: "kb-chip",
          "aria-label": `Filter ${facet}: ${label} entfernen`,
          onclick: () => onRemove(key, value),
        },
        h("span", { class: "kb-chip__facet", text: `${facet}:` }),
        ` ${label}`,
        h("span", { class: "kb-chip__x", "aria-hidden": "true", text: "×" }),
      ),
    ),
    onClear &&
      active.length > 1 &&
      h("button", {
        type: "button",
        class: "kb-chips__clear",
        text: "Alle entfernen",
        onclick: onClear,
      }),
  ].filter(Boolean);
}
