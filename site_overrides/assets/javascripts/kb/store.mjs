/**
 * The search page's state, requests and history: a Hub (see hub.mjs) its components register
 * with. A component listens with ``store.on("results", …)`` and calls the actions (type,
 * submit, setFilter, …); it never changes the state itself.
 *
 * Without the API (see api.mjs: unreachable) a stand-in with the same search() and facets()
 * answers, if the page has one (fallback.mjs: the static Pagefind index).
 *
 * Events: "state" (query or filters changed), "idle" (no query), "busy" (true/false),
 * "results" ({searched, hits, total, counts, appendedFrom}; appendedFrom is null for a new
 * search, else where "Mehr laden" appended), "ok" (the API answered), "fallback" (the
 * stand-in answers instead), "unavailable" (neither answers), "error" (the API's German
 * message), "focus-query"; components may add their own (withoutcounts.mjs emits "without").
 *
 * How many hits are loaded is kept in the history entry (place.mjs), so that coming back to
 * the page loads as many again.
 */

import { Hub } from "./hub.mjs";
import { ApiError, ApiUnavailable, isApiFailure } from "./api.mjs";
import { labelledFilters, labelsOf, normaliseFacets } from "./facets.mjs";
import { SHOWN, navigationType, rememberShown, returnsTo, shownIn, storedShown } from "./place.mjs";
import {
  activeFilters,
  cleanQuery,
  onHistoryChange,
  parseState,
  remember,
  withFilter,
} from "./urlstate.mjs";

export const PAGE_SIZE = 10;
export const DEBOUNCE_MS = 350;
export const MAX_LIMIT = 50; // the most hits GET /api/search sends at once

const list = (value) => (Array.isArray(value) ? value : []);

/** The hits of ``page`` not among ``hits`` yet (pages of a changing index may overlap). */
function unseen(page, hits) {
  const seen = new Set(hits.map((hit) => hit.id));
  return list(page).filter((hit) => hit && !seen.has(hit.id));
}

/** Query parameters of GET /api/search for ``state``. */
export function searchParams(state, facets, { offset = 0, limit = PAGE_SIZE } = {}) {
  return [
    ["q", state.query],
    ["limit", limit],
    ["offset", offset],
    ...activeFilters(state.filters, facets),
  ];
}

export class SearchStore extends Hub {
  /**
   * @param {Api} api the search API
   * @param {{win?: Window, debounceMs?: number, fallback?: (() => object) | null}} [options]
   *   ``fallback`` makes the stand-in (same search() and facets() as the Api), when needed
   */
  constructor(api, { win = window, debounceMs = DEBOUNCE_MS, fallback = null } = {}) {
    super();
    this.semanticApi = api;
    this.api = api; // what answers now: the API or the stand-in
    this.fallback = fallback;
    this.standIn = null;
    this.win = win;
    this.debounceMs = debounceMs;
    this.facets = []; // from GET /api/facets; until then the URL's filters wait there
    this.labels = labelsOf([]);
    this.state = parseState(win.location.search, []);
    this.results = null; // {searched, hits, total, counts} of the shown results
    this.draft = null; // typed text whose debounce has not fired yet
    this.timer = 0;
    this.request = null; // AbortController of the running page request
  }

  /** The chosen filters as [{key, value, facet, label}] with German labels, in facet order. */
  active(filters = this.state.filters) {
    return labelledFilters(filters, this.facets, this.labels);
  }

  /** What the field holds: typed text not yet searched for, else the query. */
  text() {
    return this.draft ?? this.state.query;
  }

  /** Whether the stand-in answers instead of the API. */
  get usingFallback() {
    return this.api !== this.semanticApi;
  }

  async start() {
    onHistoryChange((search) => this.restore(search), this.win);
    if (!this.state.query) this.emit("idle");
    // The facets (keys and labels) come once from whoever answers; a page that found no API
    // a moment ago (api.knownOffline) goes straight to the stand-in.
    if (!(await this.connect({ askApi: !this.semanticApi.knownOffline() }))) {
      this.emit("unavailable");
      return;
    }
    this.readFilters();
    if (this.state.query && this.draft === null) this.run({ want: this.remembered() });
    else if (!this.state.query && this.active().length) this.emit("idle");
  }

  /** Facets from the API, else from the stand-in, which then answers searches; false if neither. */
  async connect({ askApi = true } = {}) {
    if (askApi && (await this.loadFacets(this.semanticApi))) {
      this.api = this.semanticApi;
      return true;
    }
    if (!this.fallback) return false;
    this.standIn ||= this.fallback();
    if (!(await this.loadFacets(this.standIn))) return false;
    this.api = this.standIn;
    this.emit("fallback");
    return true;
  }

  async loadFacets(source) {
    let facets;
    try {
      facets = normaliseFacets(await source.facets());
    } catch (err) {
      if (isApiFailure(err)) return false;
      throw err;
    }
    this.facets = facets;
    this.labels = labelsOf(facets);
    return true;
  }

