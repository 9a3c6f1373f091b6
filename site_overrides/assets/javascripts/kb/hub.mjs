/**
 * A small event hub components register with, after pagefind's modular core:
 * ``hub.add(component)`` calls ``component.register(hub)``, which subscribes with ``hub.on``.
 */
export class Hub {
  constructor() {
    this.handlers = new Map();
  }

  add(component) {
    component?.register?.(this);
    return this;
  }

  on(event, handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(handler);
    return this;
  }

  emit(event, detail) {
    for (const handler of this.handlers.get(event) || []) handler(detail, this);
  }
}
