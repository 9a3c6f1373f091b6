/**
 * Pagefind finds only records that contain every word of a query, so a question in a
 * sentence ("Wie bringe ich meinen Leuten ChatGPT bei?") finds nothing. This asks for the
 * whole query first and then for each word alone, and merges: records with the whole query
 * first, then by how many of the query's words they contain, then by Pagefind's score. A word
 * found in most records ("der", "und", "für") says nothing about the query and is left out,
 * whatever the language; a record must contain a third of the words that are left.
 */

export const COMMON_SHARE = 0.4; // a word in more than this share of all records is common
const MIN_WORD = 3;

/** The distinct words of a query worth searching alone (letters and digits, 3 or more). */
export function queryWords(query) {
  const words = String(query || "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return [...new Set((words || []).filter((word) => word.length >= MIN_WORD))];
}

/**
 * Merge the answers: ``whole`` (results for the whole query, best first) and ``each``
 * ([word, results] per word). Pure: results only need ``id`` and ``score``.
 */
export function mergeAnswers(whole, each, total) {
  const useful = each.filter(([, results]) => results.length <= COMMON_SHARE * total);
  const needed = Math.max(1, Math.ceil(useful.length / 3));
  const rank = new Map(whole.map((result, index) => [result.id, index]));
  const found = new Map(whole.map((result) => [result.id, { result, words: 0, score: 0 }]));
  for (const [, results] of useful) {
    for (const result of results) {
      const entry = found.get(result.id) || { result, words: 0, score: 0 };
      entry.words += 1;
      entry.score += Number(result.score) || 0;
      found.set(result.id, entry);
    }
  }
  return [...found.values()]
    .filter((entry) => rank.has(entry.result.id) || entry.words >= needed)
    .sort(
      (a, b) =>
        (rank.get(a.result.id) ?? Infinity) - (rank.get(b.result.id) ?? Infinity) ||
        b.words - a.words ||
        b.score - a.score,
    )
    .map((entry) => entry.result);
}

/** Search ``pagefind`` for ``query`` with ``filters`` (Pagefind's form), any word counting;
 * ``whole`` is Pagefind's answer for the whole query if the caller has it already. */
export async function searchAnyWord(pagefind, query, filters, whole = null) {
  whole = whole || (await pagefind.search(query, { filters }));
  const words = queryWords(query);
  if (words.length < 2) return whole.results;
  const [all, ...each] = await Promise.all([
    pagefind.search(null, {}),
    ...words.map((word) => pagefind.search(word, { filters })),
  ]);
  // A search without a term lists every record (its unfilteredResultCount stays 0).
  const total = Math.max(all.results.length, all.unfilteredResultCount || 0);
  return mergeAnswers(
    whole.results,
    words.map((word, i) => [word, each[i].results]),
    total,
  );
}

/** Counts per filter value over loaded records (Pagefind's ``data().filters``), like facets. */
export function countFilters(records) {
  const counts = {};
  for (const record of records) {
    const filters = record && typeof record.filters === "object" ? record.filters : {};
    for (const [key, values] of Object.entries(filters || {})) {
      for (const value of Array.isArray(values) ? values : []) {
        counts[key] ||= {};
        counts[key][value] = (counts[key][value] || 0) + 1;
      }
    }
  }
  return counts;
}
