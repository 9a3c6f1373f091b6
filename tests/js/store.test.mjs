import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiError, ApiUnavailable } from "../../site_overrides/assets/javascripts/kb/api.mjs";
import { SearchStore, searchParams } from "../../site_overrides/assets/javascripts/kb/store.mjs";
import { withoutCounts } from "../../site_overrides/assets/javascripts/kb/withoutcounts.mjs";
import { API_FACETS, LISTED_FACETS, fakeApi, fakeWindow, settle } from "./fakes.mjs";

const hits = (...ids) => ids.map((id) => ({ id, title: id, url: `konzepte/${id}/` }));
const query = (params) => new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString();
const searches = (api) => api.calls.filter(([kind]) => kind === "search").map(([, p]) => query(p));

/** A store on a fake window and API that records every event it emits. */
function setUp({ url = "https://kb.example/suche/", search, facets, fallback, entry } = {}) {
  const win = fakeWindow(url);
  if (entry) win.history.replaceState(entry, "", url);
  const api = fakeApi({
    facets: facets || (() => API_FACETS),
    search: search || (() => ({ total: 2, results: hits("a", "b"), facets: { topic: { ki: 2 } } })),
  });
  const store = new SearchStore(api, { win, debounceMs: 5, fallback: fallback || null });
  const events = [];
  const record = (name) => store.on(name, (detail) => events.push([name, detail]));
  ["state", "idle", "results", "ok", "fallback", "unavailable", "error", "without"].forEach(record);
  const names = () => events.map(([name]) => name);
  return { win, api, store, events, names };
}

/** An index of ``total`` hits that answers any page of it. */
function pagedSearch(total) {
  const all = Array.from({ length: total }, (_, i) => `k${i}`);
  return (params) => {
    const get = (key) => Number(params.find(([name]) => name === key)[1]);
    const page = all.slice(get("offset"), get("offset") + get("limit"));
    return { total, results: hits(...page), facets: {} };
  };
}

/** The keyword search as the store sees it: facets as katalog/concepts.json lists them. */
const standIn = (search) =>
  fakeApi({
    facets: () => ({ facets: LISTED_FACETS, concepts: [] }),
    search: search || (() => ({ total: 1, results: hits("z"), facets: {} })),
  });
const offline = () => {
  throw new ApiUnavailable("HTTP 404");
};

test("searchParams sends query, page and filters in facet order", () => {
  const state = { query: "KI", filters: { status: ["erprobt"], topic: ["ki"] } };
  assert.equal(
    query(searchParams(state, LISTED_FACETS, { offset: 10 })),
    "q=KI&limit=10&offset=10&topic=ki&status=erprobt",
  );
});

test("start searches for the URL's query with its filters once the facets are known", async () => {
  const { api, store, events } = setUp({ url: "https://kb.example/suche/?frage=KI&topic=ki" });
  await store.start();
  await settle();
  assert.equal(api.calls[0][0], "facets");
  assert.deepEqual(searches(api), ["q=KI&limit=10&offset=0&topic=ki"]);
  const [, results] = events.find(([name]) => name === "results");
  assert.deepEqual(
    results.hits.map((hit) => hit.id),
    ["a", "b"],
  );
  assert.equal(results.appendedFrom, null);
  assert.equal(store.labels.value("topic", "ki"), "Künstliche Intelligenz (KI)");
});

test("start without a query is idle and searches nothing", async () => {
  const { api, store, names } = setUp();
  await store.start();
  assert.deepEqual(searches(api), []);
  assert.deepEqual(names(), ["idle"]);
});

test("without the API the page is told so, and retry tries again", async () => {
  let online = false;
  const { store, names } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    facets: () => {
      if (!online) throw new ApiUnavailable("HTTP 404");
      return API_FACETS;
    },
  });
  await store.start();
  assert.deepEqual(names(), ["unavailable"]);
  online = true;
  await store.retry();
  await settle();
  assert.deepEqual(names(), ["unavailable", "ok", "results"]);
});

