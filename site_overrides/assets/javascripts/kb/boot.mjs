/** Run a mount function for every page the reader sees. */

/**
 * With mkdocs-material's instant navigation pages are swapped without a reload; its
 * ``document$`` emits for the first page and every swapped one. Without it: once, when the
 * document is parsed (module scripts already run after that).
 */
export function onPage(mount) {
  const run = () => {
    Promise.resolve(mount(document)).catch((err) => console.error(err));
  };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run, { once: true });
  } else {
    run();
  }
}
