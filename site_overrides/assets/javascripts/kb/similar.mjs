/**
 * "Ähnliche Konzepte" on concept pages (.kb-similar[data-concept-id]): filled from the API;
 * on static hosting without the API the box simply stays hidden.
 */

import { Api, isApiFailure } from "./api.mjs";
import { labelsOf } from "./facets.mjs";
import { apiRoot, siteRoot } from "./paths.mjs";
import { renderSimilar } from "./views/similar.mjs";

const LIMIT = 5;

export async function mountSimilar(box) {
  const id = box.getAttribute("data-concept-id");
  if (!id || box.dataset.kbMounted) return;
  box.dataset.kbMounted = "1";
  box.hidden = true;
  const api = new Api(apiRoot());
  if (api.knownOffline()) return;
  let data;
  try {
    data = await api.similar(id, LIMIT);
  } catch (err) {
    if (isApiFailure(err)) return;
    throw err;
  }
  const hits = (Array.isArray(data.results) ? data.results : []).filter(
    (hit) => hit && hit.id !== id,
  );
  if (!hits.length) return;
  // Hits carry the centre's name; no facet labels are needed (or loaded) here.
  box.replaceChildren(...renderSimilar(hits, { labels: labelsOf([]), siteRoot: siteRoot() }));
  box.hidden = false;
}
