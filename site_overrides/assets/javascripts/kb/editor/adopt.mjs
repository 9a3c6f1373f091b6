/**
 * "Für mein Zentrum übernehmen": the editor opened with ?von=<id> starts a new concept from
 * another centre's one. Its data (admin/vorlagen/<id>.json, written by `kb build`) becomes
 * the default of every field; evidence, transfers and contact are never part of it.
 */

/** The config with ``template``'s values as field defaults in every collection. */
export function withDefaults(config, template) {
  const collections = config.collections.map((collection) => ({
    ...collection,
    fields: collection.fields.map((field) =>
      field.name in template && field.name !== "center"
        ? { ...field, default: template[field.name] }
        : field,
    ),
  }));
  return { ...config, collections };
}

/** The collection a hash like "#/collections/sachsen/new" opens, or null. */
export function collectionOfHash(hash) {
  const match = /^#\/collections\/([^/]+)\/new/.exec(hash || "");
  return match ? decodeURIComponent(match[1]) : null;
}

export function newEntryHash(collection) {
  return `#/collections/${encodeURIComponent(collection)}/new`;
}
