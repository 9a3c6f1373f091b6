/**
 * The same located problems `kb validate` reports, for the entry being edited:
 * POST <api>/validate with the file as it would be saved and its path in the library.
 */

/**
 * The path of an entry inside the library, "<center>/<id>.md": its file name for an existing
 * entry (the collection is the centre's folder), the derived id for a new one.
 */
export function libraryPath(entryPath, center, id) {
  const name = entryPath ? entryPath.split("/").pop() : "";
  return `${center}/${name || `${id}.md`}`;
}

/** One line per problem, as the CLI prints it: "Zeile 7: topics.1: unbekanntes Thema …". */
export function problemLine(problem) {
  return `${problem.line ? `Zeile ${problem.line}` : "Datei"}: ${problem.message}`;
}

export function errorsOf(problems) {
  return problems.filter((problem) => problem.level === "error");
}

/**
 * Ask the API. Resolves to {problems} or {unavailable: true} when there is no API (static
 * hosting: the pull request's CI validates instead); rejects on a 4xx with its message.
 */
export async function checkEntry(apiRoot, path, text, fetchImpl = fetch) {
  let response;
  try {
    response = await fetchImpl(new URL("validate", apiRoot), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ text, path }),
    });
  } catch {
    return { unavailable: true, problems: [] };
  }
  const body = await response.json().catch(() => null);
  if (response.ok && body && Array.isArray(body.problems)) return { problems: body.problems };
  if (response.status >= 400 && response.status < 500 && body && body.detail) {
    throw new Error(String(body.detail));
  }
  return { unavailable: true, problems: [] };
}

const MATERIAL_FILE = /^materials\.(\d+)\.file$/;

/**
 * Decap sends a file uploaded in the form together with the entry, when it is saved; until
 * then the API, which looks for it in the materials folder, reports it missing. Such an error
 * of a material whose file is one of ``uploads`` (the names of the entry's unsaved uploads)
 * becomes a note; ``materials`` are those of the text that was checked.
 */
export function withPendingUploads(problems, materials, uploads) {
  const pending = new Set(uploads);
  return problems.map((problem) => {
    const match = MATERIAL_FILE.exec(problem.field || "");
    const file = match && Array.isArray(materials) ? materials[Number(match[1])]?.file : null;
    if (problem.level !== "error" || !file || !pending.has(file)) return problem;
    const message = `${problem.field}: '${file}' wird beim Speichern in den Materialordner hochgeladen und danach geprüft`;
    return { ...problem, level: "warning", message };
  });
}

/** The message that stops a save: every error, one per line. */
export function refusal(problems) {
  const errors = errorsOf(problems);
  const count = errors.length === 1 ? "1 Fehler" : `${errors.length} Fehler`;
  return `Nicht gespeichert – ${count}:\n${errors.map(problemLine).join("\n")}`;
}
