import assert from "node:assert/strict";
import { test } from "node:test";

import {
  countedValues,
  labelledFilters,
  labelsOf,
  normaliseFacets,
} from "../../site_overrides/assets/javascripts/kb/facets.mjs";
import { API_FACETS, LISTED_FACETS } from "./fakes.mjs";

const withoutCounts = (facets) =>
  facets.map((facet) => ({
    ...facet,
    values: facet.values.map(({ value, label }) => ({ value, label })),
  }));

test("the API's facet object and the listed facets normalise to the same list", () => {
  const fromApi = normaliseFacets(API_FACETS);
  assert.deepEqual(withoutCounts(fromApi), LISTED_FACETS);
  assert.deepEqual(
    withoutCounts(normaliseFacets({ facets: LISTED_FACETS, concepts: [] })),
    LISTED_FACETS,
  );
  assert.deepEqual(withoutCounts(normaliseFacets(LISTED_FACETS)), LISTED_FACETS);
});

test("normalised facets keep the API's counts and its facet order", () => {
  const facets = normaliseFacets(API_FACETS);
  assert.deepEqual(
    facets.map((facet) => facet.key),
    ["topic", "status"],
  );
  assert.equal(facets[0].values[0].count, 2);
  assert.equal(normaliseFacets(LISTED_FACETS)[0].values[0].count, null);
});

test("malformed facet data is skipped, missing labels fall back to keys", () => {
  const facets = normaliseFacets({
    facets: [
      null,
      { key: "" },
      { key: "format", values: [{ value: "workshop" }, { label: "x" }, 3] },
    ],
  });
  assert.deepEqual(facets, [
    {
      key: "format",
      label: "format",
      values: [{ value: "workshop", label: "workshop", count: null }],
    },
  ]);
  assert.deepEqual(normaliseFacets(null), []);
  assert.deepEqual(normaliseFacets("<html>"), []);
});

test("labelsOf looks up facet and value labels; unknown ones show as they are", () => {
  const labels = labelsOf(normaliseFacets(API_FACETS));
  assert.equal(labels.facet("topic"), "Thema");
  assert.equal(labels.value("topic", "ki"), "Künstliche Intelligenz (KI)");
  assert.equal(labels.value("topic", "neu"), "neu");
  assert.equal(labels.facet("neu"), "neu");
});

test("countedValues sorts by count, then German label, and keeps chosen values at zero", () => {
  const labels = labelsOf(LISTED_FACETS);
  const values = countedValues("topic", { robotik: 3, ki: 3, zzz: 5 }, ["ki", "alt"], labels);
  assert.deepEqual(
    values.map(({ value, count, checked }) => [value, count, checked]),
    [
      ["zzz", 5, false],
      ["ki", 3, true],
      ["robotik", 3, false],
      ["alt", 0, true],
    ],
  );
  assert.equal(values[1].label, "Künstliche Intelligenz (KI)");
});

test("countedValues of a facet without counts lists only the chosen values", () => {
  const labels = labelsOf(LISTED_FACETS);
  assert.deepEqual(countedValues("status", undefined, [], labels), []);
  assert.equal(countedValues("status", undefined, ["erprobt"], labels)[0].label, "Erprobt");
});

test("labelledFilters names each chosen value with its facet's and its own label", () => {
  const facets = normaliseFacets(API_FACETS);
  const chosen = labelledFilters({ status: ["erprobt"], topic: ["ki"] }, facets, labelsOf(facets));
  assert.deepEqual(chosen, [
    { key: "topic", value: "ki", facet: "Thema", label: "Künstliche Intelligenz (KI)" },
    { key: "status", value: "erprobt", facet: "Status", label: "Erprobt" },
  ]);
});
