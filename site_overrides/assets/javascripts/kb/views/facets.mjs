/**
 * A facet as a group of checkboxes with counts: the filters of the search page and of the
 * catalogue. Values past ``preview`` (unless chosen) stay folded until "Alle … anzeigen".
 */

import { h } from "../dom.mjs";
import { number } from "../text.mjs";

const idPart = (text) => String(text).replace(/[^A-Za-z0-9_-]/g, "_");

/** The key that lets keepFocus() find a checkbox or toggle again after a re-render. */
export const focusKey = (key, value) => `${key}\u0000${value}`;

function moreText(open, count) {
  return open ? "Weniger anzeigen" : `Alle ${number(count)} anzeigen`;
}

/**
 * @param {object} group
 * @param {string} group.key facet key, the checkboxes' name
 * @param {string} group.label German label, the legend
 * @param {{value: string, label: string, count: number, checked: boolean}[]} group.values
 * @param {boolean} group.expanded whether folded values are shown
 * @param {number} group.preview how many values show while folded
 * @param {{one: string, many: string}} group.unit what the counts count, for screen readers
 * @param {(value: string, checked: boolean) => void} group.onChange
 * @param {(expanded: boolean) => void} group.onToggle
 */
export function renderFacetGroup({
  key,
  label,
  values,
  expanded,
  preview,
  unit,
  onChange,
  onToggle,
}) {
  const items = values.map((entry, index) => {
    const id = `kb-f-${idPart(key)}-${index}`;
    const classes = ["kb-facet__item"];
    if (index >= preview && !entry.checked) classes.push("kb-facet__item--more");
    if (entry.count === 0 && !entry.checked) classes.push("kb-facet__item--zero");
    return h(
      "li",
      { class: classes.join(" ") },
      h("input", {
        type: "checkbox",
        id,
        class: "kb-facet__check",
        name: key,
        value: entry.value,
        checked: entry.checked,
        "data-kb-focus": focusKey(key, entry.value),
        onchange: (event) => onChange(entry.value, event.target.checked),
      }),
      h(
        "label",
        { for: id, class: "kb-facet__label" },
        h("span", { class: "kb-facet__name", text: entry.label }),
        h(
          "span",
          { class: "kb-facet__count" },
          h("span", { class: "kb-sr-only", text: " (" }),
          number(entry.count),
          h("span", { class: "kb-sr-only", text: ` ${entry.count === 1 ? unit.one : unit.many})` }),
        ),
      ),
    );
  });
  const group = h(
    "fieldset",
    { class: expanded ? "kb-facet kb-facet--open" : "kb-facet" },
    h("legend", { class: "kb-facet__legend", text: label }),
    h("ul", { class: "kb-facet__list" }, items),
  );
  if (values.length > preview) {
    const toggle = h("button", {
      type: "button",
      class: "kb-facet__more",
      "aria-expanded": String(expanded),
      "data-kb-focus": focusKey(key, "__more"),
      text: moreText(expanded, values.length),
      onclick: () => {
        const open = group.classList.toggle("kb-facet--open");
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = moreText(open, values.length);
        onToggle(open);
      },
    });
    group.append(toggle);
  }
  return group;
}
