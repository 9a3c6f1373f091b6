/*
 * Konzeptbibliothek – semantic search in the site.
 *
 * Three small parts, each mounted only where its hook exists:
 *   - a search box in the header of every page that leads to the search page (suche/),
 *   - the search page itself (#kb-search-app): query, facet filters, result cards, paging,
 *   - "Ähnliche Konzepte" on concept pages (.kb-similar[data-concept-id]).
 * Every value from the API reaches the DOM as text (textContent / createElement); the only
 * markup taken over are the <mark> tags of a snippet. No framework, no build step.
 */
(() => {
  "use strict";

  const FACETS = [
    ["topic", "Thema"],
    ["format", "Format"],
    ["audience", "Zielgruppe"],
    ["center", "Zentrum"],
    ["region", "Region"],
    ["status", "Status"],
  ];
  const FACET_NAMES = Object.fromEntries(FACETS);
  const STATUS_LABELS = { entwurf: "Entwurf", erprobt: "Erprobt", transferiert: "Transferiert" };
  const EXAMPLES = [
    "KI in der Qualitätsprüfung",
    "Angebote für Solo-Selbstständige",
    "Mitarbeitende an Cobots heranführen",
  ];
  // Not "q": mkdocs-material opens its own full-text search for any page called with ?q=.
  const QUERY_PARAM = "frage";
  const PAGE_SIZE = 10;
  const DEBOUNCE_MS = 350;
  const FACET_PREVIEW = 6;
  const MAX_QUERY = 500;

  const ICONS = {
    // Material Design Icons "creation-outline" and "magnify" (Apache 2.0), as in the theme.
    semantic:
      "m9 4 2.5 5.5L17 12l-5.5 2.5L9 20l-2.5-5.5L1 12l5.5-2.5zm0 4.83L8 11l-2.17 1L8 13l1 2.17L10 13l2.17-1L10 11zM19 9l-1.26-2.74L15 5l2.74-1.25L19 1l1.25 2.75L23 5l-2.75 1.26zm0 14-1.26-2.74L15 19l2.74-1.25L19 15l1.25 2.75L23 19l-2.75 1.26z",
    search:
      "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
  };

  /* ---------------------------------------------------------------- paths */

  /** The site's root URL, also when the site lives under a sub-path. */
  function siteRoot() {
    const meta = document.querySelector('meta[name="kb-site-root"]');
    let base = meta ? meta.getAttribute("content") : null;
    if (base === null) {
      // mkdocs-material writes the page's relative base_url into its config block.
      const config = document.getElementById("__config");
      try {
        base = config ? JSON.parse(config.textContent).base : null;
      } catch {
        base = null;
      }
    }
    if (typeof base !== "string") return new URL("/", location.href);
    return new URL(base.replace(/\/*$/, "/"), location.href);
  }

  /** Where the API lives: <meta name="kb-api-base"> or, when empty, "api/" under the site root. */
  function apiRoot() {
    const meta = document.querySelector('meta[name="kb-api-base"]');
    const configured = meta ? (meta.getAttribute("content") || "").trim() : "";
    if (!configured) return new URL("api/", siteRoot());
    const base = new URL(configured.replace(/\/*$/, "/"), location.href);
    // Accept both "https://host" and "https://host/api" as the configured base.
    return base.pathname.endsWith("/api/") ? base : new URL("api/", base);
  }

  function apiUrl(path, params = []) {
    const url = new URL(path, apiRoot());
    for (const [key, value] of params) url.searchParams.append(key, String(value));
    return url;
  }

  /** Link to a concept page; only site-relative or http(s) URLs from the API are used. */
  function conceptHref(hit) {
    const fallback = `konzepte/${encodeURIComponent(String(hit.id || ""))}/`;
    try {
      const url = new URL(typeof hit.url === "string" && hit.url ? hit.url : fallback, siteRoot());
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {
      /* fall through to the id-based link */
    }
    return new URL(fallback, siteRoot()).href;
  }

  /* ------------------------------------------------------------------ API */

  class ApiError extends Error {} // the API answered with a German message (4xx)
  class ApiUnavailable extends Error {} // no API here: network error, HTML page, 5xx

  // On static hosting every concept page would ask the missing API again; remember for a while.
  const offlineKey = () => `kb-api-offline-until ${apiRoot()}`;
  const OFFLINE_MS = 5 * 60 * 1000;

  function apiKnownOffline() {
    try {
      return Number(sessionStorage.getItem(offlineKey()) || 0) > Date.now();
    } catch {
      return false; // storage blocked: just ask
    }
  }

  function forgetOffline() {
    try {
      sessionStorage.removeItem(offlineKey());
    } catch {
      /* storage blocked */
    }
  }

  function rememberOffline() {
    try {
      sessionStorage.setItem(offlineKey(), String(Date.now() + OFFLINE_MS));
    } catch {
      /* storage blocked: nothing to remember */
    }
  }

  async function getJson(url, signal) {
    let response;
    try {
      response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiUnavailable(String(err));
    }
    let data;
    try {
      data = await response.json();
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiUnavailable(`HTTP ${response.status}, keine JSON-Antwort`);
    }
    if (response.ok && data && typeof data === "object") {
      forgetOffline();
      return data;
    }
    if (response.status >= 400 && response.status < 500 && data && data.detail) {
      const detail = typeof data.detail === "string" ? data.detail : "Die Anfrage ist ungültig.";
      throw new ApiError(detail);
    }
    throw new ApiUnavailable(`HTTP ${response.status}`);
  }

  /* ------------------------------------------------------------------ DOM */

  /** createElement with attributes, listeners ("onclick") and text/element children. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function icon(name) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    svg.append(path);
    return svg;
  }

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

  /** Undo the API's HTML escaping of snippet text, so it can be set as plain text. */
  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const hex = name[1] === "x" || name[1] === "X";
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }

  /** Append a snippet as text; only the exact <mark>/</mark> tags become elements. */
  function appendSnippet(parent, snippet) {
    let target = parent;
    for (const part of String(snippet).split(/(<\/?mark>)/)) {
      if (part === "<mark>") {
        if (target === parent) target = parent.appendChild(document.createElement("mark"));
      } else if (part === "</mark>") {
        target = parent;
      } else if (part) {
        target.append(decodeEntities(part));
      }
    }
    return parent;
  }

  function plural(count, one, many) {
    return `${count.toLocaleString("de-DE")} ${count === 1 ? one : many}`;
  }

  /* --------------------------------------------------------------- labels */

  /**
   * German labels for facet values (topic keys, centre keys, …). Learned from whatever the
   * API and the catalogue provide; a value without a label is shown as it is.
   */
  const labels = { status: { ...STATUS_LABELS } };

  function label(facet, value) {
    const known = labels[facet] && labels[facet][value];
    return typeof known === "string" && known ? known : String(value);
  }

  function learnLabel(facet, value, text) {
    if (typeof value !== "string" || typeof text !== "string" || !text) return;
    (labels[facet] ||= {})[value] = text;
  }

  /** Labels of every filter value from GET /api/facets; false when the API is not there. */
  async function loadLabels() {
    let data;
    try {
      data = await getJson(apiUrl("facets"));
    } catch (err) {
      if (err instanceof ApiUnavailable || err instanceof ApiError) return false;
      throw err;
    }
    for (const [facet, group] of Object.entries(data.facets || {})) {
      for (const item of (group && Array.isArray(group.values) && group.values) || []) {
        if (item) learnLabel(facet, item.value, item.label);
      }
    }
    return true;
  }

  /** A hit's topics as [key, label] pairs; the API sends {key, label} objects. */
  function hitTopics(hit) {
    return (Array.isArray(hit.topics) ? hit.topics : [])
      .map((topic) => (topic && typeof topic === "object" ? [topic.key, topic.label] : [topic, null]))
      .filter(([key]) => typeof key === "string" && key)
      .map(([key, text]) => [key, typeof text === "string" && text ? text : label("topic", key)]);
  }

  function hitCenter(hit) {
    const name = hit.center_name;
    return typeof name === "string" && name ? name : label("center", hit.center);
  }

  /* --------------------------------------------------------- header search */

  function mountHeaderSearch() {
    const inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".kb-header-search")) return;
    const action = new URL("suche/", siteRoot()).href;
    const input = h("input", {
      id: "kb-header-query",
      class: "kb-header-search__input",
      type: "search",
      name: QUERY_PARAM,
      placeholder: "Konzepte semantisch suchen",
      autocomplete: "off",
      maxlength: MAX_QUERY,
    });
    const form = h(
      "form",
      {
        class: "kb-header-search",
        role: "search",
        "aria-label": "Semantische Suche",
        action,
        method: "get",
        onsubmit: (event) => {
          if (input.value.trim()) return;
          event.preventDefault();
          location.href = action;
        },
      },
      h("label", { class: "kb-sr-only", for: "kb-header-query", text: "Konzepte semantisch suchen" }),
      h("span", { class: "kb-header-search__icon" }, icon("semantic")),
      input,
      h("button", { type: "submit", class: "kb-sr-only", text: "Suchen" }),
    );
    // Narrow screens get an icon button instead of the field, like the theme's own search.
    const link = h(
      "a",
      {
        class: "kb-header-search__link md-header__button md-icon",
        href: action,
        title: "Semantische Suche",
        "aria-label": "Semantische Suche",
      },
      icon("semantic"),
    );
    const anchor = inner.querySelector('label[for="__search"]') || inner.querySelector(".md-header__source");
    inner.insertBefore(form, anchor);
    inner.insertBefore(link, anchor);
    if (document.getElementById("kb-search-app")) document.body.classList.add("kb-on-search-page");
  }

  /** Open mkdocs-material's built-in full-text search with ``query`` (runs without the API). */
  function openBuiltinSearch(query) {
    const toggle = document.getElementById("__search");
    const input = document.querySelector(".md-search__input");
    if (!toggle || !input) {
      location.href = new URL(`?q=${encodeURIComponent(query)}`, siteRoot()).href;
      return;
    }
    input.value = query;
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  /* ------------------------------------------------------ similar concepts */

  async function mountSimilar(box) {
    const id = box.getAttribute("data-concept-id");
    if (!id || box.dataset.kbMounted) return;
    box.dataset.kbMounted = "1";
    box.hidden = true;
    if (apiKnownOffline()) return;
    let data;
    try {
      data = await getJson(apiUrl(`concepts/${encodeURIComponent(id)}/similar`, [["limit", 5]]));
    } catch (err) {
      // Static hosting without the API: the box simply stays away.
      if (err instanceof ApiUnavailable) rememberOffline();
      if (err instanceof ApiUnavailable || err instanceof ApiError) return;
      throw err;
    }
    const hits = (Array.isArray(data.results) ? data.results : []).filter((hit) => hit && hit.id !== id);
    if (!hits.length) return;
    box.replaceChildren(
      h("h2", { class: "kb-similar__title", id: "aehnliche-konzepte", text: "Ähnliche Konzepte" }),
      h(
        "ul",
        { class: "kb-similar__list" },
        hits.map((hit) =>
          h(
            "li",
            { class: "kb-similar__item" },
            h("a", { class: "kb-similar__link", href: conceptHref(hit), text: hit.title || hit.id }),
            hit.center ? h("span", { class: "kb-similar__center", text: hitCenter(hit) }) : null,
            hit.summary ? h("p", { class: "kb-similar__summary", text: hit.summary }) : null,
          ),
        ),
      ),
    );
    box.hidden = false;
  }

  /* ----------------------------------------------------------- search page */

  function readUrlState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [facet] of FACETS) {
      const values = [...new Set(params.getAll(facet).filter(Boolean))];
      if (values.length) filters[facet] = values;
    }
    return { query: (params.get(QUERY_PARAM) || "").trim().slice(0, MAX_QUERY), filters };
  }

  function stateUrl(state) {
    const params = new URLSearchParams();
    if (state.query) params.set(QUERY_PARAM, state.query);
    for (const [facet] of FACETS) for (const value of state.filters[facet] || []) params.append(facet, value);
    const search = params.toString();
    return `${location.pathname}${search ? `?${search}` : ""}${location.hash}`;
  }

  function activeFilters(filters) {
    return FACETS.flatMap(([facet]) => (filters[facet] || []).map((value) => [facet, value]));
  }

  class SearchApp {
    constructor(container) {
      this.container = container;
      this.state = readUrlState();
      this.hits = [];
      this.total = 0;
      this.facets = {};
      this.searched = null; // the state the shown results belong to
      this.request = null; // AbortController of the running request
      this.timer = 0;
      this.expanded = new Set(); // facets showing all their values
      this.build();
    }

    build() {
      this.input = h("input", {
        id: "kb-query",
        class: "kb-search__input",
        type: "search",
        name: QUERY_PARAM,
        autocomplete: "off",
        spellcheck: "false",
        maxlength: MAX_QUERY,
        placeholder: "z. B. KI in der Qualitätsprüfung",
        "aria-describedby": "kb-query-hint",
        oninput: () => this.onType(),
      });
      this.form = h(
        "form",
        { class: "kb-search__form", role: "search", onsubmit: (event) => this.onSubmit(event) },
        h("label", { class: "kb-search__label", for: "kb-query", text: "Wonach suchen Sie?" }),
        h("p", {
          id: "kb-query-hint",
          class: "kb-search__hint",
          text:
            "Ein Stichwort, eine Frage oder der Bedarf eines Betriebs in zwei Sätzen – " +
            "auch auf Englisch, mit Tippfehlern oder ohne Umlaute.",
        }),
        h(
          "div",
          { class: "kb-search__bar" },
          h("span", { class: "kb-search__icon" }, icon("semantic")),
          this.input,
          h("button", { type: "submit", class: "kb-search__submit", text: "Suchen" }),
        ),
      );
      this.notice = h("div", { class: "kb-notice", hidden: true });
      this.status = h("p", { class: "kb-search__status", role: "status", "aria-live": "polite" });
      this.chips = h("div", { class: "kb-chips", hidden: true });
      this.facetToggle = h("button", {
        type: "button",
        class: "kb-facets__toggle",
        "aria-expanded": "false",
        "aria-controls": "kb-facet-groups",
        onclick: () => this.toggleFacets(),
      });
      this.facetGroups = h("div", { id: "kb-facet-groups", class: "kb-facets__groups" });
      this.facetPanel = h(
        "section",
        { class: "kb-facets", "aria-labelledby": "kb-facets-title", hidden: true },
        h("h2", { id: "kb-facets-title", class: "kb-facets__title", text: "Filter" }),
        // Keyboard users need not tab through every filter to reach the results.
        h("button", {
          type: "button",
          class: "kb-skip",
          text: "Zu den Ergebnissen springen",
          onclick: () => {
            const first = this.list.querySelector("a") || this.empty.querySelector("button");
            if (first) first.focus();
          },
        }),
        this.facetToggle,
        this.facetGroups,
      );
      this.list = h("ol", { class: "kb-results", "aria-labelledby": "kb-results-title" });
      this.empty = h("div", { class: "kb-empty", hidden: true });
      this.more = h("button", {
        type: "button",
        class: "kb-more",
        hidden: true,
        text: "Mehr laden",
        onclick: () => this.loadMore(),
      });
      this.intro = h("div", { class: "kb-intro" });
      this.results = h(
        "div",
        { class: "kb-search__results" },
        h("h2", { id: "kb-results-title", class: "kb-sr-only", text: "Ergebnisse" }),
        this.chips,
        this.list,
        this.empty,
        this.more,
      );
      this.container.classList.add("kb-search");
      this.container.replaceChildren(
        this.form,
        this.notice,
        this.status,
        this.intro,
        h("div", { class: "kb-search__layout" }, this.facetPanel, this.results),
      );
      this.input.value = this.state.query;
    }

    async start() {
      window.addEventListener("popstate", () => {
        this.state = readUrlState();
        this.input.value = this.state.query;
        this.run();
      });
      if (!this.state.query) this.renderIdle();
      // The labels of filter values come once from the API; this also tells whether it is there.
      const reachable = await loadLabels();
      if (this.state.query) this.run();
      else if (!reachable) this.showUnavailable();
    }

    /* -- events */

    onType() {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        const query = this.input.value.trim();
        if (query === this.state.query) return;
        this.state = { ...this.state, query };
        // Typing replaces its own history entry; the first keystrokes after a click add one.
        this.remember(history.state && history.state.kbTyping ? "replace" : "push", true);
        this.run();
      }, DEBOUNCE_MS);
    }

    onSubmit(event) {
      event.preventDefault();
      window.clearTimeout(this.timer);
      const query = this.input.value.trim();
      if (query !== this.state.query) {
        this.state = { ...this.state, query };
        this.remember("push");
      }
      this.run();
    }

    /** Take over typed text whose debounce has not fired yet, so a click never loses it. */
    flushTyping() {
      window.clearTimeout(this.timer);
      this.state = { ...this.state, query: this.input.value.trim() };
    }

    setFilter(facet, value, on) {
      this.flushTyping();
      const values = new Set(this.state.filters[facet] || []);
      if (on) values.add(value);
      else values.delete(value);
      const filters = { ...this.state.filters, [facet]: [...values] };
      if (!values.size) delete filters[facet];
      this.state = { ...this.state, filters };
      this.remember("push");
      this.run();
    }

    clearFilters() {
      this.flushTyping();
      this.state = { ...this.state, filters: {} };
      this.remember("push");
      this.run();
      this.input.focus();
    }

    useExample(query) {
      this.input.value = query;
      this.state = { ...this.state, query };
      this.remember("push");
      this.run();
    }

    toggleFacets() {
      const open = this.facetToggle.getAttribute("aria-expanded") !== "true";
      this.facetToggle.setAttribute("aria-expanded", String(open));
      this.facetPanel.classList.toggle("kb-facets--open", open);
    }

    remember(mode, typing = false) {
      const url = stateUrl(this.state);
      const current = `${location.pathname}${location.search}${location.hash}`;
      if (url === current) return;
      const entry = { kbSearch: true, kbTyping: typing };
      if (mode === "push") history.pushState(entry, "", url);
      else history.replaceState(entry, "", url);
    }

    /* -- requests */

    searchParams(state, offset) {
      const params = [
        ["q", state.query],
        ["limit", PAGE_SIZE],
        ["offset", offset],
      ];
      for (const [facet, value] of activeFilters(state.filters)) params.push([facet, value]);
      return params;
    }

    async run() {
      window.clearTimeout(this.timer);
      if (this.request) this.request.abort();
      this.request = null;
      if (!this.state.query) {
        this.renderIdle();
        return;
      }
      const state = this.state;
      const data = await this.fetch(apiUrl("search", this.searchParams(state, 0)));
      if (!data) return;
      this.searched = state;
      this.hits = Array.isArray(data.results) ? data.results : [];
      this.total = Number.isFinite(data.total) ? data.total : this.hits.length;
      this.facets = data.facets && typeof data.facets === "object" ? data.facets : {};
      this.render();
    }

    async loadMore() {
      if (this.request || !this.searched) return;
      const firstNew = this.hits.length;
      // Page on through the shown result set, even if the field has changed meanwhile.
      const data = await this.fetch(apiUrl("search", this.searchParams(this.searched, this.hits.length)));
      if (!data) return;
      const seen = new Set(this.hits.map((hit) => hit.id));
      const fresh = (Array.isArray(data.results) ? data.results : []).filter((hit) => !seen.has(hit.id));
      this.hits = this.hits.concat(fresh);
      if (!fresh.length) this.total = this.hits.length; // nothing further: stop offering more
      this.renderResults();
      this.announce();
      // Keyboard users continue with the first newly loaded result.
      const link = this.list.children[firstNew] && this.list.children[firstNew].querySelector("a");
      if (link) link.focus();
    }

    /** One request at a time; shows the unavailable notice or the API's message on failure. */
    async fetch(url) {
      const controller = new AbortController();
      if (this.request) this.request.abort();
      this.request = controller;
      this.container.classList.add("kb-search--busy");
      this.results.setAttribute("aria-busy", "true");
      try {
        const data = await getJson(url, controller.signal);
        if (this.request !== controller) return null;
        this.hideNotice();
        return data;
      } catch (err) {
        if (err && err.name === "AbortError") return null;
        if (this.request !== controller) return null;
        if (err instanceof ApiUnavailable) this.showUnavailable();
        else if (err instanceof ApiError) this.showError(err.message);
        else throw err;
        return null;
      } finally {
        if (this.request === controller) {
          this.request = null;
          this.container.classList.remove("kb-search--busy");
          this.results.removeAttribute("aria-busy");
        }
      }
    }

    /* -- notices */

    hideNotice() {
      this.notice.hidden = true;
      this.notice.replaceChildren();
      this.container.classList.remove("kb-search--offline");
    }

    showUnavailable() {
      rememberOffline();
      this.container.classList.add("kb-search--offline");
      this.clearResults();
      this.status.textContent = "";
      this.notice.className = "kb-notice kb-notice--offline";
      this.notice.setAttribute("role", "alert");
      this.notice.replaceChildren(
        h("p", {
          class: "kb-notice__text",
          text:
            "Die semantische Suche ist gerade nicht erreichbar. " +
            "Die Volltextsuche der Website funktioniert weiterhin.",
        }),
        h(
          "div",
          { class: "kb-notice__actions" },
          h("button", {
            type: "button",
            class: "kb-button kb-button--primary",
            text: "In der Volltextsuche suchen",
            onclick: () => openBuiltinSearch(this.input.value.trim()),
          }),
          h("button", {
            type: "button",
            class: "kb-button",
            text: "Erneut versuchen",
            onclick: () => this.retry(),
          }),
        ),
      );
      this.notice.hidden = false;
    }

    async retry() {
      if (this.state.query) this.run();
      else if (await loadLabels()) this.hideNotice();
      else this.showUnavailable();
    }

    showError(message) {
      this.clearResults();
      this.notice.className = "kb-notice kb-notice--error";
      this.notice.setAttribute("role", "alert");
      this.notice.replaceChildren(h("p", { class: "kb-notice__text", text: message }));
      this.notice.hidden = false;
      this.status.textContent = "";
      if (activeFilters(this.state.filters).length) this.renderChips();
    }

    /* -- rendering */

    clearResults() {
      this.hits = [];
      this.total = 0;
      this.searched = null;
      this.list.replaceChildren();
      this.empty.hidden = true;
      this.more.hidden = true;
      this.chips.hidden = true;
      this.facetPanel.hidden = true;
    }

    /** Example queries as buttons that run them. */
    exampleList() {
      return h(
        "ul",
        { class: "kb-suggestions" },
        EXAMPLES.map((example) =>
          h(
            "li",
            {},
            h("button", {
              type: "button",
              class: "kb-suggestion",
              text: example,
              onclick: () => this.useExample(example),
            }),
          ),
        ),
      );
    }

    renderIdle() {
      this.clearResults();
      this.status.textContent = "";
      this.intro.hidden = false;
      this.intro.replaceChildren(
        h("p", { class: "kb-intro__text", text: "Zum Beispiel:" }),
        this.exampleList(),
      );
      if (activeFilters(this.state.filters).length) this.renderChips();
    }

    render() {
      this.intro.hidden = true;
      this.renderResults();
      this.renderFacets();
      this.renderChips();
      this.announce();
    }

    announce() {
      const query = this.searched ? this.searched.query : "";
      if (!this.total) {
        this.status.textContent = `Keine Konzepte gefunden für „${query}“.`;
      } else if (this.hits.length < this.total) {
        this.status.textContent =
          `${plural(this.total, "Konzept", "Konzepte")} gefunden für „${query}“, ` +
          `${this.hits.length.toLocaleString("de-DE")} angezeigt.`;
      } else {
        const found = plural(this.total, "Konzept", "Konzepte");
        this.status.textContent = `${found} gefunden für „${query}“.`;
      }
    }

    renderResults() {
      this.list.replaceChildren(...this.hits.map((hit) => this.card(hit)));
      this.more.hidden = this.hits.length >= this.total || !this.hits.length;
      if (!this.more.hidden) {
        const next = Math.min(PAGE_SIZE, this.total - this.hits.length);
        this.more.textContent = `Mehr laden (${next.toLocaleString("de-DE")} weitere)`;
      }
      this.renderEmpty();
    }

    card(hit) {
      const topics = hitTopics(hit);
      const snippet = typeof hit.snippet === "string" && hit.snippet ? hit.snippet : null;
      return h(
        "li",
        { class: "kb-hit" },
        h(
          "article",
          { class: "kb-hit__body" },
          h("h3", { class: "kb-hit__title" }, h("a", { href: conceptHref(hit), text: hit.title || hit.id })),
          h(
            "p",
            { class: "kb-hit__meta" },
            hit.status
              ? h("span", {
                  class: `kb-badge kb-badge--${String(hit.status).replace(/[^a-z-]/g, "")}`,
                  text: label("status", hit.status),
                })
              : null,
            hit.center ? h("span", { class: "kb-hit__center", text: hitCenter(hit) }) : null,
          ),
          hit.section
            ? h(
                "p",
                { class: "kb-hit__section" },
                h("span", { class: "kb-hit__section-label", text: "Passender Abschnitt: " }),
                h("strong", { text: hit.section }),
              )
            : null,
          snippet
            ? appendSnippet(h("p", { class: "kb-hit__snippet" }), snippet)
            : h("p", { class: "kb-hit__snippet", text: hit.summary || "" }),
          topics.length
            ? h(
                "ul",
                { class: "kb-pills kb-hit__topics", "aria-label": "Themen" },
                topics.map(([, text]) => h("li", { text })),
              )
            : null,
        ),
      );
    }

    renderEmpty() {
      if (this.hits.length || !this.searched) {
        this.empty.hidden = true;
        return;
      }
      const active = activeFilters(this.searched.filters);
      const children = [
        h("p", { class: "kb-empty__title", text: "Keine passenden Konzepte gefunden." }),
      ];
      if (active.length) {
        children.push(
          h("p", { text: "Vielleicht schränken die Filter zu stark ein. Versuchen Sie:" }),
          h(
            "ul",
            { class: "kb-suggestions" },
            active.map(([facet, value]) =>
              h(
                "li",
                {},
                h("button", {
                  type: "button",
                  class: "kb-suggestion",
                  "data-kb-without": `${facet}\u0000${value}`,
                  text: `Filter „${FACET_NAMES[facet]}: ${label(facet, value)}“ entfernen`,
                  onclick: () => this.setFilter(facet, value, false),
                }),
              ),
            ),
            active.length > 1
              ? h(
                  "li",
                  {},
                  h("button", {
                    type: "button",
                    class: "kb-suggestion",
                    "data-kb-without": "*",
                    text: "Alle Filter entfernen",
                    onclick: () => this.clearFilters(),
                  }),
                )
              : null,
          ),
        );
      } else {
        const catalogue = new URL("katalog/", siteRoot()).href;
        children.push(
          h("p", { text: "Versuchen Sie andere oder allgemeinere Worte, zum Beispiel:" }),
          this.exampleList(),
          h(
            "p",
            {},
            "Oder stöbern Sie im ",
            h("a", { href: catalogue, text: "Katalog aller Konzepte" }),
            ".",
          ),
        );
      }
      this.empty.replaceChildren(...children);
      this.empty.hidden = false;
      if (active.length) this.countWithout(this.searched);
    }

    /** For an empty result: how many hits each "… entfernen" suggestion would bring back. */
    async countWithout(searched) {
      const active = activeFilters(searched.filters);
      const options = active.map(([facet, value]) => [
        `${facet}\u0000${value}`,
        { ...searched.filters, [facet]: searched.filters[facet].filter((v) => v !== value) },
      ]);
      if (active.length > 1) options.push(["*", {}]);
      for (const [key, filters] of options) {
        const params = this.searchParams({ query: searched.query, filters }, 0);
        params[1] = ["limit", 1];
        let data;
        try {
          data = await getJson(apiUrl("search", params));
        } catch (err) {
          if (err instanceof ApiUnavailable || err instanceof ApiError) return;
          throw err;
        }
        if (this.searched !== searched) return;
        if (!Number.isFinite(data.total) || data.total < 1) continue;
        const button = [...this.empty.querySelectorAll("[data-kb-without]")].find(
          (node) => node.getAttribute("data-kb-without") === key,
        );
        const count = ` (${plural(data.total, "Treffer", "Treffer")})`;
        if (button) button.append(h("span", { class: "kb-suggestion__count", text: count }));
      }
    }

    renderChips() {
      const active = activeFilters(this.state.filters);
      this.chips.hidden = !active.length;
      if (!active.length) {
        this.chips.replaceChildren();
        return;
      }
      this.chips.replaceChildren(
        h("span", { class: "kb-chips__label", text: "Aktive Filter:" }),
        ...active.map(([facet, value]) =>
          h(
            "button",
            {
              type: "button",
              class: "kb-chip",
              "aria-label": `Filter ${FACET_NAMES[facet]}: ${label(facet, value)} entfernen`,
              onclick: () => this.setFilter(facet, value, false),
            },
            h("span", { class: "kb-chip__facet", text: `${FACET_NAMES[facet]}:` }),
            ` ${label(facet, value)}`,
            h("span", { class: "kb-chip__x", "aria-hidden": "true", text: "×" }),
          ),
        ),
        active.length > 1
          ? h("button", {
              type: "button",
              class: "kb-chips__clear",
              text: "Alle entfernen",
              onclick: () => this.clearFilters(),
            })
          : null,
      );
    }

    /** Facet values with counts from the API; chosen values stay visible even at zero. */
    facetValues(facet) {
      const counts = this.facets[facet] && typeof this.facets[facet] === "object" ? this.facets[facet] : {};
      const entries = new Map();
      for (const [value, raw] of Object.entries(counts)) {
        const count = typeof raw === "number" ? raw : raw && typeof raw.count === "number" ? raw.count : 0;
        if (raw && typeof raw === "object") learnLabel(facet, value, raw.label);
        entries.set(value, count);
      }
      for (const value of this.state.filters[facet] || []) if (!entries.has(value)) entries.set(value, 0);
      return [...entries].sort(
        (a, b) => b[1] - a[1] || label(facet, a[0]).localeCompare(label(facet, b[0]), "de"),
      );
    }

    renderFacets() {
      const focused = document.activeElement;
      const refocus =
        focused && this.facetGroups.contains(focused) ? focused.getAttribute("data-kb-focus") : null;
      const groups = FACETS.map(([facet, name]) => this.facetGroup(facet, name)).filter(Boolean);
      this.facetGroups.replaceChildren(...groups);
      this.facetPanel.hidden = !groups.length;
      const count = activeFilters(this.state.filters).length;
      this.facetToggle.textContent = count ? `Filter (${count} aktiv)` : "Filter anzeigen";
      // Re-rendering replaces the checkboxes; keep keyboard focus where it was.
      if (refocus) {
        const target = [...this.facetGroups.querySelectorAll("[data-kb-focus]")].find(
          (node) => node.getAttribute("data-kb-focus") === refocus,
        );
        if (target) target.focus();
      }
    }

    facetGroup(facet, name) {
      const values = this.facetValues(facet);
      if (!values.length) return null;
      const chosen = new Set(this.state.filters[facet] || []);
      const expanded = this.expanded.has(facet);
      const shown = expanded ? values : values.filter(([value], i) => i < FACET_PREVIEW || chosen.has(value));
      const items = shown.map(([value, count]) => {
        const id = `kb-f-${facet}-${value}`.replace(/[^A-Za-z0-9_-]/g, "_");
        return h(
          "li",
          { class: "kb-facet__item" },
          h("input", {
            type: "checkbox",
            id,
            class: "kb-facet__check",
            name: facet,
            value,
            checked: chosen.has(value),
            "data-kb-focus": `${facet}\u0000${value}`,
            onchange: (event) => this.setFilter(facet, value, event.target.checked),
          }),
          h(
            "label",
            { for: id, class: "kb-facet__label" },
            h("span", { class: "kb-facet__name", text: label(facet, value) }),
            h(
              "span",
              { class: "kb-facet__count" },
              h("span", { class: "kb-sr-only", text: " (" }),
              count.toLocaleString("de-DE"),
              h("span", { class: "kb-sr-only", text: " Treffer)" }),
            ),
          ),
        );
      });
      const toggle =
        values.length > FACET_PREVIEW
          ? h("button", {
              type: "button",
              class: "kb-facet__more",
              "aria-expanded": String(expanded),
              "data-kb-focus": `${facet}\u0000__more`,
              text: expanded ? "Weniger anzeigen" : `Alle ${values.length.toLocaleString("de-DE")} anzeigen`,
              onclick: () => {
                if (expanded) this.expanded.delete(facet);
                else this.expanded.add(facet);
                this.renderFacets();
              },
            })
          : null;
      return h(
        "fieldset",
        { class: "kb-facet" },
        h("legend", { class: "kb-facet__legend", text: name }),
        h("ul", { class: "kb-facet__list" }, items),
        toggle,
      );
    }
  }

  /* ----------------------------------------------------------------- boot */

  function boot() {
    mountHeaderSearch();
    const app = document.getElementById("kb-search-app");
    if (app && !app.dataset.kbMounted) {
      app.dataset.kbMounted = "1";
      new SearchApp(app).start();
    }
    for (const box of document.querySelectorAll(".kb-similar[data-concept-id]")) mountSimilar(box);
  }

  // With mkdocs-material's instant navigation pages are swapped without a reload; document$
  // emits for the first page and every swapped one.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
