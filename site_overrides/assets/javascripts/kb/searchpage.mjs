/**
 * The search page (#kb-search-app): renders the frame once, then small components register
 * with the SearchStore hub. Each component only decides when to call its pure render
 * function (views/); the store owns state, requests and history. Without the API the static
 * keyword search (fallback.mjs) answers, and a notice says so.
 */

import { Api } from "./api.mjs";
import { keepFocus } from "./dom.mjs";
import { countedValues } from "./facets.mjs";
import { StaticSearch } from "./fallback.mjs";
import { CATALOGUE_PAGE, apiRoot, siteRoot } from "./paths.mjs";
import { ScrollMemory, navigationType, returnsTo } from "./place.mjs";
import { PAGE_SIZE, SearchStore } from "./store.mjs";
import { cleanQuery } from "./urlstate.mjs";
import { renderChips } from "./views/chips.mjs";
import {
  WITHOUT_ALL,
  renderEmpty,
  renderIntro,
  renderWithoutCount,
  withoutKey,
} from "./views/empty.mjs";
import { renderFacetGroup } from "./views/facets.mjs";
import { renderSearchForm } from "./views/form.mjs";
import { renderSearchLayout } from "./views/layout.mjs";
import { renderError, renderFallback, renderUnavailable } from "./views/notice.mjs";
import { moreText, renderHit, statusText } from "./views/results.mjs";
import { withoutCounts } from "./withoutcounts.mjs";

const EXAMPLES = [
  "KI in der Qualitätsprüfung",
  "Angebote für Solo-Selbstständige",
  "Mitarbeitende an Cobots heranführen",
];
const FACET_PREVIEW = 6;
const HITS = { one: "Treffer", many: "Treffer" };
const CLEARING = ["idle", "unavailable", "error"]; // events after which no results are shown

const fresh = (results) => results.appendedFrom === null; // not just one more page

function fieldComponent(input) {
  return {
    register(store) {
      // Only when the state differs from the field: never move the caret while typing.
      store.on("state", (state) => {
        if (cleanQuery(input.value) !== state.query) input.value = state.query;
      });
      store.on("focus-query", () => input.focus());
    },
  };
}

function statusComponent(status) {
  return {
    register(store) {
      store.on("results", ({ searched, total, hits }) => {
        status.textContent = statusText({ query: searched.query, total, shown: hits.length });
      });
      for (const event of CLEARING) store.on(event, () => (status.textContent = ""));
    },
  };
}

function noticeComponent(notice, container, root) {
  let shown = null; // the kind on screen: re-rendering it would take the focus off its button
  const show = (kind, role, children) => {
    if (shown === kind) return;
    shown = kind;
    notice.className = `kb-notice kb-notice--${kind}`;
    notice.setAttribute("role", role);
    notice.replaceChildren(...children());
    notice.hidden = false;
  };
  return {
    register(store) {
      const onRetry = () => store.retry();
      store.on("fallback", () => {
        container.classList.remove("kb-search--offline");
        show("fallback", "status", () => renderFallback({ onRetry }));
      });
      store.on("unavailable", () => {
        container.classList.add("kb-search--offline");
        const catalogueHref = new URL(CATALOGUE_PAGE, root).href;
        show("offline", "alert", () => renderUnavailable({ catalogueHref, onRetry }));
      });
      store.on("error", (message) => {
        shown = null;
        show("error", "alert", () => renderError(message));
      });
      store.on("ok", () => {
        shown = null;
        notice.hidden = true;
        notice.replaceChildren();
        container.classList.remove("kb-search--offline");
      });
    },
  };
}

function introComponent(intro) {
  return {
    register(store) {
      store.on("idle", () => {
        intro.replaceChildren(...renderIntro(EXAMPLES, (query) => store.useExample(query)));
        intro.hidden = false;
      });
      store.on("results", () => (intro.hidden = true));
    },
  };
}

function resultsComponent({ list, more, results }, container, root) {
  return {
    register(store) {
      store.on("results", ({ hits, total, appendedFrom }) => {
        const render = (hit) => renderHit(hit, { labels: store.labels, siteRoot: root });
        if (appendedFrom === null) list.replaceChildren(...hits.map(render));
        else list.append(...hits.slice(appendedFrom).map(render));
        const label = moreText({ total, shown: hits.length, pageSize: PAGE_SIZE });
        more.hidden = label === null;
        if (label) more.textContent = label;
        // Keyboard users continue with the first newly loaded result.
        const first = appendedFrom === null ? null : list.children[appendedFrom];
        if (first && first.querySelector("a")) first.querySelector("a").focus();
      });
      for (const event of CLEARING) {
        store.on(event, () => {
          list.replaceChildren();
          more.hidden = true;
        });
      }
      store.on("busy", (busy) => {
        container.classList.toggle("kb-search--busy", busy);
        if (busy) results.setAttribute("aria-busy", "true");
        else results.removeAttribute("aria-busy");
      });
    },
  };
}

