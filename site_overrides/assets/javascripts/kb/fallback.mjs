/**
 * The search page without the API: the static Pagefind index that ``kb build`` writes to
 * ``pagefind/`` under the site root, behind the same ``search()`` and ``facets()`` as the Api,
 * so that the store, its components and the URL state work unchanged. Nothing here loads
 * unless the store falls back to it (the API was unreachable).
 *
 * Each Pagefind record is one concept: ``url`` relative to the site root, ``meta.kb`` the hit
 * as the API sends it (JSON), filters named and valued like the API's. Facet labels come from
 * katalog/concepts.json, as in the catalogue.
 */

import { countFilters, searchAnyWord } from "./anyword.mjs";
import { ApiUnavailable } from "./api.mjs";
import { CATALOGUE_PAGE } from "./paths.mjs";

export const PAGEFIND_SCRIPT = "pagefind/pagefind.js";
export const FACETS_FILE = `${CATALOGUE_PAGE}concepts.json`;
const CACHED_SEARCHES = 8; // "Mehr laden" pages through a result set found before
const COUNTED = 200; // records loaded to count filter values when single words added results

const isText = (value) => typeof value === "string" && value !== "";
const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** The Api's query parameters ([[key, value], …]) as {query, filters, offset, limit}. */
export function readParams(params) {
  const request = { query: "", filters: {}, offset: 0, limit: 10 };
  for (const [key, raw] of params) {
    const value = String(raw);
    if (key === "q") request.query = value;
    else if (key === "offset" || key === "limit") request[key] = Math.max(0, Number(value) || 0);
    else (request.filters[key] ||= []).push(value);
  }
  return request;
}

/** Filters for pagefind.search(): any of the chosen values within a facet, all facets. */
export function pagefindFilters(filters) {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, values]) => values.length)
      .map(([key, values]) => [key, { any: [...values] }]),
  );
}

/** Pagefind's counts per filter value as the API's ``facets``, without the zeros. */
export function facetCounts(filters) {
  const counts = {};
  for (const [key, values] of Object.entries(isObject(filters) ? filters : {})) {
    const present = Object.entries(isObject(values) ? values : {}).filter(
      ([, count]) => Number.isFinite(count) && count > 0,
    );
    if (present.length) counts[key] = Object.fromEntries(present);
  }
  return counts;
}

/** A record's URL relative to the site root (Pagefind may put its base URL, "/", in front). */
export function siteRelative(url) {
  return isText(url) ? url.replace(/^\/+/, "") : null;
}

function parsedHit(meta) {
  if (!isObject(meta) || !isText(meta.kb)) return {};
  try {
    const hit = JSON.parse(meta.kb);
    return isObject(hit) ? hit : {};
  } catch {
    return {};
  }
}

/**
 * A Pagefind result (what ``result.data()`` resolves to) as a hit of the API's shape. The
 * excerpt becomes the snippet: HTML in which the views keep only ``<mark>`` (see snippet.mjs).
 * Null for a record that is neither a concept nor has a URL.
 */
export function hitOf(data) {
  if (!isObject(data)) return null;
  const meta = isObject(data.meta) ? data.meta : {};
  const hit = parsedHit(meta);
  const url = siteRelative(data.raw_url) ?? siteRelative(data.url) ?? siteRelative(hit.url);
  if (!url) return null;
  return {
    ...hit,
    id: isText(hit.id) ? hit.id : url,
    title: isText(hit.title) ? hit.title : isText(meta.title) ? meta.title : url,
    url,
    section: "",
    snippet: isText(data.excerpt) ? data.excerpt : "",
  };
}

/** Pagefind (pagefind.js) and the facet labels, loaded on first use; failures as ApiUnavailable. */
export class StaticSearch {
  /**
   * @param {URL} siteRoot where pagefind/ and katalog/ are
   * @param {{load?: (url: string) => Promise<object>, fetch?: typeof fetch}} [options]
   */
  constructor(siteRoot, { load = (url) => import(url), fetch: fetchImpl = globalThis.fetch } = {}) {
    this.siteRoot = siteRoot;
    this.load = load;
    this.send = (url, init) => fetchImpl(url, init);
    this.pagefind = null; // Promise of the initialised module
    this.found = new Map(); // "[query, filters]" → Pagefind's answer
  }

  /** The facets of katalog/concepts.json, once Pagefind has loaded too (else it is no stand-in). */
  async facets(signal) {
    const [response] = await Promise.all([
      this.send(new URL(FACETS_FILE, this.siteRoot), { signal }).catch(unavailable),
      this.ready(),
    ]);
    if (!response.ok) throw new ApiUnavailable(`${FACETS_FILE}: HTTP ${response.status}`);
    return response.json().catch(unavailable);
  }

  /** One page of hits for the Api's query parameters, with total and facet counts. */
  async search(params, signal) {
    const { query, filters, offset, limit } = readParams(params);
    const found = await this.find(query, filters);
    const page = found.results.slice(offset, offset + limit);
    const records = await Promise.all(page.map((result) => result.data())).catch(unavailable);
    if (signal && signal.aborted) throw new DOMException("Abgebrochen", "AbortError");
    return {
      query,
      total: found.results.length,
      results: records.map(hitOf).filter(Boolean),
      facets: facetCounts(found.filters),
    };
  }

  async find(query, filters) {
    const key = JSON.stringify([query, filters]);
    if (!this.found.has(key)) {
      const pagefind = await this.ready();
      const chosen = pagefindFilters(filters);
      const answer = await pagefind.search(query, { filters: chosen }).catch(unavailable);
      const whole = Array.isArray(answer && answer.results) ? answer.results : [];
      const results = await searchAnyWord(pagefind, query, chosen, { results: whole }).catch(
        unavailable,
      );
      // Pagefind counts only what has every word; when other words added results, count them.
      const counts =
        results.length === whole.length
          ? answer && answer.filters
          : countFilters(
              await Promise.all(results.slice(0, COUNTED).map((r) => r.data())).catch(unavailable),
            );
      if (this.found.size >= CACHED_SEARCHES) this.found.delete(this.found.keys().next().value);
      this.found.set(key, { results, filters: counts });
    }
    return this.found.get(key);
  }

  ready() {
    if (!this.pagefind) {
      this.pagefind = this.start();
      // A failed load may be tried again ("Erneut versuchen").
      this.pagefind.catch(() => (this.pagefind = null));
    }
    return this.pagefind;
  }

  async start() {
    const pagefind = await this.load(new URL(PAGEFIND_SCRIPT, this.siteRoot).href).catch(
      unavailable,
    );
    if (!pagefind || typeof pagefind.search !== "function") {
      throw new ApiUnavailable(`${PAGEFIND_SCRIPT}: keine Pagefind-Suche`);
    }
    // No options(): its baseUrl would only be put in front of the URLs that hitOf() takes off.
    // The filter index loads with filters(); without it searches come back without counts.
    await Promise.resolve(pagefind.filters && pagefind.filters()).catch(unavailable);
    return pagefind;
  }
}

function unavailable(err) {
  if (err && err.name === "AbortError") throw err;
  throw new ApiUnavailable(String(err));
}
