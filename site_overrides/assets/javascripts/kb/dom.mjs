/**
 * The one DOM builder of the site's scripts. Every value reaches the DOM as text
 * (textContent, text nodes, attributes); no module sets markup from a string.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

// Material Design Icons "creation-outline" and "magnify" (Apache 2.0), as in the theme.
const ICONS = {
  semantic:
    "m9 4 2.5 5.5L17 12l-5.5 2.5L9 20l-2.5-5.5L1 12l5.5-2.5zm0 4.83L8 11l-2.17 1L8 13l1 2.17L10 13l2.17-1L10 11zM19 9l-1.26-2.74L15 5l2.74-1.25L19 1l1.25 2.75L23 5l-2.75 1.26zm0 14-1.26-2.74L15 19l2.74-1.25L19 15l1.25 2.75L23 19l-2.75 1.26z",
  search:
    "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
};

const absent = (value) => value === null || value === undefined || value === false;

/**
 * createElement with attributes, listeners and children.
 * Props: "class", "text" (textContent), "onclick"-style listeners, any other attribute
 * (true = empty attribute; null, undefined and false = left out). Children may be nodes,
 * strings, numbers or (nested) arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (absent(value)) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (absent(child)) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** One of the theme's icons as inline SVG, hidden from assistive technology. */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

/**
 * Run ``render`` (which replaces nodes inside ``container``) and give keyboard focus back to
 * the new node with the same ``data-kb-focus`` key as the one that had it.
 */
export function keepFocus(container, render) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.getAttribute("data-kb-focus") : null;
  render();
  if (key === null) return;
  const target = [...container.querySelectorAll("[data-kb-focus]")].find(
    (node) => node.getAttribute("data-kb-focus") === key,
  );
  if (target) target.focus();
}
