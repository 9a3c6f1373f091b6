/** German number and count wording shared by every view. */

const LOCALE = "de-DE";

/** 1234 → "1.234". */
export function number(count) {
  return count.toLocaleString(LOCALE);
}

/** plural(1, "Konzept", "Konzepte") → "1 Konzept"; plural(3, …) → "3 Konzepte". */
export function plural(count, one, many) {
  return `${number(count)} ${count === 1 ? one : many}`;
}

/** Compare two labels the way a German reader sorts them. */
export function byLabel(a, b) {
  return a.localeCompare(b, "de");
}
