import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ScrollMemory,
  navigationType,
  rememberShown,
  returnsTo,
  scrollKey,
  shownIn,
  storedShown,
  withShown,
} from "../../site_overrides/assets/javascripts/kb/place.mjs";
import { fakeWindow } from "./fakes.mjs";

function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
  };
}

test("shownIn loads at least a page, what the entry had, and never without bound", () => {
  assert.equal(shownIn(null, 10), 10);
  assert.equal(shownIn({ kbState: true }, 10), 10);
  assert.equal(shownIn({ kbShown: 30 }, 10), 30);
  assert.equal(shownIn({ kbShown: 3 }, 10), 10);
  assert.equal(shownIn({ kbShown: "30" }, 10), 10);
  assert.equal(shownIn({ kbShown: 10_000 }, 10), 200);
});

test("withShown keeps the entry's other keys and the object when nothing changes", () => {
  const entry = { kbState: true, kbTyping: true };
  assert.deepEqual(withShown(entry, 20), { kbState: true, kbTyping: true, kbShown: 20 });
  assert.deepEqual(entry, { kbState: true, kbTyping: true });
  const same = { kbShown: 20 };
  assert.equal(withShown(same, 20), same);
  assert.deepEqual(withShown(null, 10), { kbShown: 10 });
});

test("rememberShown replaces the current entry and adds none", () => {
  const win = fakeWindow("https://kb.example/suche/?frage=KI");
  rememberShown(20, win);
  rememberShown(20, win);
  assert.equal(win.history.length, 1);
  assert.deepEqual(win.history.state, { kbShown: 20 });
  assert.equal(win.location.search, "?frage=KI");
});

test("the scroll position is kept per page and query, not per hash", () => {
  const at = (href) => new URL(href);
  assert.equal(scrollKey(at("https://kb.example/suche/?frage=KI")), "kb-scroll /suche/?frage=KI");
  assert.equal(
    scrollKey(at("https://kb.example/suche/?frage=KI#x")),
    scrollKey(at("https://kb.example/suche/?frage=KI")),
  );
});

test("only a reader coming back to a scrolled page is taken back to the position", () => {
  assert.equal(returnsTo("back_forward", 1200), true);
  assert.equal(returnsTo("reload", 1200), true);
  assert.equal(returnsTo("navigate", 1200), false);
  assert.equal(returnsTo("back_forward", 0), false);
});

test("navigationType reads the navigation timing entry, else says navigate", () => {
  const win = { performance: { getEntriesByType: () => [{ type: "back_forward" }] } };
  assert.equal(navigationType(win), "back_forward");
  assert.equal(navigationType({ performance: { getEntriesByType: () => [] } }), "navigate");
  assert.equal(navigationType({}), "navigate");
});

test("ScrollMemory saves the position of the current URL and reads it back", () => {
  const win = fakeWindow("https://kb.example/suche/?frage=KI");
  win.sessionStorage = memoryStorage();
  win.scrollY = 1234.4;
  const memory = new ScrollMemory(win);
  assert.equal(memory.saved(), 0);
  memory.save();
  assert.equal(memory.saved(), 1234);
  win.history.pushState(null, "", "/suche/?frage=Robotik");
  assert.equal(memory.saved(), 0);
});

test("ScrollMemory with blocked storage remembers nothing and does not throw", () => {
  const win = fakeWindow();
  const blocked = () => {
    throw new Error("SecurityError");
  };
  win.sessionStorage = { getItem: blocked, setItem: blocked };
  win.scrollY = 50;
  const memory = new ScrollMemory(win);
  memory.save();
  assert.equal(memory.saved(), 0);
  Object.defineProperty(win, "sessionStorage", { get: blocked });
  assert.equal(new ScrollMemory(win).saved(), 0);
});

test("the shown count is also kept per URL in sessionStorage, for a replaced history state", () => {
  const items = new Map();
  const win = {
    location: {
      pathname: "/suche/",
      search: "?frage=KI",
      href: "https://kb.example/suche/?frage=KI",
    },
    history: {
      state: null,
      replaceState(state) {
        this.state = state;
      },
    },
    sessionStorage: { setItem: (k, v) => items.set(k, v), getItem: (k) => items.get(k) ?? null },
  };
  rememberShown(14, win);
  win.history.state = { kbState: true }; // another script replaced the entry's state
  assert.equal(storedShown(win), 14);
  win.location.search = "?frage=anders";
  assert.equal(storedShown(win), 0);
  assert.equal(
    storedShown({
      location: win.location,
      get sessionStorage() {
        throw new Error("blockiert");
      },
    }),
    0,
  );
});
