// Test helpers: a window with location and history, and an API answering from a table.

/** A window stand-in: location, a history stack, popstate listeners and timers. */
export function fakeWindow(href = "https://kb.example/suche/") {
  const listeners = new Map();
  const entries = [{ state: null, url: new URL(href) }];
  let index = 0;
  const current = () => entries[index];
  const win = {
    location: {
      get pathname() {
        return current().url.pathname;
      },
      get search() {
        return current().url.search;
      },
      get hash() {
        return current().url.hash;
      },
      get href() {
        return current().url.href;
      },
    },
    history: {
      get state() {
        return current().state;
      },
      get length() {
        return entries.length;
      },
      pushState(state, _title, url) {
        entries.splice(index + 1, Infinity, { state, url: new URL(url, current().url) });
        index += 1;
      },
      replaceState(state, _title, url) {
        entries[index] = { state, url: new URL(url, current().url) };
      },
      back() {
        index -= 1;
        for (const listener of listeners.get("popstate") || [])
          listener({ state: current().state });
      },
    },
    addEventListener(type, listener) {
      if (!listeners.has(type)) listeners.set(type, []);
      listeners.get(type).push(listener);
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
  };
  return win;
}

/** An Api stand-in: facets() and search() answer from functions; every call is recorded. */
export function fakeApi({ facets, search }) {
  const calls = [];
  return {
    calls,
    knownOffline: () => false,
    facets: async () => {
      calls.push(["facets"]);
      return facets();
    },
    search: async (params) => {
      calls.push(["search", params]);
      return search(params);
    },
  };
}

/** Facets as GET /api/facets sends them. */
export const API_FACETS = {
  total: 3,
  facets: {
    topic: {
      label: "Thema",
      values: [
        { value: "ki", label: "Künstliche Intelligenz (KI)", count: 2 },
        { value: "robotik", label: "Robotik und Automatisierung", count: 1 },
      ],
    },
    status: {
      label: "Status",
      values: [
        { value: "erprobt", label: "Erprobt", count: 2 },
        { value: "entwurf", label: "Entwurf", count: 1 },
      ],
    },
  },
};

/** The same facets as katalog/concepts.json and facets.json list them. */
export const LISTED_FACETS = [
  {
    key: "topic",
    label: "Thema",
    values: [
      { value: "ki", label: "Künstliche Intelligenz (KI)" },
      { value: "robotik", label: "Robotik und Automatisierung" },
    ],
  },
  {
    key: "status",
    label: "Status",
    values: [
      { value: "erprobt", label: "Erprobt" },
      { value: "entwurf", label: "Entwurf" },
    ],
  },
];

/** Resolve once every pending promise callback has run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
