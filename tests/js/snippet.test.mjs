import assert from "node:assert/strict";
import { test } from "node:test";

import {
  decodeEntities,
  snippetParts,
} from "../../site_overrides/assets/javascripts/kb/snippet.mjs";

test("decodeEntities undoes named, decimal and hex references", () => {
  assert.equal(
    decodeEntities("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#x27; &nbsp;"),
    `<b> & "x" 'y' \u00a0`,
  );
});

test("decodeEntities leaves unknown names and impossible code points alone", () => {
  assert.equal(decodeEntities("&bogus; &#0; &#x110000; &amp"), "&bogus; &#0; &#x110000; &amp");
});

test("snippetParts turns exactly <mark> and </mark> into marked parts", () => {
  assert.deepEqual(snippetParts("KI in der <mark>Qualitätsprüfung</mark> heute"), [
    { text: "KI in der ", mark: false },
    { text: "Qualitätsprüfung", mark: true },
    { text: " heute", mark: false },
  ]);
});

test("snippetParts keeps escaped markup as visible text", () => {
  const parts = snippetParts('&lt;img src=x onerror="alert(1)"&gt; <mark>Kamera</mark>');
  assert.deepEqual(parts, [
    { text: '<img src=x onerror="alert(1)"> ', mark: false },
    { text: "Kamera", mark: true },
  ]);
});

test("snippetParts treats other tags, also unescaped ones, as text", () => {
  assert.deepEqual(snippetParts("<b>fett</b> <MARK>x</MARK> <mark class=a>y"), [
    { text: "<b>fett</b> <MARK>x</MARK> <mark class=a>y", mark: false },
  ]);
});

test("snippetParts drops a </mark> that closes nothing", () => {
  assert.deepEqual(snippetParts("a</mark>b"), [
    { text: "a", mark: false },
    { text: "b", mark: false },
  ]);
});

test("snippetParts ignores a nested <mark> and ends an unclosed one with the snippet", () => {
  assert.deepEqual(snippetParts("<mark>a<mark>b</mark>c<mark>d"), [
    { text: "a", mark: true },
    { text: "b", mark: true },
    { text: "c", mark: false },
    { text: "d", mark: true },
  ]);
});

test("snippetParts of nothing is no parts", () => {
  assert.deepEqual(snippetParts(undefined), []);
  assert.deepEqual(snippetParts(""), []);
});
