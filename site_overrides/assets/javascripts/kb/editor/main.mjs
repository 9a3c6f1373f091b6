/**
 * The editor at admin/: Decap CMS with the generated configuration, our file format, the id
 * rule of `kb new`, and `kb validate`'s problems before every save.
 */
import { h } from "../dom.mjs";
import { apiRoot } from "../paths.mjs";
import { collectionOfHash, newEntryHash, withDefaults } from "./adopt.mjs";
import { conceptFormat } from "./format.mjs";
import {
  checkEntry,
  errorsOf,
  libraryPath,
  problemLine,
  refusal,
  withPendingUploads,
} from "./problems.mjs";
import { slugify } from "./slug.mjs";

const CONFIG_URL = "config.json";
const MARKDOWN_MODE_KEY = "cms.md-mode";

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function fieldOrder(collection) {
  return collection.fields.map((field) => field.name);
}

/** The file an entry would be saved as, and its path inside the library. */
function fileOf(entry, collection, format) {
  const data = entry.get("data").toJS();
  const id = entry.get("newRecord") ? slugify(data.title || "") : entry.get("slug");
  const path = libraryPath(entry.get("path"), collection.name, id);
  return { id, path, text: format.toFile(data, fieldOrder(collection)) };
}

/** The problems `kb validate` would report for the entry, its unsaved uploads counted in. */
async function checkFile(api, entry, { path, text }, format) {
  const result = await checkEntry(api, path, text);
  const uploads = (entry.get("mediaFiles")?.toJS() || []).filter((f) => f.draft).map((f) => f.name);
  const { materials } = format.fromFile(text);
  return { ...result, problems: withPendingUploads(result.problems, materials, uploads) };
}

function registerSaveCheck(CMS, collections, format, api) {
  CMS.registerEventListener({
    name: "preSave",
    handler: async ({ entry }) => {
      const collection = collections.get(entry.get("collection"));
      if (!collection) return entry.get("data");
      const file = fileOf(entry, collection, format);
      if (!file.id) throw new Error("Nicht gespeichert – bitte zuerst einen Titel eingeben.");
      const { problems } = await checkFile(api, entry, file, format);
      if (errorsOf(problems).length) throw new Error(refusal(problems));
      return entry.get("data").set("kb_id", file.id);
    },
  });
}

/** The preview pane shows the problems of the entry as it is typed, then the text. */
function problemPreview(CMS, collections, format, api) {
  const { createClass } = window;
  return createClass({
    getInitialState() {
      return { problems: null, unavailable: false };
    },
    componentDidMount() {
      this.check();
    },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.check(), 400);
      }
    },
    componentWillUnmount() {
      clearTimeout(this.timer);
    },
    async check() {
      const entry = this.props.entry;
      const collection = collections.get(entry.get("collection"));
      if (!collection) return;
      const file = fileOf(entry, collection, format);
      if (!file.id) {
        const message = "Titel fehlt – aus ihm entsteht der Dateiname.";
        this.setState({ problems: [{ level: "error", line: 0, field: "title", message }] });
        return;
      }
      try {
        const result = await checkFile(api, entry, file, format);
        this.setState({ problems: result.problems, unavailable: Boolean(result.unavailable) });
      } catch (error) {
        this.setState({
          problems: [{ level: "error", line: 0, field: "", message: error.message }],
        });
      }
    },
    render() {
      const { problems, unavailable } = this.state;
      const el = window.h;
      let status;
      if (unavailable) status = "Prüfung nicht erreichbar – sie läuft im Pull Request.";
      else if (problems === null) status = "Wird geprüft …";
      else if (!problems.length) status = "Keine Probleme – so würde „kb validate“ es annehmen.";
      else
        status = `${problems.length === 1 ? "1 Hinweis" : `${problems.length} Hinweise`} von „kb validate“:`;
      const items = (problems || []).map((problem, index) =>
        el("li", { key: index, className: `kb-problem kb-problem--${problem.level}` }, [
          el("strong", { key: "l" }, problem.level === "error" ? "Fehler " : "Warnung "),
          problemLine(problem),
        ]),
      );
      return el("div", { className: "kb-editor-preview" }, [
        el("section", { key: "p", className: "kb-problems", "aria-live": "polite" }, [
          el("p", { key: "s" }, status),
          el("ul", { key: "u" }, items),
        ]),
        el("h1", { key: "t" }, this.props.entry.getIn(["data", "title"]) || ""),
        el("div", { key: "b" }, this.props.widgetFor("body")),
      ]);
    },
  });
}

function chooseCenter(config, template) {
  return new Promise((resolve) => {
    const select = h(
      "select",
      { id: "kb-adopt-center" },
      config.collections.map((c) => h("option", { value: c.name, text: c.label })),
    );
    const button = h("button", { type: "submit", text: "Neues Konzept anlegen" });
    const form = h("form", { class: "kb-adopt" }, [
      h("h1", { text: "Für mein Zentrum übernehmen" }),
      h("p", {
        text: `Sie legen ein neues Konzept auf Grundlage von „${template.kb_original.title}“ an. Titel, Text, Themen und Formate werden übernommen; Erprobung, Übertragungen und Kontakt nicht.`,
      }),
      h("label", { for: "kb-adopt-center", text: "Für welches Zentrum?" }),
      select,
      button,
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      form.remove();
      resolve(select.value);
    });
    document.body.append(form);
    select.focus();
  });
}

async function start() {
  const CMS = window.CMS;
  if (!CMS) return;
  // Decap rejects a save of an invalid form with no reason after it has shown its own
  // message; that rejection is expected, not an error of the page.
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason === undefined) event.preventDefault();
  });
  // Markdown as written unless the user switched: Decap's rich-text mode rewrites the text
  // (in a trial it dropped empty section headings). Decap remembers the choice here.
  if (localStorage.getItem(MARKDOWN_MODE_KEY) === null) {
    localStorage.setItem(MARKDOWN_MODE_KEY, "raw");
  }
  const { default: YAML } = await import("../../../../admin/vendor/yaml/index.js");
  const format = conceptFormat(YAML);
  let config = await getJson(CONFIG_URL);
  const from = new URLSearchParams(location.search).get("von");
  if (from) {
    const template = await getJson(`vorlagen/${encodeURIComponent(from)}.json`);
    config = withDefaults(config, template);
    if (!collectionOfHash(location.hash)) {
      location.hash = newEntryHash(await chooseCenter(config, template));
    }
  }
  const collections = new Map(config.collections.map((c) => [c.name, c]));
  const api = apiRoot(document, location.href);
  CMS.registerCustomFormat("kb-concept", "md", format);
  registerSaveCheck(CMS, collections, format, api);
  const preview = problemPreview(CMS, collections, format, api);
  for (const name of collections.keys()) CMS.registerPreviewTemplate(name, preview);
  CMS.registerPreviewStyle(new URL("../assets/stylesheets/kb/editor.css", location.href).href);
  CMS.init({ config: { ...config, load_config_file: false } });
}

start();
