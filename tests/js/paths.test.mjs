import assert from "node:assert/strict";
import { test } from "node:test";

import {
  apiRoot,
  hitHref,
  resolveApiRoot,
  resolveSiteRoot,
  siteRoot,
  urlUnder,
} from "../../site_overrides/assets/javascripts/kb/paths.mjs";

const PAGE = "https://host.example/kb/konzepte/ki-kompass/";

test("the site root is the page's relative base_url, also under a sub-path", () => {
  assert.equal(resolveSiteRoot("../..", null, PAGE).href, "https://host.example/kb/");
  assert.equal(resolveSiteRoot("../../", null, PAGE).href, "https://host.example/kb/");
  assert.equal(
    resolveSiteRoot(".", null, "https://host.example/kb/").href,
    "https://host.example/kb/",
  );
});

test("without the meta tag the theme's config base counts, else the origin's root", () => {
  assert.equal(resolveSiteRoot(null, "../..", PAGE).href, "https://host.example/kb/");
  assert.equal(resolveSiteRoot(null, null, PAGE).href, "https://host.example/");
});

test("an empty API base means api/ under the site root", () => {
  const root = new URL("https://host.example/kb/");
  assert.equal(resolveApiRoot("", root, PAGE).href, "https://host.example/kb/api/");
  assert.equal(resolveApiRoot("  ", root, PAGE).href, "https://host.example/kb/api/");
});

test("a configured API base may name the host or the api path", () => {
  const root = new URL("https://host.example/kb/");
  for (const base of ["https://api.example", "https://api.example/", "https://api.example/api"]) {
    assert.equal(resolveApiRoot(base, root, PAGE).href, "https://api.example/api/", base);
  }
  assert.equal(
    resolveApiRoot("/suche-api", root, PAGE).href,
    "https://host.example/suche-api/api/",
  );
});

test("urlUnder appends repeated parameters", () => {
  const url = urlUnder(new URL("https://h.example/api/"), "search", [
    ["q", "KI & mehr"],
    ["topic", "ki"],
    ["topic", "robotik"],
    ["limit", 10],
  ]);
  assert.equal(
    url.href,
    "https://h.example/api/search?q=KI+%26+mehr&topic=ki&topic=robotik&limit=10",
  );
});

test("a hit's url is resolved against the site root", () => {
  const root = new URL("https://host.example/kb/");
  assert.equal(
    hitHref("konzepte/ki-kompass/", root),
    "https://host.example/kb/konzepte/ki-kompass/",
  );
  assert.equal(hitHref("https://other.example/x/", root), "https://other.example/x/");
});

test("a hit without a usable http(s) url gets no link", () => {
  const root = new URL("https://host.example/kb/");
  for (const url of [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,x",
    "",
    null,
    7,
  ]) {
    assert.equal(hitHref(url, root), null, String(url));
  }
});

test("siteRoot and apiRoot read the page's meta tags", () => {
  const meta = { "kb-site-root": "..", "kb-api-base": "" };
  const doc = {
    querySelector: (selector) => {
      const name = /name="([^"]+)"/.exec(selector)[1];
      return name in meta ? { getAttribute: () => meta[name] } : null;
    },
    getElementById: () => null,
  };
  const page = "https://host.example/kb/suche/";
  assert.equal(siteRoot(doc, page).href, "https://host.example/kb/");
  assert.equal(apiRoot(doc, page).href, "https://host.example/kb/api/");
});
