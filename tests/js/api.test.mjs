import assert from "node:assert/strict";
import { test } from "node:test";

import {
  Api,
  ApiError,
  ApiUnavailable,
  readJson,
} from "../../site_overrides/assets/javascripts/kb/api.mjs";

const ROOT = new URL("https://kb.example/api/");
const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

test("readJson returns a JSON object of a successful answer", async () => {
  assert.deepEqual(await readJson(json({ total: 1 })), { total: 1 });
});

test("readJson turns a 4xx with a German detail into ApiError", async () => {
  const err = await readJson(json({ detail: "Unbekanntes Thema 'kl'" }, 400)).catch((e) => e);
  assert.ok(err instanceof ApiError);
  assert.equal(err.message, "Unbekanntes Thema 'kl'");
});

test("readJson gives a generic message for a 4xx whose detail is no text", async () => {
  const err = await readJson(json({ detail: [{ loc: ["q"] }] }, 422)).catch((e) => e);
  assert.equal(err.message, "Die Anfrage ist ungültig.");
});

test("readJson treats an HTML page, a 5xx and a 404 without detail as no API", async () => {
  const answers = [
    new Response("<!doctype html><title>404</title>", { status: 404 }),
    new Response("<!doctype html>", { status: 200 }),
    json({ detail: "kaputt" }, 500),
    json({}, 404),
  ];
  for (const response of answers) {
    assert.ok((await readJson(response).catch((e) => e)) instanceof ApiUnavailable);
  }
});

test("Api asks the right URL and remembers nothing when the API answers", async () => {
  const storage = memoryStorage();
  const seen = [];
  const api = new Api(ROOT, {
    storage,
    fetch: async (url) => {
      seen.push(String(url));
      return json({ results: [] });
    },
  });
  await api.similar("ki/kompass", 5);
  await api.search([
    ["q", "KI"],
    ["topic", "ki"],
  ]);
  assert.deepEqual(seen, [
    "https://kb.example/api/concepts/ki%2Fkompass/similar?limit=5",
    "https://kb.example/api/search?q=KI&topic=ki",
  ]);
  assert.equal(api.knownOffline(), false);
});

test("a network error is ApiUnavailable and is remembered for a while", async () => {
  let now = 1_000;
  const storage = memoryStorage();
  const api = new Api(ROOT, {
    storage,
    now: () => now,
    fetch: async () => {
      throw new TypeError("Failed to fetch");
    },
  });
  assert.ok((await api.facets().catch((e) => e)) instanceof ApiUnavailable);
  assert.equal(api.knownOffline(), true);
  now += 5 * 60 * 1000 + 1;
  assert.equal(api.knownOffline(), false);
});

test("a later answer forgets that the API was missing", async () => {
  const storage = memoryStorage();
  let online = false;
  const api = new Api(ROOT, {
    storage,
    fetch: async () => (online ? json({ facets: {} }) : new Response("nope", { status: 502 })),
  });
  await api.facets().catch(() => {});
  assert.equal(api.knownOffline(), true);
  online = true;
  await api.facets();
  assert.equal(api.knownOffline(), false);
  assert.equal(storage.items.size, 0);
});

test("an aborted request is passed on as it is, not as a failure", async () => {
  const api = new Api(ROOT, {
    storage: null,
    fetch: async () => {
      throw new DOMException("aborted", "AbortError");
    },
  });
  const err = await api.search([]).catch((e) => e);
  assert.equal(err.name, "AbortError");
});

test("blocked storage does not break the client", async () => {
  const blocked = {
    getItem() {
      throw new Error("SecurityError");
    },
    setItem() {
      throw new Error("SecurityError");
    },
    removeItem() {
      throw new Error("SecurityError");
    },
  };
  const api = new Api(ROOT, { storage: blocked, fetch: async () => json({}, 503) });
  assert.ok((await api.facets().catch((e) => e)) instanceof ApiUnavailable);
  assert.equal(api.knownOffline(), false);
});

/** A fetch that never answers until its signal aborts it, as fetch does. */
const hanging = async (_url, { signal }) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

test("an API that does not answer in time is ApiUnavailable", async () => {
  const storage = memoryStorage();
  const api = new Api(ROOT, { storage, timeoutMs: 10, fetch: hanging });
  const err = await api.facets().catch((e) => e);
  assert.ok(err instanceof ApiUnavailable, err);
  assert.equal(api.knownOffline(), true);
});

test("the caller's abort stays an abort, also with a timeout running", async () => {
  const api = new Api(ROOT, { storage: null, timeoutMs: 60_000, fetch: hanging });
  const controller = new AbortController();
  const pending = api.search([["q", "KI"]], controller.signal).catch((e) => e);
  controller.abort();
  const err = await pending;
  assert.equal(err.name, "AbortError");
});

test("a 4xx with a message is the API answering, not the API missing", async () => {
  const storage = memoryStorage();
  const api = new Api(ROOT, { storage, fetch: async () => json({ detail: "Ungültig" }, 422) });
  assert.ok((await api.search([]).catch((e) => e)) instanceof ApiError);
  assert.equal(api.knownOffline(), false);
});
