// Pagefind wants every word; the fallback also counts records that have some of them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  countFilters,
  mergeAnswers,
  queryWords,
  searchAnyWord,
} from "../../site_overrides/assets/javascripts/kb/anyword.mjs";

const r = (id, score = 1) => ({ id, score });

test("query words: distinct, lower case, three letters or more, any script", () => {
  assert.deepEqual(queryWords("Wie bringe ich ChatGPT bei? ChatGPT!"), [
    "wie",
    "bringe",
    "ich",
    "chatgpt",
    "bei",
  ]);
  assert.deepEqual(queryWords("KI in der Qualitätsprüfung"), ["der", "qualitätsprüfung"]);
  assert.deepEqual(queryWords(""), []);
  assert.deepEqual(queryWords(null), []);
});

test("the whole query's results come first, then by words matched, then by score", () => {
  const merged = mergeAnswers(
    [r("w")],
    [
      ["kamera", [r("a", 2), r("b", 1)]],
      ["prüfung", [r("b", 5), r("w")]],
      ["fehler", [r("c", 9)]],
    ],
    100,
  );
  assert.deepEqual(
    merged.map((x) => x.id),
    ["w", "b", "c", "a"],
  );
});

test("a word found in most records counts for nothing", () => {
  const everywhere = Array.from({ length: 50 }, (_, i) => r(`x${i}`));
  const merged = mergeAnswers(
    [],
    [
      ["der", everywhere],
      ["kamera", [r("a")]],
    ],
    100,
  );
  assert.deepEqual(
    merged.map((x) => x.id),
    ["a"],
  );
});

test("a record must have a third of the useful words", () => {
  const each = ["eins", "zwei", "drei", "vier", "fünf", "sechs"].map((w) => [w, [r(w)]]);
  each.push(["sieben", [r("viele")]], ["acht", [r("viele")]]);
  assert.deepEqual(
    mergeAnswers([], each, 100).map((x) => x.id),
    [],
  );
  each.push(["neun", [r("viele")]]);
  assert.deepEqual(
    mergeAnswers([], each, 100).map((x) => x.id),
    ["viele"],
  );
});

test("searchAnyWord asks for the whole query, every record and each word, with the filters", async () => {
  const calls = [];
  const pagefind = {
    search: async (query, options) => {
      calls.push([query, options]);
      if (query === null) return { results: [r("a"), r("b"), r("c"), r("d")] };
      return { results: query === "kamera" ? [r("a")] : [] };
    },
  };
  const filters = { topic: { any: ["ki"] } };
  const found = await searchAnyWord(pagefind, "Kamera Prüfung", filters);
  assert.deepEqual(
    found.map((x) => x.id),
    ["a"],
  );
  assert.deepEqual(calls, [
    ["Kamera Prüfung", { filters }],
    [null, {}],
    ["kamera", { filters }],
    ["prüfung", { filters }],
  ]);
});

test("one word needs no second search", async () => {
  let searches = 0;
  const pagefind = { search: async () => (searches++, { results: [r("a")] }) };
  assert.deepEqual(
    (await searchAnyWord(pagefind, "Cobot", {})).map((x) => x.id),
    ["a"],
  );
  assert.equal(searches, 1);
});

test("filter counts from loaded records", () => {
  assert.deepEqual(
    countFilters([
      { filters: { topic: ["ki", "robotik"], status: ["erprobt"] } },
      { filters: { topic: ["ki"] } },
      null,
      { filters: "kaputt" },
    ]),
    { topic: { ki: 2, robotik: 1 }, status: { erprobt: 1 } },
  );
});
