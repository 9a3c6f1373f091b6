/**
 * Client of the search API. Two kinds of failure: ApiError (the API answered with a German
 * message, 4xx) and ApiUnavailable (no API here: network error, timeout, HTML page, 5xx).
 */

import { urlUnder } from "./paths.mjs";

export class ApiError extends Error {}
export class ApiUnavailable extends Error {}

/** Whether ``err`` is one of the two expected failures (anything else is a bug). */
export const isApiFailure = (err) => err instanceof ApiError || err instanceof ApiUnavailable;

const isAbort = (err) => Boolean(err) && err.name === "AbortError";

// On static hosting every concept page would ask the missing API again; remember for a while.
const OFFLINE_MS = 5 * 60 * 1000;
// An answer that takes longer counts as no API (a hanging proxy, a stopped server behind it).
export const TIMEOUT_MS = 10_000;

/** Read ``response`` as a JSON object, or throw ApiError / ApiUnavailable. */
export async function readJson(response) {
  let data;
  try {
    data = await response.json();
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiUnavailable(`HTTP ${response.status}, keine JSON-Antwort`);
  }
  if (response.ok && data && typeof data === "object") return data;
  if (response.status >= 400 && response.status < 500 && data && data.detail) {
    const detail = typeof data.detail === "string" ? data.detail : "Die Anfrage ist ungültig.";
    throw new ApiError(detail);
  }
  throw new ApiUnavailable(`HTTP ${response.status}`);
}

export class Api {
  /**
   * @param {URL} root where the API lives (see paths.apiRoot)
   * @param {{fetch?: typeof fetch, storage?: Storage | null, now?: () => number,
   *   timeoutMs?: number}} [options]
   */
  constructor(
    root,
    { fetch: fetchImpl = globalThis.fetch, storage, now = Date.now, timeoutMs = TIMEOUT_MS } = {},
  ) {
    this.root = root;
    // Called as a plain function: window.fetch refuses any other `this`.
    this.send = (url, init) => fetchImpl(url, init);
    this.storage = storage === undefined ? sessionStorageOrNull() : storage;
    this.now = now;
    this.timeoutMs = timeoutMs;
    this.offlineKey = `kb-api-offline-until ${root}`;
  }

  /** GET /api/search: one page of hits, the total and facet counts. */
  search(params, signal) {
    return this.get("search", params, signal);
  }

  /** GET /api/concepts/{id}/similar. */
  similar(id, limit, signal) {
    return this.get(`concepts/${encodeURIComponent(id)}/similar`, [["limit", limit]], signal);
  }

  /** GET /api/facets: every facet with its German label and values, in facet order. */
  facets(signal) {
    return this.get("facets", [], signal);
  }

  /** True while a recent request found no API here (see OFFLINE_MS). */
  knownOffline() {
    return Number(this.read() || 0) > this.now();
  }

  async get(path, params, signal) {
    const url = urlUnder(this.root, path, params);
    // One signal for the caller's abort and the timeout; AbortSignal.any is too new to rely on.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const abort = () => controller.abort();
    if (signal && signal.aborted) abort();
    else if (signal) signal.addEventListener("abort", abort, { once: true });
    try {
      const response = await this.send(url, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      const data = await readJson(response);
      this.write(null);
      return data;
    } catch (err) {
      if (timedOut)
        throw this.unavailable(new ApiUnavailable(`keine Antwort in ${this.timeoutMs} ms`));
      if (isAbort(err) || err instanceof ApiError) throw err;
      throw this.unavailable(err instanceof ApiUnavailable ? err : new ApiUnavailable(String(err)));
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", abort);
    }
  }

  unavailable(err) {
    this.write(String(this.now() + OFFLINE_MS));
    return err;
  }

  // Storage may be blocked (privacy settings); then the client simply asks every time.
  read() {
    try {
      return this.storage ? this.storage.getItem(this.offlineKey) : null;
    } catch {
      return null;
    }
  }

  write(value) {
    try {
      if (!this.storage) return;
      if (value === null) this.storage.removeItem(this.offlineKey);
      else this.storage.setItem(this.offlineKey, value);
    } catch {
      /* storage blocked: nothing to remember */
    }
  }
}

function sessionStorageOrNull() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
