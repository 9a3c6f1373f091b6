// Entry: the catalogue's filters (#kb-catalogue).
import { onPage } from "./kb/boot.mjs";

onPage(async (doc) => {
  const root = doc.getElementById("kb-catalogue");
  if (root) (await import("./kb/catalogue.mjs")).mountCatalogue(root);
});
