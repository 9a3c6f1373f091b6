import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MAX_QUERY,
  activeFilters,
  historyMode,
  parseState,
  remember,
  stateSearch,
  withFilter,
} from "../../site_overrides/assets/javascripts/kb/urlstate.mjs";
import { LISTED_FACETS, fakeWindow } from "./fakes.mjs";

test("parseState reads the query from frage and one parameter per facet", () => {
  const state = parseState("?frage=%20KI%20&topic=ki&topic=robotik&status=erprobt", LISTED_FACETS);
  assert.deepEqual(state, {
    query: "KI",
    filters: { topic: ["ki", "robotik"], status: ["erprobt"] },
  });
});

test("parseState ignores parameters that are no facet, empty values and repeats", () => {
  const state = parseState("?q=x&utm=y&topic=&topic=ki&topic=ki", LISTED_FACETS);
  assert.deepEqual(state, { query: "", filters: { topic: ["ki"] } });
});

test("parseState keeps unknown values unless only known values are wanted", () => {
  assert.deepEqual(parseState("?topic=kl", LISTED_FACETS).filters, { topic: ["kl"] });
  assert.deepEqual(parseState("?topic=kl", LISTED_FACETS, { knownValuesOnly: true }).filters, {});
});

test("parseState cuts an overlong query to the API's limit", () => {
  const state = parseState(`?frage=${"a".repeat(MAX_QUERY + 20)}`, LISTED_FACETS);
  assert.equal(state.query.length, MAX_QUERY);
});

test("stateSearch writes what parseState reads", () => {
  const state = {
    query: "KI in der Qualitätsprüfung",
    filters: { status: ["erprobt"], topic: ["ki"] },
  };
  assert.deepEqual(parseState(stateSearch(state, LISTED_FACETS), LISTED_FACETS), state);
});

test("stateSearch writes facets in facet order and keeps parameters it does not own", () => {
  const search = stateSearch(
    { query: "", filters: { status: ["erprobt"], topic: ["ki"] } },
    LISTED_FACETS,
    "?ref=newsletter&topic=robotik&frage=alt",
  );
  assert.equal(search, "?ref=newsletter&topic=ki&status=erprobt");
});

test("stateSearch of an empty state is an empty string", () => {
  assert.equal(stateSearch({ query: "", filters: {} }, LISTED_FACETS, "?frage=x"), "");
});

test("activeFilters lists chosen values in facet order", () => {
  const filters = { status: ["erprobt"], topic: ["robotik", "ki"], unknown: ["x"] };
  assert.deepEqual(activeFilters(filters, LISTED_FACETS), [
    ["topic", "robotik"],
    ["topic", "ki"],
    ["status", "erprobt"],
  ]);
});

test("withFilter adds and removes a value without changing its input", () => {
  const filters = { topic: ["ki"] };
  assert.deepEqual(withFilter(filters, "topic", "robotik", true), { topic: ["ki", "robotik"] });
  assert.deepEqual(withFilter(filters, "topic", "ki", false), {});
  assert.deepEqual(filters, { topic: ["ki"] });
});

test("historyMode replaces only while typing goes on in typing's own entry", () => {
  assert.equal(historyMode(null, true), "push");
  assert.equal(historyMode({ kbTyping: true }, true), "replace");
  assert.equal(historyMode({ kbTyping: true }, false), "push");
  assert.equal(historyMode({ kbTyping: false }, true), "push");
});

test("remember adds one entry for a change and none for the same state", () => {
  const win = fakeWindow("https://kb.example/katalog/#karten");
  const state = { query: "", filters: { topic: ["ki"] } };
  assert.equal(remember(state, LISTED_FACETS, { win }), true);
  assert.equal(remember(state, LISTED_FACETS, { win }), false);
  assert.equal(win.history.length, 2);
  assert.equal(win.location.href, "https://kb.example/katalog/?topic=ki#karten");
});

test("remember lets typing replace the entry its first keystrokes added", () => {
  const win = fakeWindow();
  for (const query of ["K", "KI", "KI in"])
    remember({ query, filters: {} }, [], { typing: true, win });
  assert.equal(win.history.length, 2);
  assert.equal(win.location.search, "?frage=KI+in");
  remember({ query: "KI in", filters: { topic: ["ki"] } }, LISTED_FACETS, { win });
  assert.equal(win.history.length, 3);
});
