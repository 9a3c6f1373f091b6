// Entry: "Ähnliche Konzepte" on concept pages (.kb-similar[data-concept-id]).
import { onPage } from "./kb/boot.mjs";

onPage(async (doc) => {
  const boxes = doc.querySelectorAll(".kb-similar[data-concept-id]");
  if (!boxes.length) return;
  const { mountSimilar } = await import("./kb/similar.mjs");
  await Promise.all([...boxes].map((box) => mountSimilar(box)));
});
