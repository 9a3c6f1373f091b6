/** The search page's frame: notice, live status, intro, filter panel and result area. */

import { h } from "../dom.mjs";

/**
 * The empty frame around ``form``; components fill its parts later.
 * @returns {{children: Node[], parts: Record<string, HTMLElement>}}
 */
export function renderSearchLayout({ form, onSkip, onToggleFacets, onMore }) {
  const parts = {
    notice: h("div", { class: "kb-notice", hidden: true }),
    status: h("p", { class: "kb-search__status", role: "status", "aria-live": "polite" }),
    intro: h("div", { class: "kb-intro" }),
    chips: h("div", { class: "kb-chips", hidden: true }),
    toggle: h("button", {
      type: "button",
      class: "kb-facets__toggle",
      "aria-expanded": "false",
      "aria-controls": "kb-facet-groups",
      text: "Filter anzeigen",
      onclick: onToggleFacets,
    }),
    groups: h("div", { id: "kb-facet-groups", class: "kb-facets__groups" }),
    list: h("ol", { class: "kb-results", "aria-labelledby": "kb-results-title" }),
    empty: h("div", { class: "kb-empty", hidden: true }),
    more: h("button", {
      type: "button",
      class: "kb-more",
      hidden: true,
      text: "Mehr laden",
      onclick: onMore,
    }),
  };
  parts.panel = h(
    "section",
    { class: "kb-facets", "aria-labelledby": "kb-facets-title", hidden: true },
    h("h2", { id: "kb-facets-title", class: "kb-facets__title", text: "Filter" }),
    // Keyboard users need not tab through every filter to reach the results.
    h("button", {
      type: "button",
      class: "kb-skip",
      text: "Zu den Ergebnissen springen",
      onclick: onSkip,
    }),
    parts.toggle,
    parts.groups,
  );
  parts.results = h(
    "div",
    { class: "kb-search__results" },
    h("h2", { id: "kb-results-title", class: "kb-sr-only", text: "Ergebnisse" }),
    parts.chips,
    parts.list,
    parts.empty,
    parts.more,
  );
  const children = [
    form,
    parts.notice,
    parts.status,
    parts.intro,
    h("div", { class: "kb-search__layout" }, parts.panel, parts.results),
  ];
  return { children, parts };
}
