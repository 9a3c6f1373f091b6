// The views' pure text helpers; facts.test.mjs builds their nodes on a fake DOM.
import assert from "node:assert/strict";
import { test } from "node:test";

import { labelsOf } from "../../site_overrides/assets/javascripts/kb/facets.mjs";
import { plural } from "../../site_overrides/assets/javascripts/kb/text.mjs";
import {
  hitCenter,
  hitTopics,
  moreText,
  statusText,
} from "../../site_overrides/assets/javascripts/kb/views/results.mjs";
import { LISTED_FACETS } from "./fakes.mjs";

test("the status line names the count and the query", () => {
  assert.equal(
    statusText({ query: "KI", total: 0, shown: 0 }),
    "Keine Konzepte gefunden für „KI“.",
  );
  assert.equal(statusText({ query: "KI", total: 1, shown: 1 }), "1 Konzept gefunden für „KI“.");
  assert.equal(
    statusText({ query: "KI", total: 1234, shown: 10 }),
    "1.234 Konzepte gefunden für „KI“, 10 angezeigt.",
  );
});

test("Mehr laden offers at most one page more and disappears when all are shown", () => {
  assert.equal(moreText({ total: 11, shown: 10, pageSize: 10 }), "Mehr laden (1 weitere)");
  assert.equal(moreText({ total: 50, shown: 10, pageSize: 10 }), "Mehr laden (10 weitere)");
  assert.equal(moreText({ total: 10, shown: 10, pageSize: 10 }), null);
  assert.equal(moreText({ total: 5, shown: 0, pageSize: 10 }), null);
});

test("a hit's topics use the API's labels, else the facet labels", () => {
  const labels = labelsOf(LISTED_FACETS);
  const hit = { topics: [{ key: "robotik", label: "Robotik" }, "ki", { key: "" }, null, 3] };
  assert.deepEqual(hitTopics(hit, labels), ["Robotik", "Künstliche Intelligenz (KI)"]);
  assert.deepEqual(hitTopics({}, labels), []);
});

test("a hit's centre is its name, else its key", () => {
  const labels = labelsOf([]);
  assert.equal(
    hitCenter({ center: "hds", center_name: "Haus der Selbstständigen" }, labels),
    "Haus der Selbstständigen",
  );
  assert.equal(hitCenter({ center: "hds" }, labels), "hds");
});

test("plural counts in German", () => {
  assert.equal(plural(1, "Treffer", "Treffer"), "1 Treffer");
  assert.equal(plural(12000, "Konzept", "Konzepte"), "12.000 Konzepte");
});
