import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiUnavailable } from "../../site_overrides/assets/javascripts/kb/api.mjs";
import { labelsOf } from "../../site_overrides/assets/javascripts/kb/facets.mjs";
import {
  StaticSearch,
  facetCounts,
  hitOf,
  pagefindFilters,
  readParams,
  siteRelative,
} from "../../site_overrides/assets/javascripts/kb/fallback.mjs";
import { renderHit } from "../../site_overrides/assets/javascripts/kb/views/results.mjs";
import { findAll, installFakeDom, serialize } from "./fakedom.mjs";
import { LISTED_FACETS } from "./fakes.mjs";

installFakeDom();

const ROOT = new URL("https://kb.example/sub/");

/** A hit as the API (and meta.kb) carries it. */
const apiHit = (id, extra = {}) => ({
  id,
  title: `Titel ${id}`,
  summary: `Kurz ${id}`,
  center: "sachsen",
  center_name: "Zukunftszentrum Sachsen",
  region: "Sachsen",
  status: "erprobt",
  topics: [{ key: "ki", label: "Künstliche Intelligenz (KI)" }],
  facts: [{ key: "audience", label: "Zielgruppe", value: "Beschäftigte" }],
  url: `konzepte/${id}/`,
  section: "",
  ...extra,
});

/** What a Pagefind result's data() resolves to for one of our records. */
const record = (id, excerpt = `Die <mark>Qualitätsprüfung</mark> bei ${id}`) => ({
  url: `/konzepte/${id}/`,
  raw_url: `konzepte/${id}/`,
  excerpt,
  meta: { title: `Titel ${id}`, kb: JSON.stringify(apiHit(id)) },
});

test("readParams reads the Api's query parameters back", () => {
  const params = [
    ["q", "KI"],
    ["limit", 10],
    ["offset", 20],
    ["topic", "ki"],
    ["topic", "robotik"],
    ["status", "erprobt"],
  ];
  assert.deepEqual(readParams(params), {
    query: "KI",
    offset: 20,
    limit: 10,
    filters: { topic: ["ki", "robotik"], status: ["erprobt"] },
  });
});

test("pagefindFilters asks for any chosen value within a facet", () => {
  assert.deepEqual(pagefindFilters({ topic: ["ki", "robotik"], status: ["erprobt"], format: [] }), {
    topic: { any: ["ki", "robotik"] },
    status: { any: ["erprobt"] },
  });
});

test("facetCounts keeps Pagefind's counts as the API's facets, without zeros", () => {
  const counts = facetCounts({
    status: { erprobt: 5, transferiert: 0 },
    topic: { ki: 0 },
    region: { "Baden-Württemberg": 1 },
  });
  assert.deepEqual(counts, { status: { erprobt: 5 }, region: { "Baden-Württemberg": 1 } });
  assert.deepEqual(facetCounts(undefined), {});
});

test("siteRelative takes Pagefind's base URL off a record's URL", () => {
  assert.equal(siteRelative("/konzepte/a/"), "konzepte/a/");
  assert.equal(siteRelative("konzepte/a/"), "konzepte/a/");
  assert.equal(siteRelative(""), null);
});

test("hitOf maps a record to the API's hit with the excerpt as snippet", () => {
  assert.deepEqual(hitOf(record("ki-sichtpruefung")), {
    ...apiHit("ki-sichtpruefung"),
    section: "",
    snippet: "Die <mark>Qualitätsprüfung</mark> bei ki-sichtpruefung",
  });
});

test("hitOf takes the record's URL over the one in meta.kb", () => {
  const data = { ...record("a"), raw_url: undefined, url: "/konzepte/neu/" };
  assert.equal(hitOf(data).url, "konzepte/neu/");
});

test("hitOf still shows a record whose meta.kb is missing or broken", () => {
  const data = { url: "/konzepte/x/", excerpt: "", meta: { title: "Titel x", kb: "{kaputt" } };
  assert.deepEqual(hitOf(data), {
    id: "konzepte/x/",
    title: "Titel x",
    url: "konzepte/x/",
    section: "",
    snippet: "",
  });
  assert.equal(hitOf({ meta: { title: "ohne URL" } }), null);
  assert.equal(hitOf(null), null);
});

