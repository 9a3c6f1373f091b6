/** Result cards, the live status line and the "Mehr laden" label of the search page. */

import { h } from "../dom.mjs";
import { hitHref } from "../paths.mjs";
import { snippetParts } from "../snippet.mjs";
import { number, plural } from "../text.mjs";
import { renderFacts } from "./facts.mjs";

const isText = (value) => typeof value === "string" && value !== "";

/** A hit's topic labels; the API sends {key, label} objects, a bare key is looked up. */
export function hitTopics(hit, labels) {
  return (Array.isArray(hit.topics) ? hit.topics : [])
    .map((topic) => (topic && typeof topic === "object" ? [topic.key, topic.label] : [topic, null]))
    .filter(([key]) => isText(key))
    .map(([key, text]) => (isText(text) ? text : labels.value("topic", key)));
}

/** The centre's name as the API sends it, else the centre facet's label for its key. */
export function hitCenter(hit, labels) {
  return isText(hit.center_name) ? hit.center_name : labels.value("center", hit.center);
}

/** A concept's title as a link to its page (as plain text when the API sent no usable URL). */
export function conceptLink(hit, siteRoot, props = {}) {
  const text = hit.title || hit.id;
  const href = hitHref(hit.url, siteRoot);
  return href ? h("a", { ...props, href, text }) : h("span", { ...props, text });
}

export function renderSnippet(snippet) {
  return h(
    "p",
    { class: "kb-hit__snippet" },
    snippetParts(snippet).map(({ text, mark }) => (mark ? h("mark", { text }) : text)),
  );
}

/** One result card. */
export function renderHit(hit, { labels, siteRoot }) {
  const topics = hitTopics(hit, labels);
  const status = isText(hit.status) ? hit.status : null;
  return h(
    "li",
    { class: "kb-hit" },
    h(
      "article",
      { class: "kb-hit__body" },
      h("h3", { class: "kb-hit__title" }, conceptLink(hit, siteRoot)),
      h(
        "p",
        { class: "kb-hit__meta" },
        status &&
          h("span", {
            class: `kb-badge kb-badge--${status.replace(/[^a-z-]/g, "")}`,
            text: labels.value("status", status),
          }),
        hit.center && h("span", { class: "kb-hit__center", text: hitCenter(hit, labels) }),
      ),
      hit.section &&
        h(
          "p",
          { class: "kb-hit__section" },
          h("span", { class: "kb-hit__section-label", text: "Passender Abschnitt: " }),
          h("strong", { text: hit.section }),
        ),
      isText(hit.snippet)
        ? renderSnippet(hit.snippet)
        : h("p", { class: "kb-hit__snippet", text: hit.summary || "" }),
      renderFacts(hit.facts),
      topics.length > 0 &&
        h(
          "ul",
          { class: "kb-pills kb-hit__topics", "aria-label": "Themen" },
          topics.map((text) => h("li", { text })),
        ),
    ),
  );
}

/** What the live region says about the shown results. */
export function statusText({ query, total, shown }) {
  if (!total) return `Keine Konzepte gefunden für „${query}“.`;
  const found = `${plural(total, "Konzept", "Konzepte")} gefunden für „${query}“`;
  return shown < total ? `${found}, ${number(shown)} angezeigt.` : `${found}.`;
}

/** Label of the "Mehr laden" button, or null when everything is shown. */
export function moreText({ total, shown, pageSize }) {
  if (!shown || shown >= total) return null;
  return `Mehr laden (${number(Math.min(pageSize, total - shown))} weitere)`;
}
