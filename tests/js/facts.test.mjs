// The key facts of a card (dl.kb-facts), built on a fake DOM and compared with the markup the
// site's generator writes into the catalogue cards.
import assert from "node:assert/strict";
import { test } from "node:test";

import { labelsOf } from "../../site_overrides/assets/javascripts/kb/facets.mjs";
import { factRows, renderFacts } from "../../site_overrides/assets/javascripts/kb/views/facts.mjs";
import { renderHit } from "../../site_overrides/assets/javascripts/kb/views/results.mjs";
import { renderSimilar } from "../../site_overrides/assets/javascripts/kb/views/similar.mjs";
import { findAll, installFakeDom, serialize } from "./fakedom.mjs";

installFakeDom();

const VALUES = {
  audience: "Beschäftigte, Führungskräfte",
  formats: "Workshop, Lernfabrik",
  duration: "2 × 4 Stunden",
  evidence: "erprobt in 3 Betrieben mit 40 Teilnehmenden seit März 2024",
};
const LABELS = {
  audience: "Zielgruppe",
  formats: "Format",
  duration: "Dauer",
  evidence: "Erprobung",
};
const fact = (key, value = VALUES[key]) => ({ key, label: LABELS[key], value });
const FULL = Object.keys(VALUES).map((key) => fact(key));
const row = (label, value) => `<div><dt>${label}</dt><dd>${value}</dd></div>`;
const options = { labels: labelsOf([]), siteRoot: "https://kb.example/" };
const hit = (facts) => ({ id: "a", title: "A", url: "konzepte/a/", summary: "Kurz.", facts });

test("all four facts render as the generator's dl.kb-facts, in its order", () => {
  assert.equal(
    serialize(renderFacts(FULL)),
    '<dl class="kb-facts">' +
      row("Zielgruppe", VALUES.audience) +
      row("Format", VALUES.formats) +
      row("Dauer", VALUES.duration) +
      row("Erprobung", VALUES.evidence) +
      "</dl>",
  );
});

test("rows without a label or value are left out", () => {
  const facts = [fact("audience"), fact("formats"), fact("duration", null), null];
  assert.equal(
    serialize(renderFacts(facts)),
    `<dl class="kb-facts">${row("Zielgruppe", VALUES.audience)}${row("Format", VALUES.formats)}</dl>`,
  );
  const odd = [
    fact("audience", "Alle"),
    fact("formats", ""),
    fact("duration", 3),
    fact("evidence", "  "),
  ];
  odd.push({ key: "x", label: "", value: "ohne Bezeichnung" });
  assert.deepEqual(
    factRows(odd).map((r) => r.key),
    ["audience"],
  );
});

test("missing facts (an older index or API) render nothing", () => {
  for (const facts of [undefined, null, "Workshop", {}, VALUES]) {
    assert.deepEqual(factRows(facts), []);
    assert.equal(renderFacts(facts), null);
  }
});

test("values reach the DOM as text, never as markup", () => {
  const evil = "<script>alert(1)</script> & <b>fett</b>";
  const list = renderFacts([fact("audience", evil), ...FULL.slice(1)]);
  const [dd] = findAll(list, "dd");
  assert.equal(dd.textContent, evil);
  assert.deepEqual(dd.children, []);
  assert.equal(findAll(list, "script").length, 0);
  assert.match(serialize(dd), /^<dd>&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &lt;b&gt;/);
});

test("a result card shows the facts after its summary and before its topics", () => {
  const card = renderHit({ ...hit(FULL), topics: [{ key: "ki", label: "KI" }] }, options);
  const body = findAll(card, "article")[0];
  const classes = body.children.map((node) => node.className || node.tagName.toLowerCase());
  assert.deepEqual(classes.slice(-3), ["kb-hit__snippet", "kb-facts", "kb-pills kb-hit__topics"]);
});

test("a similar concept shows the facts after its summary", () => {
  const [, list] = renderSimilar([hit(FULL.slice(0, 3))], options);
  const item = findAll(list, ".kb-similar__item")[0];
  assert.deepEqual(
    item.children.map((node) => node.className),
    ["kb-similar__link", "kb-similar__summary", "kb-facts"],
  );
  assert.equal(findAll(item, "dt").length, 3);
});

test("cards without facts have no facts list", () => {
  assert.equal(findAll(renderHit(hit(undefined), options), ".kb-facts").length, 0);
  assert.equal(findAll(renderSimilar([hit(null)], options)[1], ".kb-facts").length, 0);
});
