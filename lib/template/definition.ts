/**
 * The two national templates of the 政府信息公开工作年度报告, described once.
 *
 * Parser, checks, forms, tables, charts and exports all read from here. Labels carry the variants real
 * reports print (truncations, rewordings); the matcher normalises spacing, traditional characters and
 * parenthesis styles before comparing, so variants list only genuinely different wordings.
 */

export const TEMPLATE_IDS = ["2019", "2021"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const TEMPLATE_INFO: Record<TemplateId, { name: string; issuedBy: string; years: string }> = {
  "2019": { name: "2019年版格式", issuedBy: "国办公开办函〔2019〕60号", years: "2019—2020年度" },
  "2021": { name: "2021年版格式", issuedBy: "国办公开办函〔2021〕30号", years: "2021年度起" },
};

/** The template a report year is expected to use (reports may still print another, see RIF `template`). */
export function expectedTemplate(year: number): TemplateId {
  return year >= 2021 ? "2021" : "2019";
}

export interface ColumnDef {
  key: string;
  label: string;
  /** other wordings of the header, as printed */
  variants?: string[];
  /** "money" cells are yuan with two decimals; "signed" may be negative; default non-negative count */
  kind?: "count" | "signed" | "money" | "stock";
  /** money cells: the unit the template prints (RIF always stores yuan) */
  unit?: "元" | "万元";
}

export interface RowDef {
  key: string;
  label: string;
  variants?: string[];
}

// ---------------------------------------------------------------- section 三: applications

/** The seven numeric columns of section 三 (申请人情况). */
export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: "naturalPerson", label: "自然人" },
  { key: "commercial", label: "商业企业" },
  { key: "research", label: "科研机构" },
  { key: "social", label: "社会公益组织" },
  { key: "legal", label: "法律服务机构" },
  { key: "otherOrg", label: "其他" },
  { key: "total", label: "总计" },
];
export const APPLICANT_KEYS = APPLICANT_COLUMNS.map((c) => c.key) as ApplicantKey[];
export type ApplicantKey = "naturalPerson" | "commercial" | "research" | "social" | "legal" | "otherOrg" | "total";
/** The six columns that add up to 总计. */
export const APPLICANT_PARTS = APPLICANT_KEYS.filter((k) => k !== "total");

export interface ApplicationRowDef extends RowDef {
  /** dotted path below `applications` */
  path: string;
  /** the printed group the row belongs to: 三、本年度办理结果 → （三）不予公开 … */
  group?: "denied" | "unavailable" | "notProcessed" | "otherHandling";
  /** the printed row number: 一, 二, （一）, 1. … */
  number: string;
  /** true for rows that enter （七）总计 */
  result?: boolean;
}

export const APPLICATION_GROUPS = {
  denied: { label: "（三）不予公开", short: "不予公开", variants: ["不予公开"] },
  unavailable: { label: "（四）无法提供", short: "无法提供", variants: ["无法提供"] },
  notProcessed: { label: "（五）不予处理", short: "不予处理", variants: ["不予处理"] },
  otherHandling: { label: "（六）其他处理", short: "其他处理", variants: ["其他处理"] },
} as const;
export type ApplicationGroup = keyof typeof APPLICATION_GROUPS;

const HEAD_ROWS: ApplicationRowDef[] = [
  {
    key: "newReceived",
    path: "newReceived",
    number: "一",
    label: "本年新收政府信息公开申请数量",
    variants: ["本年新收政府信息公开申请", "本年新收申请数量", "本年新收"],
  },
  {
    key: "carriedOver",
    path: "carriedOver",
    number: "二",
    label: "上年结转政府信息公开申请数量",
    variants: ["上年结转政府信息公开申请", "上年结转申请数量", "上年结转"],
  },
  { key: "granted", path: "granted", number: "（一）", label: "予以公开", result: true },
  {
    key: "partial",
    path: "partial",
    number: "（二）",
    label: "部分公开（区分处理的，只计这一情形，不计其他情形）",
    variants: ["部分公开"],
    result: true,
  },
];

const DENIED_ROWS: ApplicationRowDef[] = [
  ["stateSecret", "属于国家秘密", ["国家秘密"]],
  ["lawForbidden", "其他法律行政法规禁止公开", ["法律行政法规禁止公开", "其他法律法规禁止公开"]],
  ["securityStability", "危及“三安全一稳定”", ["危及三安全一稳定", "三安全一稳定"]],
  ["thirdPartyRights", "保护第三方合法权益", ["第三方合法权益"]],
  ["internalAffairs", "属于三类内部事务信息", ["三类内部事务信息", "内部事务信息"]],
  ["processInfo", "属于四类过程性信息", ["四类过程性信息", "过程性信息"]],
  ["enforcementFiles", "属于行政执法案卷", ["行政执法案卷"]],
  ["adminQuery", "属于行政查询事项", ["行政查询事项"]],
].map(([key, label, variants], i) => ({
  key: key as string,
  path: `denied.${key}`,
  group: "denied" as const,
  number: `${i + 1}.`,
  label: label as string,
  variants: variants as string[],
  result: true,
}));

