/**
 * Catalogue filters (#kb-catalogue). The cards are already in the page; katalog/concepts.json
 * gives each concept's facet values and the facets with their German labels. The filters hide
 * the cards that do not match (OR within a facet, AND across facets); the selection lives in
 * the URL under the same history policy as the search page (see urlstate.mjs).
 */

import { h, keepFocus } from "./dom.mjs";
import { labelledFilters, labelsOf, normaliseFacets } from "./facets.mjs";
import { facetCounts, matches } from "./matching.mjs";
import { plural } from "./text.mjs";
import { onHistoryChange, parseState, remember, withFilter } from "./urlstate.mjs";
import { renderChips } from "./views/chips.mjs";
import { renderFacetGroup } from "./views/facets.mjs";

const PREVIEW = 8;
const CONCEPTS = { one: "Konzept", many: "Konzepte" };
// Wide screens show the filters beside the cards; narrow ones start with them folded.
const NARROW = "(max-width: 59.9375em)";

const count = (n) => plural(n, CONCEPTS.one, CONCEPTS.many);

/** "11 Konzepte von 45" while filtering, else "45 Konzepte". */
export function countText(shown, total, filtering) {
  return filtering ? `${count(shown)} von ${total}` : count(total);
}

/** The catalogue's parts, found by the ids the generated page gives them. */
function partsOf(root) {
  const byId = (id) => document.getElementById(id);
  return {
    groups: byId("kb-filter-groups"),
    count: byId("kb-count"),
    active: byId("kb-active"),
    reset: byId("kb-reset"),
    empty: byId("kb-empty"),
    panel: byId("kb-filters"),
    cards: [...root.querySelectorAll(".kb-card[data-kb-id]")],
  };
}

function start(root, parts, data) {
  const facets = normaliseFacets(data);
  const labels = labelsOf(facets);
  const concepts = Array.isArray(data.concepts) ? data.concepts : [];
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));
  const expanded = new Set();
  const read = (search) => parseState(search, facets, { knownValuesOnly: true });
  let state = read(location.search); // the catalogue uses only state.filters

  const choose = (next) => {
    state = { ...state, filters: next };
    remember(state, facets);
    render();
  };

  function renderGroups(counts) {
    const group = (facet) => {
      const chosen = new Set(state.filters[facet.key] || []);
      return renderFacetGroup({
        key: facet.key,
        label: facet.label,
        values: facet.values.map(({ value, label }) => ({
          value,
          label,
          count: counts[facet.key].get(value) || 0,
          checked: chosen.has(value),
        })),
        expanded: expanded.has(facet.key),
        preview: PREVIEW,
        unit: CONCEPTS,
        onChange: (value, on) => choose(withFilter(state.filters, facet.key, value, on)),
        onToggle: (open) => (open ? expanded.add(facet.key) : expanded.delete(facet.key)),
      });
    };
    keepFocus(parts.groups, () => parts.groups.replaceChildren(...facets.map(group)));
  }

  function render() {
    let shown = 0;
    for (const card of parts.cards) {
      const concept = byId.get(card.dataset.kbId);
      card.hidden = Boolean(concept) && !matches(concept, state.filters);
      if (!card.hidden) shown += 1;
    }
    const active = labelledFilters(state.filters, facets, labels);
    parts.count.textContent = countText(shown, parts.cards.length, active.length > 0);
    parts.empty.hidden = shown > 0;
    parts.reset.hidden = !active.length;
    renderGroups(facetCounts(concepts, state.filters, facets));
    const onRemove = (key, value) => choose(withFilter(state.filters, key, value, false));
    keepFocus(parts.active, () =>
      parts.active.replaceChildren(...renderChips(active, { onRemove })),
    );
  }

  parts.reset.addEventListener("click", () => choose({}));
  onHistoryChange((search) => {
    state = read(search);
    render();
  });
  render();
  root.classList.add("kb-catalogue--ready");
}

export async function mountCatalogue(root) {
  if (root.dataset.kbMounted) return;
  root.dataset.kbMounted = "1";
  const parts = partsOf(root);
  if (parts.panel && window.matchMedia(NARROW).matches) parts.panel.open = false;
  let data;
  try {
    const response = await fetch(new URL(root.dataset.src || "concepts.json", location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
  } catch {
    const text = "Die Filter konnten nicht geladen werden; alle Konzepte sind aufgelistet.";
    parts.groups.replaceChildren(h("p", { class: "kb-muted", text }));
    return;
  }
  start(root, parts, data);
}
