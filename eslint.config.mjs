// ESLint flat config for the site's ES modules (browser) and their unit tests (Node).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "build/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["site_overrides/assets/javascripts/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, document$: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Values from the API reach the DOM as text only (see kb/dom.mjs).
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build nodes with h() from kb/dom.mjs." },
        { property: "outerHTML", message: "Build nodes with h() from kb/dom.mjs." },
        { property: "insertAdjacentHTML", message: "Build nodes with h() from kb/dom.mjs." },
      ],
    },
  },
];
