import assert from "node:assert/strict";
import { test } from "node:test";

import { countText } from "../../site_overrides/assets/javascripts/kb/catalogue.mjs";
import { facetCounts, matches } from "../../site_overrides/assets/javascripts/kb/matching.mjs";
import { LISTED_FACETS } from "./fakes.mjs";

const CONCEPTS = [
  { id: "a", facets: { topic: ["ki"], status: ["erprobt"] } },
  { id: "b", facets: { topic: ["ki", "robotik"], status: ["entwurf"] } },
  { id: "c", facets: { topic: ["robotik"], status: ["erprobt"] } },
];
const ids = (filters) => CONCEPTS.filter((c) => matches(c, filters)).map((c) => c.id);

test("values of one facet combine with OR, facets with AND", () => {
  assert.deepEqual(ids({ topic: ["ki", "robotik"] }), ["a", "b", "c"]);
  assert.deepEqual(ids({ topic: ["robotik"], status: ["erprobt"] }), ["c"]);
  assert.deepEqual(ids({}), ["a", "b", "c"]);
});

test("a concept without values for a filtered facet does not match", () => {
  assert.equal(matches({ id: "x", facets: {} }, { topic: ["ki"] }), false);
  assert.equal(matches({ id: "x" }, {}), true);
});

test("facetCounts counts each value among concepts matching the other facets", () => {
  const counts = facetCounts(CONCEPTS, { status: ["erprobt"] }, LISTED_FACETS);
  assert.deepEqual(Object.fromEntries(counts.topic), { ki: 1, robotik: 1 });
  // The facet's own choice does not narrow its counts: adding "entwurf" would bring b.
  assert.deepEqual(Object.fromEntries(counts.status), { erprobt: 2, entwurf: 1 });
});

test("the catalogue's count line says how many of all are shown", () => {
  assert.equal(countText(1, 45, true), "1 Konzept von 45");
  assert.equal(countText(11, 45, true), "11 Konzepte von 45");
  assert.equal(countText(45, 45, false), "45 Konzepte");
});
