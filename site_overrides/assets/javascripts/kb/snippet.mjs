/**
 * Snippets from the API: HTML-escaped text in which <mark>…</mark> are the only tags.
 * Decoded into parts that views append as text; any other markup stays visible text.
 */

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Undo HTML escaping (named entities above, decimal and hex references); unknown ones stay. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const hex = name[1] === "x" || name[1] === "X";
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * A snippet as [{text, mark}] parts in order. Only the exact tags <mark> and </mark> count;
 * a nested <mark> is ignored and an unclosed one ends with the snippet.
 */
export function snippetParts(snippet) {
  const parts = [];
  let marked = false;
  for (const piece of String(snippet ?? "").split(/(<\/?mark>)/)) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece) parts.push({ text: decodeEntities(piece), mark: marked });
  }
  return parts;
}
