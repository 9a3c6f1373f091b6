// Entry: the search page (#kb-search-app); its modules load only there.
import { onPage } from "./kb/boot.mjs";

onPage(async (doc) => {
  const app = doc.getElementById("kb-search-app");
  if (app) (await import("./kb/searchpage.mjs")).mountSearchPage(app);
});
