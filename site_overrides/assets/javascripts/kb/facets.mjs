/**
 * Facet definitions (keys, German labels, values) come from data, never from this code:
 * the list of katalog/concepts.json and facets.json ([{key, label, values: [{value, label}]}])
 * or the object of GET /api/facets ({key: {label, values: [{value, label, count}]}}).
 */

import { byLabel } from "./text.mjs";
import { activeFilters } from "./urlstate.mjs";

const isText = (value) => typeof value === "string" && value !== "";

function normaliseValues(values) {
  return (Array.isArray(values) ? values : [])
    .filter((entry) => entry && isText(entry.value))
    .map((entry) => ({
      value: entry.value,
      label: isText(entry.label) ? entry.label : entry.value,
      count: Number.isFinite(entry.count) ? entry.count : null,
    }));
}

/** Facets in either shape (or a document holding them under "facets") as one ordered list. */
export function normaliseFacets(data) {
  const isDocument = data && typeof data === "object" && !Array.isArray(data) && "facets" in data;
  const source = isDocument ? data.facets : data;
  const entries = Array.isArray(source)
    ? source.map((facet) => [facet && facet.key, facet])
    : Object.entries(source && typeof source === "object" ? source : {});
  return entries
    .filter(([key, facet]) => isText(key) && facet && typeof facet === "object")
    .map(([key, facet]) => ({
      key,
      label: isText(facet.label) ? facet.label : key,
      values: normaliseValues(facet.values),
    }));
}

/** Label look-ups for facets and their values; an unknown value is shown as it is. */
export function labelsOf(facets) {
  const byKey = new Map(facets.map((facet) => [facet.key, facet]));
  const values = new Map(
    facets.map((facet) => [facet.key, new Map(facet.values.map((v) => [v.value, v.label]))]),
  );
  return {
    facet: (key) => (byKey.has(key) ? byKey.get(key).label : String(key)),
    value: (key, value) => (values.get(key) && values.get(key).get(value)) || String(value),
  };
}

/**
 * The values of one facet for the search page: those with counts in the current results,
 * plus chosen ones (at 0, so they can be unchosen), most frequent first, then by label.
 * @returns {{value: string, label: string, count: number, checked: boolean}[]}
 */
export function countedValues(key, counts, chosen, labels) {
  const entries = new Map();
  for (const [value, raw] of Object.entries(counts && typeof counts === "object" ? counts : {})) {
    const count = typeof raw === "number" ? raw : raw && Number.isFinite(raw.count) ? raw.count : 0;
    entries.set(value, count);
  }
  for (const value of chosen) if (!entries.has(value)) entries.set(value, 0);
  const chosenSet = new Set(chosen);
  return [...entries]
    .map(([value, count]) => ({
      value,
      label: labels.value(key, value),
      count,
      checked: chosenSet.has(value),
    }))
    .sort((a, b) => b.count - a.count || byLabel(a.label, b.label));
}

/** The chosen filters as [{key, value, facet, label}] with German labels, in facet order. */
export function labelledFilters(filters, facets, labels) {
  return activeFilters(filters, facets).map(([key, value]) => ({
    key,
    value,
    facet: labels.facet(key),
    label: labels.value(key, value),
  }));
}
