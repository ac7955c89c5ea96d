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

/**
 * The same for a query whose shape depends on its input (an optional filter adds a condition): one prepared
 * statement per connection and shape. `shape` names the parts that change the SQL, never the values
 * (those go in as placeholders when the statement runs).
 */
export function perShape<A, T>(shape: (a: A) => string, build: (db: Db, a: A) => T): (db: Db, a: A) => T {
  const cache = new WeakMap<Db, Map<string, T>>();
  return (db, a) => {
    let m = cache.get(db);
    if (!m) cache.set(db, (m = new Map()));
    const key = shape(a);
    let q = m.get(key);
    if (q === undefined) m.set(key, (q = build(db, a)));
    return q;
  };
}
