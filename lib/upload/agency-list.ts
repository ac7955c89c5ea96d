/**
 * A list of agencies to create, from CSV or XLSX (columns 名称, 类型, 上级机关, 简称, 首个报告年度, 最后报告年度 — or
 * English names).
 * Type is read from the bytes; an unknown 类型 is guessed from the name as the importer does.
 */
import { AGENCY_KINDS, type AgencyKind } from "../enums";
import { capTags, READ_LIMITS } from "../ingest/limits";
import { checkAddress } from "../collect/address";
import { unzipGuarded, repack } from "../ingest/readers/zip-guard";
import { column, decodeText, parseCsv } from "./csv";
import { fail, type Result } from "./result";

export interface AgencyListRow {
  name: string;
  kind: AgencyKind;
  shortName: string | null;
  parent: string | null;
  firstYear: number | null;
  lastYear: number | null;
  website?: string | null;
  reportColumnUrl?: string | null;
}

/** A year cell of the list: blank → null, otherwise a four-digit year (else an error message). */
function yearCell(v: string | undefined): number | null | string {
  const t = (v ?? "").trim().replace(/年(度)?$/, "");
  if (!t) return null;
  if (!/^\d{4}$/.test(t) || Number(t) < 2008 || Number(t) > 2100)
    return `年度“${v}”无效（应为2008—2100之间的四位数字）`;
  return Number(t);
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const ExcelJS = (await import("exceljs")).default;
  // read on the request thread (an admin's list): the reader's cheap caps before exceljs builds anything
  const files = unzipGuarded(bytes, "无法读取Excel文件，文件可能已损坏", undefined, {
    entryMax: (n) => (n.startsWith("xl/") && n.endsWith(".xml") ? READ_LIMITS.xlsxXmlBytes : undefined),
    entryLabel: () => "Excel 工作表",
  });
  const sheets = Buffer.concat(
    Object.keys(files)
      .filter((n) => n.startsWith("xl/worksheets/"))
      .map((n) => files[n]),
  );
  capTags(sheets, "row", READ_LIMITS.xlsxRows, "表格行数");
  capTags(sheets, "c", READ_LIMITS.xlsxCells, "单元格");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(repack(files) as never);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow((r) => {
    const vals = (r.values as unknown[])
      .slice(1)
      .map((v) =>
        (v === null || v === undefined
          ? ""
          : typeof v === "object" && v && "text" in v
            ? String((v as { text: unknown }).text)
            : String(v)
        ).trim(),
      );
    if (vals.some(Boolean)) rows.push(vals);
  });
  return rows;
}

export async function parseAgencyList(
  bytes: Uint8Array,
  guessKind: (name: string) => AgencyKind,
): Promise<Result<{ rows: AgencyListRow[] }>> {
  if (bytes.length === 0) return fail("文件为空");
  if (bytes.length > 5 * 1048576) return fail("机关列表文件过大（上限 5 MB）");
  let table: string[][];
  try {
    table = bytes[0] === 0x50 && bytes[1] === 0x4b ? await xlsxRows(bytes) : parseCsv(decodeText(bytes));
  } catch (e) {
    return fail(
      e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : "无法读取机关列表，请上传 CSV 或 XLSX 文件",
    );
  }
  if (table.length < 2) return fail("列表为空：第一行应为表头（名称、类型、上级机关、简称），其后每行一个机关");
  const [header, ...body] = table;
  const iName = column(header, ["名称", "机关名称", "单位名称", "name"]);
  if (iName < 0) return fail("表头中找不到“名称”列");
  const iKind = column(header, ["类型", "机关类型", "kind"]);
  const iParent = column(header, ["上级机关", "上级", "parent"]);
  const iShort = column(header, ["简称", "shortName", "short_name"]);
  const iFirst = column(header, ["首个报告年度", "起始年度", "firstYear", "first_year"]);
  const iLast = column(header, ["最后报告年度", "终止年度", "lastYear", "last_year"]);
  const iSite = column(header, ["网站", "网址", "门户网站", "website"]);
  const iColumn = column(header, ["年报栏目", "年报栏目地址", "年报栏目网址", "reportColumnUrl", "report_column_url"]);
  const address = (r: string[], i: number, line: number, what: string): string | null | undefined => {
    const v = i >= 0 ? (r[i] ?? "").trim() : "";
    if (!v) return undefined;
    const c = checkAddress(v);
    if (!c.ok) return void errors.push(`第${line}行：${what}${c.message}`);
    return c.url.href;
  };
  const rows: AgencyListRow[] = [];
  const errors: string[] = [];
  body.forEach((r, i) => {
    const name = (r[iName] ?? "").trim();
    if (!name) return;
    if (name.length > 100) return errors.push(`第${i + 2}行：名称过长`);
    const k = iKind >= 0 ? (r[iKind] ?? "").trim() : "";
    if (k && !(AGENCY_KINDS as readonly string[]).includes(k))
      return errors.push(`第${i + 2}行：类型“${k}”无效（可选：${AGENCY_KINDS.join("、")}）`);
    const first = iFirst >= 0 ? yearCell(r[iFirst]) : null;
    const last = iLast >= 0 ? yearCell(r[iLast]) : null;
    if (typeof first === "string") return errors.push(`第${i + 2}行：首个报告${first}`);
    if (typeof last === "string") return errors.push(`第${i + 2}行：最后报告${last}`);
    if (first !== null && last !== null && last < first)
      return errors.push(`第${i + 2}行：最后报告年度早于首个报告年度`);
    const website = address(r, iSite, i + 2, "网站：");
    const reportColumnUrl = address(r, iColumn, i + 2, "年报栏目：");
    rows.push({
      name,
      kind: (k || guessKind(name)) as AgencyKind,
      parent: iParent >= 0 ? r[iParent] || null : null,
      shortName: iShort >= 0 ? r[iShort] || null : null,
      firstYear: first,
      lastYear: last,
      website,
      reportColumnUrl,
    });
  });
  if (errors.length)
    return fail(
      `${errors.slice(0, 5).join("；")}${errors.length > 5 ? ` 等 ${errors.length} 处错误` : ""}，未导入任何机关`,
    );
  return { ok: true, rows };
}