const UNAVAILABLE_ROWS: ApplicationRowDef[] = [
  ["notHeld", "本机关不掌握相关政府信息", ["本机关不掌握", "不掌握相关政府信息"]],
  ["needsCreation", "没有现成信息需要另行制作", ["需要另行制作", "没有现成信息"]],
  ["stillUnclear", "补正后申请内容仍不明确", ["补正后申请内容仍不明确", "申请内容仍不明确"]],
].map(([key, label, variants], i) => ({
  key: key as string,
  path: `unavailable.${key}`,
  group: "unavailable" as const,
  number: `${i + 1}.`,
  label: label as string,
  variants: variants as string[],
  result: true,
}));

const NOT_PROCESSED_ROWS: ApplicationRowDef[] = [
  ["complaint", "信访举报投诉类申请", ["信访举报投诉"]],
  ["repeated", "重复申请", []],
  ["publication", "要求提供公开出版物", ["公开出版物"]],
  ["excessive", "无正当理由大量反复申请", ["大量反复申请"]],
  ["confirmation", "要求行政机关确认或重新出具已获取信息", ["确认或重新出具已获取信息", "重新出具已获取信息"]],
].map(([key, label, variants], i) => ({
  key: key as string,
  path: `notProcessed.${key}`,
  group: "notProcessed" as const,
  number: `${i + 1}.`,
  label: label as string,
  variants: variants as string[],
  result: true,
}));

/** （六）其他处理 as one row (template 2019, and some later reports). */
const OTHER_SINGLE: ApplicationRowDef[] = [
  { key: "otherHandling", path: "otherHandling", number: "（六）", label: "其他处理", result: true },
];

/** （六）其他处理 split into three rows (template 2021). */
const OTHER_SPLIT: ApplicationRowDef[] = [
  [
    "overdueCorrection",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ["逾期不补正", "无正当理由逾期不补正"],
  ],
  [
    "overdueFee",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ["逾期未按收费通知要求缴纳费用", "收费通知要求缴纳费用"],
  ],
  ["other", "其他", []],
].map(([key, label, variants], i) => ({
  key: key as string,
  path: `otherHandling.${key}`,
  group: "otherHandling" as const,
  number: `${i + 1}.`,
  label: label as string,
  variants: variants as string[],
  result: true,
}));

const TAIL_ROWS: ApplicationRowDef[] = [
  { key: "totalHandled", path: "totalHandled", number: "（七）", label: "总计" },
  {
    key: "carriedForward",
    path: "carriedForward",
    number: "四",
    label: "结转下年度继续办理",
    variants: ["结转下年度", "结转下一年度继续办理"],
  },
];

/**
 * The rows of section 三 in printed order. `splitOther` chooses between （六） as one row (template 2019)
 * and as three rows (template 2021); a 2021 report may still print one row.
 */
export function applicationRows(splitOther: boolean): ApplicationRowDef[] {
  return [
    ...HEAD_ROWS,
    ...DENIED_ROWS,
    ...UNAVAILABLE_ROWS,
    ...NOT_PROCESSED_ROWS,
    ...(splitOther ? OTHER_SPLIT : OTHER_SINGLE),
    ...TAIL_ROWS,
  ];
}

/** The row label as the template prints it: "一、本年新收…", "（一）予以公开", "1.属于国家秘密". */
export function printedLabel(row: Pick<ApplicationRowDef, "number" | "label">): string {
  return /^[一二三四五六七八九十]+$/.test(row.number) ? `${row.number}、${row.label}` : `${row.number}${row.label}`;
}

export const SECTION3_TITLE = "三、收到和处理政府信息公开申请情况";
export const SECTION3_RESULTS_LABEL = "三、本年度办理结果";

// ---------------------------------------------------------------- section 四: review

export const OUTCOME_COLUMNS: ColumnDef[] = [
  { key: "upheld", label: "结果维持", variants: ["维持"] },
  { key: "corrected", label: "结果纠正", variants: ["纠正"] },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结", variants: ["未审结"] },
  { key: "total", label: "总计", variants: ["合计"] },
];
export type OutcomeKey = "upheld" | "corrected" | "other" | "pending" | "total";
export const OUTCOME_KEYS = OUTCOME_COLUMNS.map((c) => c.key) as OutcomeKey[];
export const OUTCOME_PARTS = OUTCOME_KEYS.filter((k) => k !== "total");

