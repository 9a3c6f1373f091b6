/**
 * For an empty result with filters: how many hits dropping each filter (or all of them)
 * would bring back. A hub component: it asks the API once per suggestion and emits
 * "without" ({key, value, total}; key null = all filters) for each that finds something.
 */

import { isApiFailure } from "./api.mjs";
import { searchParams } from "./store.mjs";
import { activeFilters, withFilter } from "./urlstate.mjs";

/** The filter sets to try: each active filter dropped, then (from two on) all of them. */
export function withoutOptions(filters, facets) {
  const options = activeFilters(filters, facets).map(([key, value]) => ({
    key,
    value,
    filters: withFilter(filters, key, value, false),
  }));
  if (options.length > 1) options.push({ key: null, value: null, filters: {} });
  return options;
}

async function count(store, shown) {
  const { query, filters } = shown.searched;
  for (const option of withoutOptions(filters, store.facets)) {
    const params = searchParams({ query, filters: option.filters }, store.facets, { limit: 1 });
    let data;
    try {
      data = await store.api.search(params);
    } catch (err) {
      if (isApiFailure(err)) return;
      throw err;
    }
    if (store.results !== shown) return; // another search meanwhile
    if (Number.isFinite(data.total) && data.total > 0) {
      store.emit("without", { key: option.key, value: option.value, total: data.total });
    }
  }
}

export function withoutCounts() {
  return {
    register(store) {
      store.on("results", (results) => {
        if (results.appendedFrom !== null || results.hits.length) return;
        if (activeFilters(results.searched.filters, store.facets).length) {
          count(store, store.results);
        }
      });
    },
  };
}
