/**
 * A concept's key facts under its summary: the same ``dl.kb-facts`` the site's generator
 * writes into the catalogue cards, here for the cards the scripts render from API hits.
 */

import { h } from "../dom.mjs";

/** The rows in the generator's order: the key in ``facts`` and its German label. */
export const FACTS = [
  ["audience", "Zielgruppe"],
  ["formats", "Format"],
  ["duration", "Dauer"],
  ["evidence", "Erprobung"],
];

/**
 * The rows that have a value. ``facts`` may be missing (an older index or API) and single
 * values may be null (no duration, not yet tried out); such rows are left out.
 * @param {Record<string, string | null> | null | undefined} facts
 * @returns {{key: string, label: string, value: string}[]}
 */
export function factRows(facts) {
  if (!facts || typeof facts !== "object") return [];
  return FACTS.map(([key, label]) => ({ key, label, value: facts[key] })).filter(
    ({ value }) => typeof value === "string" && value.trim() !== "",
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
