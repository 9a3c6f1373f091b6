// Test helper: just enough of a DOM for kb/dom.mjs's h(), so the views' nodes can be checked in
// Node. Text stays text: the serialiser escapes it as browsers do, and markup setters throw.

const escapeText = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

class FakeNode {
  constructor() {
    this.childNodes = [];
  }

  append(...nodes) {
    for (const node of nodes)
      this.childNodes.push(node instanceof FakeNode ? node : new FakeText(node));
  }

  get textContent() {
    return this.childNodes.map((node) => node.textContent).join("");
  }

  set textContent(text) {
    this.childNodes = text === "" ? [] : [new FakeText(text)];
  }
}

class FakeText extends FakeNode {
  constructor(data) {
    super();
    this.data = String(data);
  }

  get textContent() {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.listeners = new Map();
  }

  get className() {
    return this.attributes.get("class") || "";
  }

  set className(value) {
    this.attributes.set("class", String(value));
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  addEventListener(type, listener) {
    this.listeners.set(type, listener);
  }

  get children() {
    return this.childNodes.filter((node) => node instanceof FakeElement);
  }

  set innerHTML(_markup) {
    throw new Error("markup from a string: build nodes with h()");
  }

  insertAdjacentHTML() {
    throw new Error("markup from a string: build nodes with h()");
  }
}

/** Install the fake as the global ``document`` and ``Node`` (once per test file). */
export function installFakeDom() {
  globalThis.Node = FakeNode;
  globalThis.document = { createElement: (tag) => new FakeElement(tag) };
}

/** A node as HTML, the way a browser serialises it. */
export function serialize(node) {
  if (node instanceof FakeText) return escapeText(node.data);
  const tag = node.tagName.toLowerCase();
  const attributes = [...node.attributes]
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  return `<${tag}${attributes}>${node.childNodes.map(serialize).join("")}</${tag}>`;
}

/** Every element in ``node`` (itself included) matching ``selector``: a tag or ".class". */
export function findAll(node, selector) {
  if (!(node instanceof FakeElement)) return [];
  const matches = selector.startsWith(".")
    ? node.className.split(" ").includes(selector.slice(1))
    : node.tagName === selector.toUpperCase();
  return [...(matches ? [node] : []), ...node.childNodes.flatMap((c) => findAll(c, selector))];
}
