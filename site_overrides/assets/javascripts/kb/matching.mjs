/**
 * Filtering in the browser (the catalogue): OR within a facet, AND across facets.
 * A concept is {id, facets: {key: [values]}} as in katalog/concepts.json.
 */

/** Whether ``concept`` matches ``filters``, leaving facet ``skip`` out. */
export function matches(concept, filters, skip = null) {
  for (const [key, wanted] of Object.entries(filters)) {
    if (key === skip || !wanted.length) continue;
    const own = (concept.facets && concept.facets[key]) || [];
    if (!own.some((value) => wanted.includes(value))) return false;
  }
  return true;
}

/**
 * Per facet, how many concepts carry each value among those matching all *other* facets:
 * the number a reader gets by adding that value. Returns {key: Map(value → count)}.
 */
export function facetCounts(concepts, filters, facets) {
  const counts = {};
  for (const facet of facets) {
    const perValue = new Map();
    for (const concept of concepts) {
      if (!matches(concept, filters, facet.key)) continue;
      for (const value of (concept.facets && concept.facets[facet.key]) || []) {
        perValue.set(value, (perValue.get(value) || 0) + 1);
      }
    }
    counts[facet.key] = perValue;
  }
  return counts;
}
