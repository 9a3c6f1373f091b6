/** What the search page shows without results: example queries, and help for an empty result. */

import { h } from "../dom.mjs";
import { plural } from "../text.mjs";

/** The key of an "entfernen" suggestion; "*" stands for all filters. */
export const withoutKey = (key, value) => `${key}\u0000${value}`;
export const WITHOUT_ALL = "*";

/** Example queries as buttons that run them. */
export function renderExamples(examples, onPick) {
  return h(
    "ul",
    { class: "kb-suggestions" },
    examples.map((example) =>
      h(
        "li",
        {},
        h("button", {
          type: "button",
          class: "kb-suggestion",
          text: example,
          onclick: () => onPick(example),
        }),
      ),
    ),
  );
}

/** Before the first query. */
export function renderIntro(examples, onPick) {
  return [
    h("p", { class: "kb-intro__text", text: "Zum Beispiel:" }),
    renderExamples(examples, onPick),
  ];
}

function suggestion(text, without, onclick) {
  return h(
    "li",
    {},
    h("button", {
      type: "button",
      class: "kb-suggestion",
      "data-kb-without": without,
      text,
      onclick,
    }),
  );
}

/**
 * An empty result: with filters, one "entfernen" suggestion each (and one for all of them);
 * without, other words and the catalogue.
 * @param {{key: string, value: string, facet: string, label: string}[]} options.active
 */
export function renderEmpty({ active, examples, catalogueHref, onPick, onRemove, onClear }) {
  const title = h("p", { class: "kb-empty__title", text: "Keine passenden Konzepte gefunden." });
  if (!active.length) {
    return [
      title,
      h("p", { text: "Versuchen Sie andere oder allgemeinere Worte, zum Beispiel:" }),
      renderExamples(examples, onPick),
      h(
        "p",
        {},
        "Oder stöbern Sie im ",
        h("a", { href: catalogueHref, text: "Katalog aller Konzepte" }),
        ".",
      ),
    ];
  }
  return [
    title,
    h("p", { text: "Vielleicht schränken die Filter zu stark ein. Versuchen Sie:" }),
    h(
      "ul",
      { class: "kb-suggestions" },
      active.map(({ key, value, facet, label }) =>
        suggestion(`Filter „${facet}: ${label}“ entfernen`, withoutKey(key, value), () =>
          onRemove(key, value),
        ),
      ),
      active.length > 1 && suggestion("Alle Filter entfernen", WITHOUT_ALL, onClear),
    ),
  ];
}

/** " (3 Treffer)" after a suggestion: what removing that filter would bring back. */
export function renderWithoutCount(total) {
  return h("span", {
    class: "kb-suggestion__count",
    text: ` (${plural(total, "Treffer", "Treffer")})`,
  });
}
