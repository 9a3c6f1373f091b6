/** The search page's form: label, hint, field with icon, submit button. */

import { h, icon } from "../dom.mjs";
import { MAX_QUERY, QUERY_PARAM } from "../urlstate.mjs";

export const LABEL = "Wonach suchen Sie?";

/** @returns {{form: HTMLFormElement, input: HTMLInputElement}} */
export function renderSearchForm({ query, onInput, onSubmit }) {
  const input = h("input", {
    id: "kb-query",
    class: "kb-search__input",
    type: "search",
    name: QUERY_PARAM,
    autocomplete: "off",
    spellcheck: "false",
    maxlength: MAX_QUERY,
    placeholder: "z. B. KI in der Qualitätsprüfung",
    "aria-describedby": "kb-query-hint",
    oninput: () => onInput(input.value),
  });
  input.value = query;
  const form = h(
    "form",
    {
      class: "kb-search__form",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit(input.value);
      },
    },
    h("label", { class: "kb-search__label", for: "kb-query", text: LABEL }),
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
      input,
      h("button", { type: "submit", class: "kb-search__submit", text: "Suchen" }),
    ),
  );
  return { form, input };
}
