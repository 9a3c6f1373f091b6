/** The "Ähnliche Konzepte" box of a concept page. */

import { h } from "../dom.mjs";
import { renderFacts } from "./facts.mjs";
import { conceptLink, hitCenter } from "./results.mjs";

/** Heading and list of similar concepts (hits of GET /api/concepts/{id}/similar). */
export function renderSimilar(hits, { labels, siteRoot }) {
  return [
    h("h2", { class: "kb-similar__title", id: "aehnliche-konzepte", text: "Ähnliche Konzepte" }),
    h(
      "ul",
      { class: "kb-similar__list" },
      hits.map((hit) =>
        h(
          "li",
          { class: "kb-similar__item" },
          conceptLink(hit, siteRoot, { class: "kb-similar__link" }),
          hit.center && h("span", { class: "kb-similar__center", text: hitCenter(hit, labels) }),
          hit.summary && h("p", { class: "kb-similar__summary", text: hit.summary }),
          renderFacts(hit.facts),
        ),
      ),
    ),
  ];
}
