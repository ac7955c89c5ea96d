/**
 * The fictional 示例市: the city government, its departments, and as many counties/districts (each
 * with its government, departments and towns) as it takes to reach the requested number of agencies.
 * County and town names are built from syllable tables by index, so they are unique at any scale.
 */
import type { AgencyKind, DemoAgency } from "./types";

export const CITY_NAME = "示例市";

/** Volume profile: how many applications a year an agency of this kind typically receives. */
export type Profile = "city" | "big" | "mid" | "small" | "county" | "town";

interface DeptDef {
  slug: string;
  name: string;
  profile: Profile;
  /** also exists at county level */
  county?: boolean;
}

// Names of municipal departments as they are commonly styled; the "big" ones are where most
// applications in a real city go (land, housing, police).
const DEPARTMENTS: DeptDef[] = [
  { slug: "office", name: "人民政府办公室", profile: "mid", county: true },
  { slug: "police", name: "公安局", profile: "big", county: true },
  { slug: "land", name: "自然资源和规划局", profile: "big", county: true },
  { slug: "housing", name: "住房和城乡建设局", profile: "big", county: true },
  { slug: "ecology", name: "生态环境局", profile: "mid", county: true },
  { slug: "transport", name: "交通运输局", profile: "mid", county: true },
  { slug: "education", name: "教育局", profile: "mid", county: true },
  { slug: "health", name: "卫生健康委员会", profile: "mid", county: true },
  { slug: "hrss", name: "人力资源和社会保障局", profile: "mid", county: true },
  { slug: "market", name: "市场监督管理局", profile: "mid", county: true },
  { slug: "development", name: "发展和改革委员会", profile: "mid", county: true },
  { slug: "finance", name: "财政局", profile: "small", county: true },
  { slug: "justice", name: "司法局", profile: "small", county: true },
  { slug: "civil", name: "民政局", profile: "small", county: true },
  { slug: "agriculture", name: "农业农村局", profile: "mid", county: true },
  { slug: "water", name: "水利局", profile: "small", county: true },
  { slug: "commerce", name: "商务局", profile: "small", county: true },
  { slug: "culture", name: "文化广电旅游局", profile: "small", county: true },
  { slug: "emergency", name: "应急管理局", profile: "small", county: true },
  { slug: "audit", name: "审计局", profile: "small", county: true },
  { slug: "statistics", name: "统计局", profile: "small", county: true },
  { slug: "medicalsecurity", name: "医疗保障局", profile: "small", county: true },
  { slug: "veterans", name: "退役军人事务局", profile: "small", county: true },
  { slug: "forestry", name: "林业局", profile: "small", county: true },
  { slug: "administrative", name: "行政审批服务局", profile: "mid", county: true },
  { slug: "urban", name: "城市管理局", profile: "mid", county: true },
  { slug: "industry", name: "工业和信息化局", profile: "small" },
  { slug: "science", name: "科学技术局", profile: "small" },
  { slug: "ethnic", name: "民族宗教事务局", profile: "small" },
  { slug: "sports", name: "体育局", profile: "small" },
  { slug: "stateassets", name: "人民政府国有资产监督管理委员会", profile: "small" },
  { slug: "bigdata", name: "大数据管理局", profile: "small" },
  { slug: "petition", name: "信访局", profile: "small" },
  { slug: "energy", name: "能源局", profile: "small" },
  { slug: "grain", name: "粮食和物资储备局", profile: "small" },
  { slug: "taxoffice", name: "地方金融监督管理局", profile: "small" },
  { slug: "airdefense", name: "人民防空办公室", profile: "small" },
  { slug: "archives", name: "档案馆", profile: "small" },
  { slug: "housingfund", name: "住房公积金管理中心", profile: "small" },
  { slug: "hightech", name: "高新技术产业开发区管理委员会", profile: "mid" },
];

const OTHER_KIND = new Set(["archives", "housingfund", "hightech"]);

