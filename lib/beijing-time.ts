/**
 * Times as users read them: Beijing time (UTC+8), where deadlines are set, in every page and download.
 * The database stores UTC ISO strings (…Z); these turn them into "2025-01-24 12:01" without a zone mix.
 */
const OFFSET_MS = 8 * 3600_000;

/** Parses a stored timestamp; SQLite's "YYYY-MM-DD HH:MM:SS" without a zone is UTC. */
function parse(iso: string): Date {
  const s = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso) ? `${iso.replace(" ", "T")}Z` : iso;
  return new Date(s);
}

/** "yyyy-mm-dd hh:mm" in Beijing time; "" for no time; an unreadable value is returned as it is. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parse(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** "yyyy-mm-dd" in Beijing time. */
export function beijingDate(at: string | Date): string {
  const d = typeof at === "string" ? parse(at) : at;
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