function emptyComponent(empty, root) {
  return {
    register(store) {
      store.on("results", (results) => {
        if (!fresh(results)) return;
        empty.hidden = results.hits.length > 0;
        if (!empty.hidden) {
          const children = renderEmpty({
            active: store.active(results.searched.filters),
            examples: EXAMPLES,
            catalogueHref: new URL(CATALOGUE_PAGE, root).href,
            onPick: (query) => store.useExample(query),
            onRemove: (key, value) => store.setFilter(key, value, false),
            onClear: () => store.clearFilters(),
          });
          empty.replaceChildren(...children);
        }
      });
      store.on("without", ({ key, value, total }) => {
        const wanted = key === null ? WITHOUT_ALL : withoutKey(key, value);
        const button = [...empty.querySelectorAll("[data-kb-without]")].find(
          (node) => node.getAttribute("data-kb-without") === wanted,
        );
        if (button) button.append(renderWithoutCount(total));
      });
      for (const event of CLEARING) store.on(event, () => (empty.hidden = true));
    },
  };
}

function facetsComponent({ panel, toggle, groups }) {
  const expanded = new Set(); // facets showing all their values
  return {
    register(store) {
      store.on("results", (results) => {
        if (!fresh(results)) return;
        const group = (facet) => {
          const chosen = store.state.filters[facet.key] || [];
          const values = countedValues(facet.key, results.counts[facet.key], chosen, store.labels);
          if (!values.length) return null;
          return renderFacetGroup({
            key: facet.key,
            label: facet.label,
            values,
            expanded: expanded.has(facet.key),
            preview: FACET_PREVIEW,
            unit: HITS,
            onChange: (value, on) => store.setFilter(facet.key, value, on),
            onToggle: (open) => (open ? expanded.add(facet.key) : expanded.delete(facet.key)),
          });
        };
        // Re-rendering replaces the checkboxes; keyboard focus stays where it was.
        keepFocus(groups, () => {
          groups.replaceChildren(...store.facets.map(group).filter(Boolean));
        });
        panel.hidden = !groups.children.length;
        const count = store.active().length;
        toggle.textContent = count ? `Filter (${count} aktiv)` : "Filter anzeigen";
      });
      for (const event of CLEARING) store.on(event, () => (panel.hidden = true));
    },
  };
}

/**
 * Back to the reader's place: the store loads as many hits as the history entry had; once
 * they are rendered, the scroll position saved when the page was left. A page restored whole
 * from the back/forward cache gets its position again too.
 */
function placeComponent(win, memory, returning) {
  return {
    register(store) {
      let pending = returning;
      const restore = () => {
        const y = memory.saved();
        if (y && Math.abs(win.scrollY - y) > 1) win.scrollTo(0, y);
      };
      store.on("results", (results) => {
        if (!pending || !fresh(results)) return;
        pending = false;
        restore();
      });
      for (const event of CLEARING) store.on(event, () => (pending = false));
      win.addEventListener("pagehide", () => memory.save());
      win.addEventListener("pageshow", (event) => event.persisted && restore());
    },
  };
}

function chipsComponent(chips) {
  return {
    register(store) {
      const show = () => {
        const active = store.active();
        const onRemove = (key, value) => store.setFilter(key, value, false);
        const onClear = () => store.clearFilters();
        chips.replaceChildren(
          ...renderChips(active, { onRemove, onClear, title: "Aktive Filter:" }),
        );
        chips.hidden = !active.length;
      };
      store.on("results", (results) => fresh(results) && show());
      store.on("idle", show);
      store.on("error", show);
      store.on("unavailable", () => (chips.hidden = true));
    },
  };
}

export function mountSearchPage(container) {
  if (container.dataset.kbMounted) return;
  container.dataset.kbMounted = "1";
  const root = siteRoot();
  const store = new SearchStore(new Api(apiRoot()), { fallback: () => new StaticSearch(root) });
  const memory = new ScrollMemory(window);
  const returning = returnsTo(navigationType(window), memory.saved());
  // The page scrolls back itself once its results are there; the browser's own attempt
  // would come before them and land too high.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  const { form, input } = renderSearchForm({
    query: store.state.query,
    onInput: (text) => store.type(text),
    onSubmit: (text) => store.submit(text),
  });
  const { children, parts } = renderSearchLayout({
    form,
    onSkip: () => {
      const first = parts.list.querySelector("a") || parts.empty.querySelector("button");
      if (first) first.focus();
    },
    onToggleFacets: () => {
      const open = parts.toggle.getAttribute("aria-expanded") !== "true";
      parts.toggle.setAttribute("aria-expanded", String(open));
      parts.panel.classList.toggle("kb-facets--open", open);
    },
    onMore: () => store.loadMore(),
  });
  container.classList.add("kb-search");
  container.replaceChildren(...children);
  store
    .add(fieldComponent(input))
    .add(noticeComponent(parts.notice, container, root))
    .add(statusComponent(parts.status))
    .add(introComponent(parts.intro))
    .add(facetsComponent(parts))
    .add(chipsComponent(parts.chips))
    .add(resultsComponent(parts, container, root))
    .add(emptyComponent(parts.empty, root))
    .add(withoutCounts())
    .add(placeComponent(window, memory, returning));
  // Ready to type, unless the reader came back to a place further down the list.
  if (!returning) input.focus({ preventScroll: true });
  store.start();
}
