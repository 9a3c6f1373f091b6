/**
 * Where things are: the site root (also under a sub-path), the API, and the links the API
 * sends (each hit's ``url`` is relative to the site root).
 */

/** Pages of the site the scripts link to, relative to the site root. */
export const SEARCH_PAGE = "suche/";
export const CATALOGUE_PAGE = "katalog/";

const withSlash = (path) => path.replace(/\/*$/, "/");

/**
 * The site root from <meta name="kb-site-root"> (the page's relative base_url), else from
 * mkdocs-material's config block, else the origin's root.
 */
export function resolveSiteRoot(metaContent, configBase, pageHref) {
  const base = typeof metaContent === "string" ? metaContent : configBase;
  if (typeof base !== "string") return new URL("/", pageHref);
  return new URL(withSlash(base), pageHref);
}

/**
 * The API root from <meta name="kb-api-base">: empty means "api/" under the site root;
 * both "https://host" and "https://host/api" are accepted.
 */
export function resolveApiRoot(configured, siteRoot, pageHref) {
  const value = (configured || "").trim();
  if (!value) return new URL("api/", siteRoot);
  const base = new URL(withSlash(value), pageHref);
  return base.pathname.endsWith("/api/") ? base : new URL("api/", base);
}

/** A URL under ``root`` with repeated query parameters ([[key, value], …]). */
export function urlUnder(root, path, params = []) {
  const url = new URL(path, root);
  for (const [key, value] of params) url.searchParams.append(key, String(value));
  return url;
}

/**
 * The link for a hit's site-relative ``url``; null for a missing or non-http(s) URL
 * (javascript:, data:, …), which the views then show without a link.
 */
export function hitHref(url, siteRoot) {
  if (typeof url !== "string" || !url) return null;
  try {
    const resolved = new URL(url, siteRoot);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
  } catch {
    return null;
  }
}

function metaContent(doc, name) {
  const meta = doc.querySelector(`meta[name="${name}"]`);
  return meta ? meta.getAttribute("content") : null;
}

function configBase(doc) {
  const config = doc.getElementById("__config");
  try {
    return config ? JSON.parse(config.textContent).base : null;
  } catch {
    return null;
  }
}

/** The site root of the current page. */
export function siteRoot(doc = document, pageHref = location.href) {
  return resolveSiteRoot(metaContent(doc, "kb-site-root"), configBase(doc), pageHref);
}

/** The API root of the current page. */
export function apiRoot(doc = document, pageHref = location.href) {
  return resolveApiRoot(metaContent(doc, "kb-api-base"), siteRoot(doc, pageHref), pageHref);
}