export const REVIEW_GROUPS: RowDef[] = [
  { key: "reconsideration", label: "行政复议" },
  { key: "litigationDirect", label: "行政诉讼（未经复议直接起诉）", variants: ["未经复议直接起诉", "直接起诉"] },
  { key: "litigationAfterReconsideration", label: "行政诉讼（复议后起诉）", variants: ["复议后起诉"] },
];
export type ReviewGroupKey = "reconsideration" | "litigationDirect" | "litigationAfterReconsideration";
export const SECTION4_TITLE = "四、政府信息公开行政复议、行政诉讼情况";

// ---------------------------------------------------------------- section 二: proactive disclosure

export interface ProactiveBlockDef {
  /** 第二十条第（一）项 … */
  item: "一" | "五" | "六" | "八" | "九";
  columns: ColumnDef[];
  rows: RowDef[];
}

export const PROACTIVE_BLOCKS: Record<TemplateId, ProactiveBlockDef[]> = {
  "2019": [
    {
      item: "一",
      columns: [
        { key: "newlyMade", label: "本年新制作数量", variants: ["本年新制作"] },
        { key: "newlyPublished", label: "本年新公开数量", variants: ["本年新公开"] },
        { key: "totalPublished", label: "对外公开总数量", variants: ["对外公开总数"], kind: "stock" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normativeDocuments", label: "规范性文件", variants: ["行政规范性文件"] },
      ],
    },
    {
      item: "五",
      columns: [
        { key: "previousCount", label: "上一年项目数量", kind: "stock" },
        { key: "change", label: "本年增/减", variants: ["本年增减"], kind: "signed" },
        { key: "decisions", label: "处理决定数量", variants: ["本年处理决定数量"] },
      ],
      rows: [
        { key: "licensing", label: "行政许可" },
        { key: "otherServices", label: "其他对外管理服务事项", variants: ["其他对外管理服务"] },
      ],
    },
    {
      item: "六",
      columns: [
        { key: "previousCount", label: "上一年项目数量", kind: "stock" },
        { key: "change", label: "本年增/减", variants: ["本年增减"], kind: "signed" },
        { key: "decisions", label: "处理决定数量", variants: ["本年处理决定数量"] },
      ],
      rows: [
        { key: "penalty", label: "行政处罚" },
        { key: "coercion", label: "行政强制" },
      ],
    },
    {
      item: "八",
      columns: [
        { key: "previousCount", label: "上一年项目数量", kind: "stock" },
        { key: "change", label: "本年增/减", variants: ["本年增减"], kind: "signed" },
      ],
      rows: [{ key: "fees", label: "行政事业性收费" }],
    },
    {
      item: "九",
      columns: [
        { key: "projects", label: "采购项目数量" },
        { key: "amountYuan", label: "采购总金额", kind: "money", unit: "元" },
      ],
      rows: [{ key: "procurement", label: "政府集中采购" }],
    },
  ],
  "2021": [
    {
      item: "一",
      columns: [
        { key: "issued", label: "本年制发件数", variants: ["本年制发"] },
        { key: "repealed", label: "本年废止件数", variants: ["本年废止"] },
        { key: "inForce", label: "现行有效件数", variants: ["现行有效"], kind: "stock" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normativeDocuments", label: "行政规范性文件", variants: ["规范性文件"] },
      ],
    },
    {
      item: "五",
      columns: [{ key: "decisions", label: "本年处理决定数量", variants: ["处理决定数量"] }],
      rows: [{ key: "licensing", label: "行政许可" }],
    },
    {
      item: "六",
      columns: [{ key: "decisions", label: "本年处理决定数量", variants: ["处理决定数量"] }],
      rows: [
        { key: "penalty", label: "行政处罚" },
        { key: "coercion", label: "行政强制" },
      ],
    },
    {
      item: "八",
      columns: [
        {
          key: "amountYuan",
          label: "本年收费金额（单位：万元）",
          variants: ["本年收费金额"],
          kind: "money",
          unit: "万元",
        },
      ],
      rows: [{ key: "fees", label: "行政事业性收费" }],
    },
  ],
};

export const SECTION_TITLES = {
  overview: "一、总体情况",
  proactive: "二、主动公开政府信息情况",
  applications: SECTION3_TITLE,
  review: SECTION4_TITLE,
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
} as const;

/** Block heading as printed: 第二十条第（一）项 */
export function blockHeading(item: ProactiveBlockDef["item"]): string {
  return `第二十条第（${item}）项`;
}
