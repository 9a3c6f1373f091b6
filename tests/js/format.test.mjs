import assert from "node:assert/strict";
import { test } from "node:test";

import * as YAML from "yaml";

import { conceptFormat } from "../../site_overrides/assets/javascripts/kb/editor/format.mjs";

const format = conceptFormat(YAML);
const ORDER = ["title", "evidence", "evaluation", "materials", "body"];

// A concept file as `kb validate` wants it: materials with only the keys they use.
const CONCEPT = `---
title: Arbeitsblätter zur KI
evidence:
  companies: 3
evaluation: |-
  Feedbackbogen nach jedem Termin.
  Nachbefragung nach drei Monaten: 12 von 15 nutzen es weiter.
materials:
  - title: Arbeitsblatt
    file: arbeitsblatt-ki.pdf
  - title: Video zum Einstieg
    url: https://beispiel.de/video
    license: CC0-1.0
    description: "Zehn Minuten: was eine Kamera mit KI erkennt."
---

## Ziel

Text.
`;

function frontMatter(text, version = "1.2") {
  return YAML.parse(text.split("---\n")[1], { version });
}

test("a concept with materials and an evaluation is written back exactly as read", () => {
  assert.equal(format.toFile(format.fromFile(CONCEPT), ORDER), CONCEPT);
});

test("materials and evaluation mean the same to PyYAML (YAML 1.1) after a round trip", () => {
  const text = format.toFile(format.fromFile(CONCEPT), ORDER);
  assert.deepEqual(frontMatter(text, "1.1"), frontMatter(CONCEPT));
  assert.deepEqual(frontMatter(text).materials[1], {
    title: "Video zum Einstieg",
    url: "https://beispiel.de/video",
    license: "CC0-1.0",
    description: "Zehn Minuten: was eine Kamera mit KI erkennt.",
  });
});

test("a material's emptied optional keys are left out, not written as null or blank", () => {
  const data = {
    title: "T",
    materials: [
      { title: "Arbeitsblatt", file: "blatt.pdf", url: "", license: null, description: "" },
      { title: "", file: null, url: "", license: null, description: "  " },
    ],
    body: "Text.\n",
  };
  const text = format.toFile(data, ORDER);
  assert.match(text, /^materials:\n {2}- title: Arbeitsblatt\n {4}file: blatt\.pdf\n---\n/m);
  assert.doesNotMatch(text, /license|description|url|null/);
  assert.deepEqual(format.fromFile(text).materials, [{ title: "Arbeitsblatt", file: "blatt.pdf" }]);
});

test("a material's keys are written in the schema's order, however they were typed in", () => {
  const material = { description: "Wofür", license: "CC-BY-4.0", file: "a.pdf", title: "A" };
  const text = format.toFile({ title: "T", materials: [material] }, ORDER);
  const written = Object.keys(frontMatter(text).materials[0]);
  assert.deepEqual(written, ["title", "file", "license", "description"]);
});

test("an empty evaluation is left out; a filled one keeps its lines", () => {
  assert.doesNotMatch(format.toFile({ title: "T", evaluation: " \n" }, ORDER), /evaluation/);
  const text = format.toFile({ title: "T", evaluation: "Bogen.\nInterviews.\n" }, ORDER);
  assert.equal(format.fromFile(text).evaluation, "Bogen.\nInterviews.");
});

test("file names YAML 1.1 would misread stay strings", () => {
  const text = format.toFile({ title: "T", materials: [{ title: "Ja", file: "yes" }] }, ORDER);
  assert.equal(frontMatter(text, "1.1").materials[0].file, "yes");
});
