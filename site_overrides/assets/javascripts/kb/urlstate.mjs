/**
 * The URL state of the search page and the catalogue, and the one history policy of both.
 *
 * State: {query, filters}; filters maps a facet key to its chosen values. In the URL the query
 * is ?frage=… and each chosen value one facet parameter (?topic=ki&topic=robotik&status=erprobt).
 * Parameters that belong to neither stay as they are.
 *
 * History: a deliberate change (a filter, a submitted query, an example) adds an entry, so
 * "back" undoes it; typing replaces the entry its own first keystrokes added; an unchanged
 * URL writes nothing. Back and forward ("popstate") re-read the state from the URL.
 */

// Not "q": mkdocs-material opens its own full-text search for any page called with ?q=.
export const QUERY_PARAM = "frage";
export const MAX_QUERY = 500;

/** A query as the API takes it: trimmed and at most MAX_QUERY characters. */
export function cleanQuery(text) {
  return String(text ?? "")
    .trim()
    .slice(0, MAX_QUERY);
}

/**
 * The state in ``search`` (location.search) for the given facets ([{key, values}]).
 * With ``knownValuesOnly`` values the facet does not list are dropped (the catalogue can only
 * filter by listed values; the search page lets the API explain an unknown one).
 */
export function parseState(search, facets, { knownValuesOnly = false } = {}) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const facet of facets) {
    const known = knownValuesOnly ? new Set(facet.values.map((entry) => entry.value)) : null;
    const values = params
      .getAll(facet.key)
      .filter((value) => value && (!known || known.has(value)));
    if (values.length) filters[facet.key] = [...new Set(values)];
  }
  return { query: cleanQuery(params.get(QUERY_PARAM)), filters };
}

/** The chosen values as [key, value] pairs, in facet order. */
export function activeFilters(filters, facets) {
  return facets.flatMap((facet) => (filters[facet.key] || []).map((value) => [facet.key, value]));
}

/** ``filters`` with ``value`` of facet ``key`` chosen (on) or not (off); a new object. */
export function withFilter(filters, key, value, on) {
  const values = new Set(filters[key] || []);
  if (on) values.add(value);
  else values.delete(value);
  const next = { ...filters, [key]: [...values] };
  if (!values.size) delete next[key];
  return next;
}

/** location.search for ``state``, keeping the parameters of ``currentSearch`` it does not own. */
export function stateSearch(state, facets, currentSearch = "") {
  const params = new URLSearchParams(currentSearch);
  params.delete(QUERY_PARAM);
  for (const facet of facets) params.delete(facet.key);
  if (state.query) params.set(QUERY_PARAM, state.query);
  for (const [key, value] of activeFilters(state.filters, facets)) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** "replace" while typing goes on in the entry typing added, otherwise "push". */
export function historyMode(entryState, typing) {
  return typing && entryState && entryState.kbTyping ? "replace" : "push";
}

/**
 * Write ``state`` to the address bar by the history policy; false when the URL is unchanged.
 * @param {{typing?: boolean, win?: Window}} [options]
 */
export function remember(state, facets, { typing = false, win = window } = {}) {
  const { location, history } = win;
  const url = `${location.pathname}${stateSearch(state, facets, location.search)}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return false;
  const entry = { kbState: true, kbTyping: typing };
  if (historyMode(history.state, typing) === "replace") history.replaceState(entry, "", url);
  else history.pushState(entry, "", url);
  return true;
}

/** Call ``restore`` whenever back/forward changes the URL state. */
export function onHistoryChange(restore, win = window) {
  win.addEventListener("popstate", () => restore(win.location.search));
}
