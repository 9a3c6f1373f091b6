/**
 * The editor's file format "kb-concept": YAML front matter + Markdown body, written the way
 * `kb validate` wants it. Decap's own front-matter format leaves "" for emptied optional
 * fields and would write the editor's helper field; this one drops empty values and helper
 * fields, keeps integers integers and dates plain ISO (2026-03-31), and quotes what YAML 1.1
 * (PyYAML) would misread (yes, no, on, off).
 */

/** Fields the editor uses for itself; they never reach the file. */
export const HELPER_FIELDS = ["kb_id", "kb_original"];
const INTEGER_FIELDS = new Set(["min", "max", "companies", "participants"]);
const DATE_FIELDS = new Set(["updated", "since", "date"]);
// The keys of a list's items in the schema's order: Decap keeps them in the order they were
// typed in, which would reorder a material in the file each time someone edits it.
const ITEM_KEYS = { materials: ["title", "file", "url", "license", "description"] };
// Plain scalars that YAML 1.1 (PyYAML) reads as something else than YAML 1.2 does.
const YAML11_SPECIAL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|0b[01_]+|0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?)$/;

/** Drop empty values recursively: "", null, [], {} (an emptied optional field is absent). */
export function withoutEmpty(value, key = "") {
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutEmpty(item)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([name]) => !HELPER_FIELDS.includes(name))
      .map(([name, item]) => [name, withoutEmpty(item, name)])
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const text = value.trim();
    if (!text) return undefined;
    if (INTEGER_FIELDS.has(key) && /^\d+$/.test(text)) return Number(text);
    return key === "body" ? value : text;
  }
  return value;
}

/** ``order`` first, then any other keys of ``map`` in their own order. */
function ordered(map, order) {
  if (!map || typeof map !== "object" || Array.isArray(map)) return map;
  const keys = [...order, ...Object.keys(map)].filter((k, i, all) => all.indexOf(k) === i);
  return Object.fromEntries(keys.filter((k) => k in map).map((k) => [k, map[k]]));
}

/** ``{fromFile, toFile}`` for CMS.registerCustomFormat, given the ``yaml`` module. */
export function conceptFormat(YAML) {
  function toFile(data, sortedKeys = []) {
    const { body = "", ...meta } = withoutEmpty(data) || {};
    for (const [name, keys] of Object.entries(ITEM_KEYS)) {
      if (Array.isArray(meta[name])) meta[name] = meta[name].map((item) => ordered(item, keys));
    }
    const doc = new YAML.Document(ordered(meta, sortedKeys));
    YAML.visit(doc, {
      Pair(_, pair) {
        const { key, value } = pair;
        const isDate = YAML.isScalar(key) && DATE_FIELDS.has(key.value);
        if (YAML.isScalar(value) && typeof value.value === "string" && !isDate) {
          if (YAML11_SPECIAL.test(value.value)) value.type = "QUOTE_DOUBLE";
        }
      },
      Seq(_, seq) {
        // List items (keywords, industries) have no key of their own.
        for (const item of seq.items) {
          if (YAML.isScalar(item) && typeof item.value === "string") {
            if (YAML11_SPECIAL.test(item.value)) item.type = "QUOTE_DOUBLE";
          }
        }
      },
    });
    const front = doc.toString({ lineWidth: 0 });
    return `---\n${front}---\n\n${String(body).replace(/^\n+/, "")}`;
  }

  function fromFile(content) {
    const text = String(content)
      .replace(/^\ufeff/, "")
      .replace(/\r\n?/g, "\n");
    const match = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n?([\s\S]*)$/.exec(text);
    if (!match) return { body: text };
    const parsed = YAML.parse(match[1], { version: "1.2", maxAliasCount: 10 }) || {};
    const meta = typeof parsed === "object" ? parsed : {};
    // A contact may be written as a plain name; the form edits it as {name, email, …}.
    if (typeof meta.contact === "string") meta.contact = { name: meta.contact };
    return { ...meta, body: match[2].replace(/^\n+/, "") };
  }

  return { fromFile, toFile };
}
