/**
 * The reader's place on the search page, so that "back" from a concept shows the same list
 * at the same height: how many hits were loaded lives in the history entry (history.state,
 * written with replaceState, so no entry is added), the scroll position in sessionStorage
 * under the page's URL, written when the page is left.
 */

export const SHOWN = "kbShown"; // the key in history.state
export const MAX_SHOWN = 200; // hits loaded again at most, whatever an entry says

const SCROLL_PREFIX = "kb-scroll ";

/** How many hits to load for a history entry: what was loaded there, at least ``pageSize``. */
export function shownIn(entryState, pageSize, max = MAX_SHOWN) {
  const shown = entryState && Number.isInteger(entryState[SHOWN]) ? entryState[SHOWN] : 0;
  return Math.max(pageSize, Math.min(shown, max));
}

/** ``entryState`` saying that ``shown`` hits are loaded; the same object when it says so. */
export function withShown(entryState, shown) {
  if (entryState && entryState[SHOWN] === shown) return entryState;
  return { ...(entryState && typeof entryState === "object" ? entryState : {}), [SHOWN]: shown };
}

const SHOWN_PREFIX = "kb-shown ";

/**
 * Write ``shown`` into the current history entry (nothing when it is there already), and
 * beside the scroll position in sessionStorage: should another script replace the entry's
 * state, coming back still finds the count.
 */
export function rememberShown(shown, win = window) {
  const { history, location } = win;
  const next = withShown(history.state, shown);
  if (next !== history.state) history.replaceState(next, "", location.href);
  try {
    win.sessionStorage.setItem(
      `${SHOWN_PREFIX}${location.pathname}${location.search}`,
      String(shown),
    );
  } catch {
    // blocked storage: the history entry alone remembers
  }
}

/** The count saved for the current URL in sessionStorage (0 if none or blocked). */
export function storedShown(win = window) {
  try {
    const { location } = win;
    const value = Number(
      win.sessionStorage.getItem(`${SHOWN_PREFIX}${location.pathname}${location.search}`),
    );
    return Number.isInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

/** The sessionStorage key of a page's scroll position. */
export const scrollKey = (location) => `${SCROLL_PREFIX}${location.pathname}${location.search}`;

/**
 * Whether the page should go back to ``savedY``: only when the reader came back to it
 * (back/forward or reload) and had scrolled; a fresh visit starts at the top.
 */
export function returnsTo(navigationType, savedY) {
  return (navigationType === "back_forward" || navigationType === "reload") && savedY > 0;
}

/** How the current document was reached ("navigate", "reload", "back_forward", …). */
export function navigationType(win = window) {
  const performance = win.performance;
  const [entry] =
    performance && typeof performance.getEntriesByType === "function"
      ? performance.getEntriesByType("navigation")
      : [];
  return entry ? entry.type : "navigate";
}

/** Scroll positions per URL in sessionStorage; blocked storage simply remembers nothing. */
export class ScrollMemory {
  constructor(win = window) {
    this.win = win;
    try {
      this.storage = win.sessionStorage ?? null;
    } catch {
      this.storage = null;
    }
  }

  /** The saved position of the current URL, or 0. */
  saved() {
    try {
      const value = this.storage ? this.storage.getItem(scrollKey(this.win.location)) : null;
      const y = Number(value);
      return Number.isFinite(y) && y > 0 ? y : 0;
    } catch {
      return 0;
    }
  }

  /** Save the current position for the current URL. */
  save() {
    try {
      if (this.storage) {
        this.storage.setItem(scrollKey(this.win.location), String(Math.round(this.win.scrollY)));
      }
    } catch {
      /* storage blocked or full: nothing to remember */
    }
  }
}