// Syllables for invented place names; pairs are taken in a scrambled order so neighbours differ.
const FIRST = "东西南北青白红金银石云松柳桃梅兰清明安平长永宁丰和嘉泰新华龙凤鹤鹿玉翠碧春秋溪竹杏".split("");
const SECOND = "湖山阳川江河原桥城林泉岭峰州陵源港塘岗坪田洲滨浦湾台屯谷关坝堡庄".split("");
const TOWN_FIRST = "大小上下前后中高古沙黄马牛羊双三五七九千万太仁义礼信福寿喜乐德顺兴旺".split("");
const TOWN_SECOND = "坪坡沟湾店集铺桥岗庙寨洼营屯口河溪冲垭塘埠场园堰圩岙墩".split("");

/** The i-th distinct two-syllable name; falls back to three syllables past the table size. */
function placeName(first: string[], second: string[], i: number): string {
  const n = first.length * second.length;
  const step = 7919; // prime, coprime with the table sizes: scrambles the order without repeats
  const j = (i * step) % n;
  const base = first[j % first.length] + second[Math.floor(j / first.length)];
  if (i < n) return base;
  return base + first[Math.floor(i / n) % first.length] + (i >= n * first.length ? String(Math.floor(i / n)) : "");
}

function countyName(i: number): string {
  const name = placeName(FIRST, SECOND, i);
  return name + (i % 3 === 0 ? "区" : "县");
}

function townName(i: number): string {
  const name = placeName(TOWN_FIRST, TOWN_SECOND, i);
  return name + (i % 5 === 0 ? "街道" : i % 5 === 1 ? "乡" : "镇");
}

export interface AgencySpec extends DemoAgency {
  profile: Profile;
}

/**
 * Agencies in a fixed order: city level first, then county by county. Lazily generated so callers
 * that only stream reports never hold the whole list.
 */
export function* iterateAgencies(count: number): Generator<AgencySpec> {
  let made = 0;
  const emit = (a: AgencySpec): AgencySpec => {
    made++;
    return a;
  };
  if (made < count)
    yield emit({
      key: "city",
      name: `${CITY_NAME}人民政府`,
      shortName: "市政府",
      kind: "市政府",
      parentKey: null,
      profile: "city",
    });
  for (const d of DEPARTMENTS) {
    if (made >= count) return;
    const kind: AgencyKind = OTHER_KIND.has(d.slug) ? "其他" : "市直部门";
    const name = `${CITY_NAME}${d.name}`;
    const shortName = d.slug === "hightech" ? "高新区管委会" : `市${d.name.replace(/^人民政府/, "政府")}`;
    yield emit({ key: `city-${d.slug}`, name, shortName, kind, parentKey: "city", profile: d.profile });
  }
  const countyDepts = DEPARTMENTS.filter((d) => d.county);
  let town = 0;
  for (let c = 0; made < count; c++) {
    const county = countyName(c);
    const ckey = `c${String(c + 1).padStart(3, "0")}`;
    yield emit({
      key: ckey,
      name: `${CITY_NAME}${county}人民政府`,
      shortName: `${county}政府`,
      kind: "县区政府",
      parentKey: "city",
      profile: "county",
    });
    // counties differ in size; the count is derived from the index so it does not consume randomness
    const nDepts = 14 + ((c * 7) % 13);
    for (let k = 0; k < nDepts && made < count; k++) {
      const d = countyDepts[k];
      const profile: Profile = d.profile === "big" ? "mid" : "small";
      const short = `${county}${d.name}`;
      yield emit({
        key: `${ckey}-${d.slug}`,
        name: `${CITY_NAME}${short}`,
        shortName: short,
        kind: "县区部门",
        parentKey: ckey,
        profile,
      });
    }
    const nTowns = 8 + ((c * 5) % 11);
    for (let t = 0; t < nTowns && made < count; t++) {
      const tn = townName(town++);
      const full = tn.endsWith("街道") ? `${county}${tn}办事处` : `${county}${tn}人民政府`;
      yield emit({
        key: `${ckey}-t${String(t + 1).padStart(2, "0")}`,
        name: `${CITY_NAME}${full}`,
        shortName: tn,
        kind: "乡镇街道",
        parentKey: ckey,
        profile: "town",
      });
    }
  }
}

export function listAgencies(count: number): AgencySpec[] {
  return [...iterateAgencies(count)];
}
