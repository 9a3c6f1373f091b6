/*
 * Konzeptbibliothek – catalogue filters (katalog/).
 *
 * The cards are already in the page; this script reads katalog/concepts.json for each
 * concept's facet values and the German labels, builds the filter groups with counts and
 * hides the cards that do not match: OR within a group, AND across groups. The selection
 * lives in the URL (?topic=ki&status=erprobt), so a filtered view can be shared.
 * Values reach the DOM only as text (textContent / createElement), never as markup.
 */
(() => {
  "use strict";

  const root = document.getElementById("kb-catalogue");
  if (!root) return;

  const groupsBox = document.getElementById("kb-filter-groups");
  const countBox = document.getElementById("kb-count");
  const activeBox = document.getElementById("kb-active");
  const resetButton = document.getElementById("kb-reset");
  const emptyBox = document.getElementById("kb-empty");
  const panel = document.getElementById("kb-filters");
  const cards = Array.from(root.querySelectorAll(".kb-card[data-kb-id]"));
  const PREVIEW = 8;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function conceptsLabel(n) {
    return n === 1 ? "1 Konzept" : `${n} Konzepte`;
  }

  function readSelection(facets) {
    const params = new URLSearchParams(location.search);
    const selection = new Map();
    for (const facet of facets) {
      const known = new Set(facet.values.map((v) => v.value));
      const values = params.getAll(facet.key).filter((v) => known.has(v));
      selection.set(facet.key, new Set(values));
    }
    return selection;
  }

  function writeSelection(facets, selection) {
    const params = new URLSearchParams(location.search);
    for (const facet of facets) {
      params.delete(facet.key);
      for (const value of selection.get(facet.key)) params.append(facet.key, value);
    }
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "") + location.hash;
    history.replaceState(history.state, "", url);
  }

  function matches(concept, selection, skip) {
    for (const [facet, wanted] of selection) {
      if (facet === skip || wanted.size === 0) continue;
      if (!concept.facets[facet].some((v) => wanted.has(v))) return false;
    }
    return true;
  }

  function start(data) {
    const facets = data.facets;
    const byId = new Map(data.concepts.map((c) => [c.id, c]));
    const labels = new Map(facets.map((f) => [f.key, new Map(f.values.map((v) => [v.value, v.label]))]));
    const selection = readSelection(facets);
    const inputs = new Map();

    groupsBox.replaceChildren();
    for (const facet of facets) {
      const list = el("ul", { class: "kb-filter__list" });
      inputs.set(facet.key, new Map());
      facet.values.forEach((entry, index) => {
        const id = `kb-f-${facet.key}-${index}`;
        const input = el("input", { type: "checkbox", id, name: facet.key, value: entry.value });
        input.checked = selection.get(facet.key).has(entry.value);
        input.addEventListener("change", () => {
          const chosen = selection.get(facet.key);
          if (input.checked) chosen.add(entry.value);
          else chosen.delete(entry.value);
          update();
        });
        const count = el("span", { class: "kb-filter__count" });
        const item = el(
          "li",
          { class: "kb-filter__item" },
          input,
          el("label", { for: id }, el("span", { class: "kb-filter__label" }, entry.label), count),
        );
        if (index >= PREVIEW) item.classList.add("kb-filter__item--more");
        list.append(item);
        inputs.get(facet.key).set(entry.value, { input, count, item });
      });
      const group = el("fieldset", { class: "kb-filter" }, el("legend", null, facet.label), list);
      if (facet.values.length > PREVIEW) {
        const more = el("button", { type: "button", class: "kb-filter__more", "aria-expanded": "false" });
        const label = () => (group.classList.contains("kb-filter--open") ? "Weniger anzeigen" : `Alle ${facet.values.length} anzeigen`);
        more.textContent = label();
        more.addEventListener("click", () => {
          group.classList.toggle("kb-filter--open");
          more.setAttribute("aria-expanded", String(group.classList.contains("kb-filter--open")));
          more.textContent = label();
        });
        group.append(more);
      }
      groupsBox.append(group);
    }

    resetButton.addEventListener("click", () => {
      for (const chosen of selection.values()) chosen.clear();
      for (const group of inputs.values()) for (const { input } of group.values()) input.checked = false;
      update();
    });

    function update() {
      let shown = 0;
      for (const card of cards) {
        const concept = byId.get(card.dataset.kbId);
        const visible = !concept || matches(concept, selection, null);
        card.hidden = !visible;
        if (visible) shown += 1;
      }
      const active = [...selection.values()].some((s) => s.size > 0);
      countBox.textContent = active ? `${conceptsLabel(shown)} von ${cards.length}` : conceptsLabel(cards.length);
      emptyBox.hidden = shown > 0;
      resetButton.hidden = !active;

      // Counts per value: concepts matching all *other* groups that carry this value.
      for (const facet of facets) {
        const counts = new Map();
        for (const concept of data.concepts) {
          if (!matches(concept, selection, facet.key)) continue;
          for (const value of concept.facets[facet.key]) counts.set(value, (counts.get(value) || 0) + 1);
        }
        for (const [value, { input, count, item }] of inputs.get(facet.key)) {
          const n = counts.get(value) || 0;
          count.textContent = String(n);
          item.classList.toggle("kb-filter__item--zero", n === 0 && !input.checked);
          item.classList.toggle("kb-filter__item--checked", input.checked);
        }
      }

      activeBox.replaceChildren();
      for (const facet of facets) {
        for (const value of selection.get(facet.key)) {
          const chip = el(
            "button",
            { type: "button", class: "kb-active__chip", title: "Filter entfernen" },
            `${facet.label}: ${labels.get(facet.key).get(value)}`,
            el("span", { "aria-hidden": "true" }, " ×"),
          );
          chip.addEventListener("click", () => {
            selection.get(facet.key).delete(value);
            inputs.get(facet.key).get(value).input.checked = false;
            update();
          });
          activeBox.append(chip);
        }
      }
      writeSelection(facets, selection);
    }

    update();
    root.classList.add("kb-catalogue--ready");
  }

  // Wide screens show the filters beside the cards; narrow ones start with them folded.
  if (panel && window.matchMedia("(max-width: 59.9375em)").matches) panel.open = false;

  fetch(new URL(root.dataset.src || "concepts.json", location.href))
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(start)
    .catch(() => {
      groupsBox.replaceChildren(
        el("p", { class: "kb-muted" }, "Die Filter konnten nicht geladen werden; alle Konzepte sind aufgelistet."),
      );
    });
})();