  /** How many hits the current history entry had loaded (at least one page); when the reader
   * came back, also what sessionStorage kept for this URL. */
  remembered() {
    const fromEntry = shownIn(this.win.history.state, PAGE_SIZE);
    const back = returnsTo(navigationType(this.win), 1);
    return back
      ? Math.max(fromEntry, shownIn({ [SHOWN]: storedShown(this.win) }, PAGE_SIZE))
      : fromEntry;
  }

  readFilters() {
    this.state = {
      ...this.state,
      filters: parseState(this.win.location.search, this.facets).filters,
    };
  }

  /* -- actions */

  /** Every keystroke: search once typing pauses; the history entry is replaced meanwhile. */
  type(text) {
    this.draft = cleanQuery(text);
    this.win.clearTimeout(this.timer);
    this.timer = this.win.setTimeout(() => {
      const query = this.takeDraft();
      if (query !== this.state.query) this.change({ query }, { typing: true });
    }, this.debounceMs);
  }

  submit(text) {
    this.takeDraft();
    const query = cleanQuery(text);
    if (query !== this.state.query) this.change({ query });
    else this.run();
  }

  useExample(query) {
    this.takeDraft();
    this.change({ query });
  }

  setFilter(key, value, on) {
    const query = this.takeDraft(); // a click never loses typed text
    this.change({ query, filters: withFilter(this.state.filters, key, value, on) });
  }

  clearFilters() {
    this.change({ query: this.takeDraft(), filters: {} });
    this.emit("focus-query");
  }

  /** "Erneut versuchen": ask the API again, also while the stand-in answers. */
  async retry() {
    if (!(await this.connect())) {
      this.emit("unavailable");
      return;
    }
    this.readFilters();
    if (this.state.query) this.run({ want: this.remembered() });
    else {
      this.emit(this.usingFallback ? "fallback" : "ok");
      this.emit("idle");
    }
  }

  restore(search) {
    this.takeDraft();
    this.state = parseState(search, this.facets);
    this.emit("state", this.state);
    this.run({ want: this.remembered() });
  }

  takeDraft() {
    this.win.clearTimeout(this.timer);
    const text = this.text();
    this.draft = null;
    return text;
  }

  change(patch, { typing = false } = {}) {
    this.state = { ...this.state, ...patch };
    remember(this.state, this.facets, { typing, win: this.win });
    this.emit("state", this.state);
    this.run();
  }

  /* -- requests */

  /** A new search; ``want`` hits at once when coming back to a list that had more loaded. */
  async run({ want = PAGE_SIZE } = {}) {
    if (this.request) this.request.abort();
    this.request = null;
    if (!this.state.query) {
      this.results = null;
      this.emit("idle");
      return;
    }
    const state = this.state;
    let limit = Math.min(want, MAX_LIMIT);
    const data = await this.page(state, 0, limit);
    if (!data) return;
    let hits = list(data.results);
    let full = hits.length === limit; // a shorter page was the last one
    const total = Number.isFinite(data.total) ? data.total : hits.length;
    while (full && hits.length < Math.min(want, total)) {
      limit = Math.min(want - hits.length, MAX_LIMIT);
      const next = await this.page(state, hits.length, limit);
      if (!next) return;
      const added = unseen(next.results, hits);
      full = list(next.results).length === limit;
      if (!added.length) break;
      hits = hits.concat(added);
    }
    this.results = {
      searched: state,
      hits,
      total,
      counts: data.facets && typeof data.facets === "object" ? data.facets : {},
    };
    this.emit("results", { ...this.results, appendedFrom: null });
    rememberShown(hits.length, this.win);
  }

  async loadMore() {
    const shown = this.results;
    if (this.request || !shown) return;
    // Page on through the shown result set, even if the field has changed meanwhile.
    const data = await this.page(shown.searched, shown.hits.length);
    if (!data || this.results !== shown) return;
    const fresh = unseen(data.results, shown.hits);
    const hits = shown.hits.concat(fresh);
    // Nothing further: stop offering more.
    this.results = { ...shown, hits, total: fresh.length ? shown.total : hits.length };
    this.emit("results", { ...this.results, appendedFrom: shown.hits.length });
    rememberShown(hits.length, this.win);
  }

  /** One page request at a time; failures become "error", a fallback or "unavailable". */
  async page(state, offset, limit = PAGE_SIZE) {
    const controller = new AbortController();
    if (this.request) this.request.abort();
    this.request = controller;
    this.emit("busy", true);
    try {
      const data = await this.api.search(
        searchParams(state, this.facets, { offset, limit }),
        controller.signal,
      );
      if (this.request !== controller) return null;
      this.emit(this.usingFallback ? "fallback" : "ok");
      return data;
    } catch (err) {
      if ((err && err.name === "AbortError") || this.request !== controller) return null;
      if (!(err instanceof ApiUnavailable || err instanceof ApiError)) throw err;
      this.results = null;
      if (err instanceof ApiUnavailable) this.lost(offset + limit);
      else this.emit("error", err.message);
      return null;
    } finally {
      if (this.request === controller) {
        this.request = null;
        this.emit("busy", false);
      }
    }
  }

  /** The API stopped answering: the same search with the stand-in, else "unavailable". */
  async lost(want) {
    if (this.usingFallback || !(await this.connect({ askApi: false }))) {
      this.emit("unavailable");
      return;
    }
    this.run({ want });
  }
}
