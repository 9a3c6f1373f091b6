/**
 * The concept id from a German title, exactly as `kb new` derives it (kb_tools.library
 * .scaffold.slugify): umlauts transliterated ("Prüfung" → "pruefung"), a-z0-9 and single
 * dashes, at most 60 characters cut at a dash. tests/fixtures/slugs.json holds the cases
 * that both implementations must agree on.
 */
const TRANSLITERATION = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "ae", Ö: "oe", Ü: "ue" };
export const MAX_ID_LENGTH = 60;

export function slugify(title) {
  const spelled = String(title).replace(/[äöüßÄÖÜ]/g, (ch) => TRANSLITERATION[ch]);
  const ascii = spelled
    .normalize("NFKD")
    .replace(/[\u0080-\uffff]/g, "")
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > MAX_ID_LENGTH) {
    const cut = slug.slice(0, MAX_ID_LENGTH);
    const dash = cut.lastIndexOf("-");
    slug = dash >= 0 ? cut.slice(0, dash) : cut;
  }
  return slug;
}
