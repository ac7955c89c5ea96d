import "server-only";
/**
 * Admin bulk import by address: each line `网址,机关,年度` (机关 and 年度 optional, then taken from the
 * report) is fetched under the fetcher's rules, read from the page or its attachment, and stored by the
 * same importFile as an uploaded file — with its source address, fetch time and printed date.
 */
import { readFromAddress } from "@/lib/collect/read-address";
import { checkAddress } from "@/lib/collect/address";
import { parseCsv } from "@/lib/upload/csv";
import type { Db } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { fetcherFor } from "@/db/queries/collect-settings";
import { importFile, type ImportOptions, type ImportResult } from "./import";

const MAX_ADDRESS_LINES = 200;

export interface AddressLine {
  url: string;
  agency: string | null;
  year: number | null;
}

export function parseAddressLines(text: string): { ok: true; lines: AddressLine[] } | { ok: false; message: string } {
  const rows = parseCsv(text.replace(/\t/g, ",")).filter((r) => r.some((c) => c.trim()));
  if (rows.length === 0) return { ok: false, message: "请填写网址，每行一个：网址,机关名称,年度" };
  if (rows.length > MAX_ADDRESS_LINES) return { ok: false, message: `一次最多 ${MAX_ADDRESS_LINES} 个网址` };
  const lines: AddressLine[] = [];
  for (const [i, r] of rows.entries()) {
    const c = checkAddress(r[0] ?? "");
    if (!c.ok) return { ok: false, message: `第${i + 1}行：${c.message}` };
    const y = (r[2] ?? "").trim();
    if (y && !/^(19|20)\d{2}$/.test(y)) return { ok: false, message: `第${i + 1}行：年度“${y.slice(0, 20)}”无效` };
    lines.push({ url: c.url.href, agency: (r[1] ?? "").trim() || null, year: y ? Number(y) : null });
  }
  return { ok: true, lines };
}

export async function importAddresses(
  db: Db,
  { actor, lines, opts }: { actor: Actor; lines: AddressLine[]; opts: ImportOptions },
): Promise<ImportResult[]> {
  const fetcher = fetcherFor(db);
  const results: ImportResult[] = [];
  for (const line of lines) {
    const ok = await readFromAddress(fetcher, {
      url: line.url,
      target: { year: line.year, agencyName: line.agency },
      maxBytes: opts.maxBytes,
    });
    if (!ok.ok) {
      results.push({
        fileName: line.url,
        status: "failed",
        message: ok.message,
        stored: false,
        agency: line.agency,
        year: line.year,
      });
      continue;
    }
    const { read, origin } = ok;
    results.push(
      await importFile(db, {
        actor,
        item: {
          fileName: read.file?.name ?? "年报网页.html",
          bytes: read.file!.bytes,
          agency: line.agency,
          year: line.year,
          origin,
        },
        opts,
      }),
    );
  }
  return results;
}
