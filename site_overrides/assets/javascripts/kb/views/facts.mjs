/**
 * A concept's key facts under its summary: the same ``dl.kb-facts`` the site's generator
 * writes into the catalogue cards, here for the cards the scripts render from API hits.
 * The rows come labelled from the server (``facts: [{key, label, value}]``), so no label is
 * spelled out here.
 */

import { h } from "../dom.mjs";

/**
 * The usable rows. ``facts`` may be missing (an older index or API); rows without a label or
 * value are left out.
 * @param {unknown} facts
 * @returns {{key: string, label: string, value: string}[]}
 */
export function factRows(facts) {
  if (!Array.isArray(facts)) return [];
  return facts.filter(
    (row) =>
      row &&
      typeof row.label === "string" &&
      row.label.trim() !== "" &&
      typeof row.value === "string" &&
      row.value.trim() !== "",
  );
}

/** The facts as a label/value list, or null when there are none (h() then skips it). */
export function renderFacts(facts) {
  const rows = factRows(facts);
  if (!rows.length) return null;
  return h(
    "dl",
    { class: "kb-facts" },
    rows.map(({ label, value }) =>
      h("div", {}, h("dt", { text: label }), h("dd", { text: value })),
    ),
  );
}