test("a mapped hit renders with its title linked and only <mark> from the excerpt", () => {
  const excerpt = 'Kamera <img src=x onerror="alert(1)"> und <mark>Prüfung</mark> &amp; mehr';
  const card = renderHit(hitOf(record("a", excerpt)), {
    labels: labelsOf(LISTED_FACETS),
    siteRoot: ROOT,
  });
  const [link] = findAll(card, "a");
  assert.equal(link.getAttribute("href"), "https://kb.example/sub/konzepte/a/");
  assert.equal(link.textContent, "Titel a");
  const [snippet] = findAll(card, ".kb-hit__snippet");
  assert.equal(
    serialize(snippet),
    '<p class="kb-hit__snippet">Kamera &lt;img src=x onerror="alert(1)"&gt; und ' +
      "<mark>Prüfung</mark> &amp; mehr</p>",
  );
  assert.equal(findAll(card, "img").length, 0);
});

/** A pagefind.js stand-in: every record matches; filters keep those with a chosen status. */
function fakePagefind(records) {
  const calls = [];
  return {
    calls,
    filters: async () => ({ status: { erprobt: records.length } }),
    search: async (query, options) => {
      calls.push([query, options]);
      return {
        results: records.map((data) => ({ id: data.raw_url, data: async () => data })),
        filters: { status: { erprobt: records.length, transferiert: 0 } },
      };
    },
  };
}

const concepts = { facets: LISTED_FACETS, concepts: [] };
const okFetch = async () =>
  new Response(JSON.stringify(concepts), { headers: { "Content-Type": "application/json" } });

test("StaticSearch loads pagefind.js and the facets under the site root", async () => {
  const loaded = [];
  const fetched = [];
  const search = new StaticSearch(ROOT, {
    load: async (url) => (loaded.push(url), fakePagefind([])),
    fetch: async (url) => (fetched.push(String(url)), okFetch()),
  });
  assert.deepEqual(await search.facets(), concepts);
  assert.deepEqual(loaded, ["https://kb.example/sub/pagefind/pagefind.js"]);
  assert.deepEqual(fetched, ["https://kb.example/sub/katalog/concepts.json"]);
});

test("StaticSearch answers like the API and pages through one Pagefind search", async () => {
  const pagefind = fakePagefind(["a", "b", "c"].map((id) => record(id)));
  const search = new StaticSearch(ROOT, { load: async () => pagefind, fetch: okFetch });
  const params = (offset) => [
    ["q", "Qualitätsprüfung"],
    ["limit", 2],
    ["offset", offset],
    ["status", "erprobt"],
  ];
  const first = await search.search(params(0));
  assert.equal(first.total, 3);
  assert.deepEqual(
    first.results.map((hit) => hit.id),
    ["a", "b"],
  );
  assert.deepEqual(first.facets, { status: { erprobt: 3 } });
  const second = await search.search(params(2));
  assert.deepEqual(
    second.results.map((hit) => hit.id),
    ["c"],
  );
  assert.deepEqual(pagefind.calls, [
    ["Qualitätsprüfung", { filters: { status: { any: ["erprobt"] } } }],
  ]);
});

test("StaticSearch without a Pagefind bundle is unavailable, and may be tried again", async () => {
  let present = false;
  const search = new StaticSearch(ROOT, {
    load: async () => {
      if (!present) throw new TypeError("Failed to fetch dynamically imported module");
      return fakePagefind([]);
    },
    fetch: okFetch,
  });
  assert.ok((await search.facets().catch((e) => e)) instanceof ApiUnavailable);
  present = true;
  assert.deepEqual(await search.facets(), concepts);
});

test("StaticSearch without katalog/concepts.json is unavailable", async () => {
  const search = new StaticSearch(ROOT, {
    load: async () => fakePagefind([]),
    fetch: async () => new Response("nope", { status: 404 }),
  });
  assert.ok((await search.facets().catch((e) => e)) instanceof ApiUnavailable);
});
