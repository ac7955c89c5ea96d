/**
 * Filters as they travel in URLs (?year=2024&kind=县区部门&parent=12&drafts=1), parsed once with zod where
 * they enter. Pages and the API share the parser so a shared link means the same thing everywhere.
 */
import { z } from "zod";

export const AGENCY_KIND_VALUES = ["市政府", "市直部门", "县区政府", "县区部门", "乡镇街道", "其他"] as const;

const optInt = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().positive().optional(),
);

export const filterSchema = z.object({
  year: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.coerce.number().int().min(2000).max(2100).optional(),
  ),
  kind: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(AGENCY_KIND_VALUES).optional()),
  parent: optInt,
  drafts: z.preprocess((v) => v === "1" || v === "true", z.boolean()),
});
export type FilterParams = z.infer<typeof filterSchema>;

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

function first(sp: Search, key: string): string | undefined {
  if (sp instanceof URLSearchParams) return sp.get(key) ?? undefined;
  const v = sp[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Lenient for pages (a bad value is ignored, not an error page); the API uses `strictFilter`. */
export function parseFilter(sp: Search): FilterParams {
  const out: FilterParams = { drafts: first(sp, "drafts") === "1" };
  for (const key of ["year", "kind", "parent"] as const) {
    const r = filterSchema.shape[key].safeParse(first(sp, key));
    if (r.success && r.data !== undefined) (out as Record<string, unknown>)[key] = r.data;
  }
  return out;
}

export function strictFilter(sp: URLSearchParams) {
  return filterSchema.safeParse({
    year: first(sp, "year"),
    kind: first(sp, "kind"),
    parent: first(sp, "parent"),
    drafts: first(sp, "drafts"),
  });
}

/** Query string of a filter, leaving out defaults, for links that keep the current view. */
export function filterQuery(f: Partial<FilterParams>, extra: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  if (f.year) q.set("year", String(f.year));
  if (f.kind) q.set("kind", f.kind);
  if (f.parent) q.set("parent", String(f.parent));
  if (f.drafts) q.set("drafts", "1");
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
