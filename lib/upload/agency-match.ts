/**
 * Does the agency a report names (its title, first lines or signature, as lib/ingest/meta read it) match
 * the agency it is filed under? Names are compared loosely — spacing, full-width forms, 人民政府 vs 政府,
 * abbreviations such as 市住建局 for 示例市住房和城乡建设局 (one name's characters in order inside the
 * other) — so that only a report that plainly names another agency is flagged.
 */
import { toHalfWidth } from "../ingest/values";
import { toSimplified } from "../ingest/matcher/normalize";

function norm(s: string): string {
  return toSimplified(toHalfWidth(s))
    .replace(/[\s\u3000·•()（）《》"“”]/g, "")
    .replace(/人民政府/g, "政府");
}

/** every character of `short` appears in `long`, in order */
function within(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function same(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return within(short, long);
}

/**
 * The name the report states when it is plainly another agency than the chosen one, else null
 * (no name read, or a name that fits the agency's full or short name).
 */
export function otherAgencyNamed(
  named: string | null | undefined,
  agency: { name: string; shortName?: string | null },
): string | null {
  if (!named) return null;
  const n = norm(named);
  if (!n) return null;
  // the full name loosely (abbreviations keep its characters in order); the short name, which is
  // often relative (市住建局), only when one name contains the other
  const full = norm(agency.name);
  const short = agency.shortName ? norm(agency.shortName) : "";
  const fits = same(n, full) || (short.length >= 2 && (n.includes(short) || short.includes(n)));
  return fits ? null : named.trim();
}

/** The sentence the preview shows and the save refuses with until the user confirms. */
export function agencyMismatchMessage(named: string, agencyName: string): string {
  return `该报告写明的机关是“${named}”，与所选机关“${agencyName}”不一致。请核对是否选错了机关或传错了文件；确认无误后勾选“确认这是本机关的年报”再保存。`;
}

export const CONFIRM_AGENCY_FIELD = "confirmAgency";