test("a filter adds a history entry and back takes it away again", async () => {
  const { win, api, store, events } = setUp({ url: "https://kb.example/suche/?frage=KI" });
  await store.start();
  await settle();
  store.setFilter("status", "erprobt", true);
  await settle();
  assert.equal(win.location.search, "?frage=KI&status=erprobt");
  assert.equal(win.history.length, 2);
  win.history.back();
  await settle();
  assert.deepEqual(store.state, { query: "KI", filters: {} });
  assert.deepEqual(searches(api), [
    "q=KI&limit=10&offset=0",
    "q=KI&limit=10&offset=0&status=erprobt",
    "q=KI&limit=10&offset=0",
  ]);
  assert.deepEqual(events.filter(([name]) => name === "state").at(-1)[1], store.state);
});

test("typing searches once it pauses, in one history entry", async () => {
  const { win, api, store } = setUp();
  await store.start();
  for (const text of ["K", "KI", "KI in der"]) store.type(text);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(searches(api), ["q=KI+in+der&limit=10&offset=0"]);
  store.type("KI in der Qualitätsprüfung");
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(win.history.length, 2);
  assert.equal(win.location.search, "?frage=KI+in+der+Qualit%C3%A4tspr%C3%BCfung");
});

test("a click on a filter takes over text typed just before", async () => {
  const { api, store } = setUp({ url: "https://kb.example/suche/?frage=KI" });
  await store.start();
  await settle();
  store.type("Robotik ");
  store.setFilter("topic", "robotik", true);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(searches(api).slice(1), ["q=Robotik&limit=10&offset=0&topic=robotik"]);
});

test("the API's German message becomes an error event", async () => {
  const { store, events } = setUp({
    url: "https://kb.example/suche/?frage=KI&topic=kl",
    search: () => {
      throw new ApiError("Unbekanntes Thema 'kl' – meinten Sie 'ki'?");
    },
  });
  await store.start();
  await settle();
  assert.deepEqual(events.at(-1), ["error", "Unbekanntes Thema 'kl' – meinten Sie 'ki'?"]);
  assert.equal(store.results, null);
});

test("an answer overtaken by a newer search is dropped", async () => {
  const answers = [];
  const { store, events } = setUp({
    search: (params) => new Promise((resolve) => answers.push([query(params), resolve])),
  });
  await store.start();
  store.submit("alt");
  store.submit("neu");
  await settle();
  for (const [q, resolve] of answers.reverse()) resolve({ total: 1, results: hits(q), facets: {} });
  await settle();
  const shown = events.filter(([name]) => name === "results").map(([, r]) => r.searched.query);
  assert.deepEqual(shown, ["neu"]);
});

test("Mehr laden appends unseen hits and stops when nothing new comes", async () => {
  const pages = [
    { total: 3, results: hits("a", "b"), facets: {} },
    { total: 3, results: hits("b", "c"), facets: {} },
    { total: 3, results: hits("c"), facets: {} },
  ];
  const { store, events } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    search: () => pages.shift(),
  });
  await store.start();
  await settle();
  await store.loadMore();
  assert.deepEqual(
    store.results.hits.map((hit) => hit.id),
    ["a", "b", "c"],
  );
  assert.equal(events.at(-1)[1].appendedFrom, 2);
  await store.loadMore();
  assert.equal(store.results.total, 3);
});

test("an empty result with filters asks what dropping each one would find", async () => {
  const { api, store, events } = setUp({
    url: "https://kb.example/suche/?frage=KI&topic=ki&status=entwurf",
    search: (params) => {
      const text = query(params);
      if (text.includes("topic=ki&status=entwurf")) return { total: 0, results: [], facets: {} };
      return { total: text.includes("status") ? 4 : 0, results: [], facets: {} };
    },
  });
  store.add(withoutCounts());
  await store.start();
  await settle();
  await settle();
  assert.deepEqual(searches(api).slice(1), [
    "q=KI&limit=1&offset=0&status=entwurf",
    "q=KI&limit=1&offset=0&topic=ki",
    "q=KI&limit=1&offset=0",
  ]);
  assert.deepEqual(
    events.filter(([name]) => name === "without").map(([, detail]) => detail),
    [{ key: "topic", value: "ki", total: 4 }],
  );
});

test("coming back to an entry that had 25 hits loads 25 at once", async () => {
  const { api, store, events } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    entry: { kbState: true, kbShown: 25 },
    search: pagedSearch(40),
  });
  await store.start();
  await settle();
  assert.deepEqual(searches(api), ["q=KI&limit=25&offset=0"]);
  const shown = events.filter(([name]) => name === "results").map(([, r]) => r);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].hits.length, 25);
  assert.equal(shown[0].appendedFrom, null);
});

