import "server-only";
/**
 * Queries of the hot paths (saving a version, the public reads) built and prepared once per connection:
 * for a small indexed lookup, drizzle's query building and SQLite's statement compilation cost more than
 * running it. Wrap a builder that ends in `.prepare()` (values as `sql.placeholder(...)`), call it with the
 * connection, then `.get/.all/.run({ ... })`: the result stays typed by the builder.
 */
import type { Db } from "../client";

export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let q = cache.get(db);
    if (q === undefined) cache.set(db, (q = build(db)));
    return q;
  };
}
