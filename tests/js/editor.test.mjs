import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as YAML from "yaml";

import {
  conceptFormat,
  withoutEmpty,
} from "../../site_overrides/assets/javascripts/kb/editor/format.mjs";
import { slugify } from "../../site_overrides/assets/javascripts/kb/editor/slug.mjs";
import {
  libraryPath,
  refusal,
  withPendingUploads,
} from "../../site_overrides/assets/javascripts/kb/editor/problems.mjs";
import {
  collectionOfHash,
  newEntryHash,
  withDefaults,
} from "../../site_overrides/assets/javascripts/kb/editor/adopt.mjs";

const SLUGS = JSON.parse(readFileSync(new URL("../fixtures/slugs.json", import.meta.url), "utf8"));
const format = conceptFormat(YAML);

test("slugify derives every id exactly as kb new does", () => {
  for (const { title, id } of SLUGS) assert.equal(slugify(title), id, title);
});

test("emptied optional fields and helper fields never reach the file", () => {
  const data = {
    kb_id: "x",
    title: "Titel",
    duration: "",
    keywords: [],
    group_size: { min: null, max: "" },
    evidence: { companies: "3", participants: 12, since: "2025-01-15" },
    body: "## Ziel\n\nText.\n",
  };
  assert.deepEqual(withoutEmpty(data), {
    title: "Titel",
    evidence: { companies: 3, participants: 12, since: "2025-01-15" },
    body: "## Ziel\n\nText.\n",
  });
});

test("toFile writes plain ISO dates, integers and quotes what YAML 1.1 misreads", () => {
  const text = format.toFile(
    {
      title: "Titel: mit Doppelpunkt",
      updated: "2026-03-31",
      keywords: ["no", "KI"],
      group_size: { min: 6, max: 12 },
      body: "## Ziel\n\nText.\n",
    },
    ["title", "updated"],
  );
  assert.match(text, /^---\ntitle: "?Titel: mit Doppelpunkt"?\nupdated: 2026-03-31\n/);
  assert.match(text, /- "no"\n/);
  assert.match(text, /min: 6\n/);
  assert.ok(text.endsWith("---\n\n## Ziel\n\nText.\n"));
});

test("fromFile reads a concept file back into the same data", () => {
  const data = { title: "Ä Titel", updated: "2026-03-31", topics: ["ki"], body: "## Ziel\n\nx\n" };
  assert.deepEqual(format.fromFile(format.toFile(data, ["title"])), data);
});

test("fromFile reads CRLF files with a BOM", () => {
  const parsed = format.fromFile("\ufeff---\r\ntitle: T\r\n---\r\n\r\nText\r\n");
  assert.deepEqual(parsed, { title: "T", body: "Text\n" });
});

test("libraryPath names an existing entry by its file and a new one by its id", () => {
  assert.equal(libraryPath("concepts/sachsen/alt.md", "sachsen", "neu"), "sachsen/alt.md");
  assert.equal(libraryPath(undefined, "sachsen", "neu"), "sachsen/neu.md");
});

test("refusal lists every error with its line and field, not the warnings", () => {
  const problems = [
    { level: "error", line: 7, field: "topics.0", message: "topics.0: unbekanntes Thema 'kl'" },
    { level: "warning", line: 20, field: "", message: "Abschnitt fehlt" },
  ];
  assert.equal(
    refusal(problems),
    "Nicht gespeichert – 1 Fehler:\nZeile 7: topics.0: unbekanntes Thema 'kl'",
  );
});

test("withDefaults prefills every collection but keeps each centre's own centre", () => {
  const config = {
    collections: [
      { name: "a", fields: [{ name: "title" }, { name: "center", default: "a" }] },
      { name: "b", fields: [{ name: "title" }, { name: "center", default: "b" }] },
    ],
  };
  const filled = withDefaults(config, { title: "Vorlage", center: "x" });
  assert.deepEqual(
    filled.collections.map((c) => c.fields.map((f) => f.default)),
    [
      ["Vorlage", "a"],
      ["Vorlage", "b"],
    ],
  );
  assert.equal(collectionOfHash(newEntryHash("b")), "b");
});

test("fromFile turns a contact given as a plain name into the form's shape", () => {
  const parsed = format.fromFile("---\ntitle: T\ncontact: Erika Muster\n---\nText\n");
  assert.deepEqual(parsed.contact, { name: "Erika Muster" });
});

test("a material file uploaded but not yet saved is a note, not an error that blocks the save", () => {
  const missing = (index, file) => ({
    level: "error",
    line: 12,
    field: `materials.${index}.file`,
    message: `materials.${index}.file: Datei '${file}' fehlt im Materialordner sachsen/x/`,
  });
  const materials = [
    { title: "A", file: "neu.pdf" },
    { title: "B", file: "alt.pdf" },
  ];
  const problems = [missing(0, "neu.pdf"), missing(1, "alt.pdf")];
  const shown = withPendingUploads(problems, materials, ["neu.pdf"]);
  assert.equal(shown[0].level, "warning");
  assert.match(shown[0].message, /^materials\.0\.file: 'neu\.pdf' wird beim Speichern/);
  assert.deepEqual(shown[1], problems[1]);
  assert.deepEqual(withPendingUploads(problems, undefined, ["neu.pdf"]), problems);
});
