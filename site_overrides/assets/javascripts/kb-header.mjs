// Entry: the semantic search box in the header of every page.
import { onPage } from "./kb/boot.mjs";
import { mountHeaderBox } from "./kb/headerbox.mjs";

onPage((doc) => mountHeaderBox(doc));