test("more hits than the API sends at once come back in pages of 50", async () => {
  const { api, store } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    entry: { kbShown: 120 },
    search: pagedSearch(200),
  });
  await store.start();
  await settle();
  assert.deepEqual(searches(api), [
    "q=KI&limit=50&offset=0",
    "q=KI&limit=50&offset=50",
    "q=KI&limit=20&offset=100",
  ]);
  assert.equal(store.results.hits.length, 120);
});

test("Mehr laden keeps the loaded count in the history entry without adding one", async () => {
  const { win, store } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    search: pagedSearch(40),
  });
  await store.start();
  await settle();
  assert.equal(win.history.state.kbShown, 10);
  await store.loadMore();
  await store.loadMore();
  assert.equal(win.history.state.kbShown, 30);
  assert.equal(win.history.length, 1);
});

test("back to an entry with more loaded loads as many again", async () => {
  const { win, api, store } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    search: pagedSearch(40),
  });
  await store.start();
  await settle();
  await store.loadMore();
  store.setFilter("status", "erprobt", true);
  await settle();
  win.history.back();
  await settle();
  assert.equal(searches(api).at(-1), "q=KI&limit=20&offset=0");
  assert.equal(store.results.hits.length, 20);
});

test("without the API the keyword search answers and the page is told so", async () => {
  const keywords = standIn();
  const { api, store, names } = setUp({
    url: "https://kb.example/suche/?frage=KI&topic=ki",
    facets: offline,
    fallback: () => keywords,
  });
  await store.start();
  await settle();
  assert.deepEqual(searches(api), []);
  assert.deepEqual(searches(keywords), ["q=KI&limit=10&offset=0&topic=ki"]);
  assert.deepEqual(names(), ["fallback", "fallback", "results"]);
  assert.equal(store.labels.value("topic", "ki"), "Künstliche Intelligenz (KI)");
});

test("a page that found no API a moment ago asks the keyword search straight away", async () => {
  const keywords = standIn();
  const { api, store } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    fallback: () => keywords,
  });
  api.knownOffline = () => true;
  await store.start();
  await settle();
  assert.deepEqual(api.calls, []);
  assert.deepEqual(searches(keywords), ["q=KI&limit=10&offset=0"]);
});

test("when neither the API nor the keyword search answers the page is told so", async () => {
  const { store, names } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    facets: offline,
    fallback: () => fakeApi({ facets: offline, search: offline }),
  });
  await store.start();
  assert.deepEqual(names(), ["unavailable"]);
});

test("the API's German message is shown, not replaced by the keyword search", async () => {
  const keywords = standIn();
  const { store, events } = setUp({
    url: "https://kb.example/suche/?frage=KI&topic=kl",
    search: () => {
      throw new ApiError("Unbekanntes Thema 'kl' – meinten Sie 'ki'?");
    },
    fallback: () => keywords,
  });
  await store.start();
  await settle();
  assert.equal(events.at(-1)[0], "error");
  assert.deepEqual(keywords.calls, []);
});

test("an API that goes away mid-session hands the same search to the keyword search", async () => {
  let online = true;
  const keywords = standIn();
  const { store, names } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    search: () => {
      if (!online) throw new ApiUnavailable("HTTP 502");
      return { total: 2, results: hits("a", "b"), facets: {} };
    },
    fallback: () => keywords,
  });
  await store.start();
  await settle();
  online = false;
  store.setFilter("status", "erprobt", true);
  await settle();
  await settle();
  assert.deepEqual(searches(keywords), ["q=KI&limit=10&offset=0&status=erprobt"]);
  assert.deepEqual(
    store.results.hits.map((hit) => hit.id),
    ["z"],
  );
  assert.ok(!names().includes("unavailable"));
});

test("retry goes back to the API once it answers again", async () => {
  let online = false;
  const keywords = standIn();
  const { api, store, names } = setUp({
    url: "https://kb.example/suche/?frage=KI",
    facets: () => (online ? API_FACETS : offline()),
    fallback: () => keywords,
  });
  await store.start();
  await settle();
  online = true;
  await store.retry();
  await settle();
  assert.equal(store.usingFallback, false);
  assert.deepEqual(searches(api), ["q=KI&limit=10&offset=0"]);
  assert.deepEqual(names().slice(-2), ["ok", "results"]);
});
