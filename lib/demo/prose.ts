/**
 * Invented prose for sections 一/五/六. It quotes the figures of the tables as they stand after any
 * injected defect, so the TXT-FIGURES and TXT-FEES checks agree with the tables.
 */
import type { Report } from "../template";
import { isSplitOther } from "../template";
import { pick, type Rng } from "./prng";

const n = (v: number | null | undefined): number => v ?? 0;

const OPENERS = [
  "本年度，我单位坚持以公开为常态、不公开为例外，围绕中心工作推进政务公开。",
  "本年度，我单位按照全市政务公开工作要点，健全公开制度，规范依申请公开办理流程。",
  "本年度，我单位持续完善政府信息公开工作机制，加强公开平台建设和日常维护。",
  "本年度，我单位聚焦群众关切，加大重点领域信息公开力度，及时回应社会关注。",
];

const PROBLEMS = [
  "一是公开内容的解读形式较为单一，图解、视频等形式运用不够；",
  "一是部分栏目更新不够及时，信息发布的时效性有待提高；",
  "一是依申请公开答复的规范化程度仍需提升；",
];
const PROBLEMS2 = [
  "二是工作人员业务培训不够系统。下一步将加强培训，提高答复质量。",
  "二是政策文件与群众需求的对接不够紧密。下一步将丰富解读形式，增强公开实效。",
  "二是基层公开工作力量较为薄弱。下一步将充实人员，完善考核，推动问题整改。",
];

export function makeProse(rng: Rng, r: Report, agencyShort: string): NonNullable<Report["prose"]> {
  const a = r.applications;
  const rev = r.review;
  const lit = n(rev.litigationDirect.total) + n(rev.litigationAfterReconsideration.total);
  const overview =
    pick(rng, OPENERS) +
    `本年度共收到政府信息公开申请${n(a.newReceived.total)}件，上年结转${n(a.carriedOver.total)}件，` +
    `办理完结${n(a.totalHandled.total)}件，其中予以公开${n(a.granted.total)}件，` +
    `结转下年度继续办理${n(a.carriedForward.total)}件。` +
    `全年发生政府信息公开行政复议${n(rev.reconsideration.total)}件、行政诉讼${lit}件。`;
  const problems = pick(rng, PROBLEMS) + pick(rng, PROBLEMS2);
  const h = a.otherHandling;
  const feeNotices = isSplitOther(h) ? n(h.overdueFee.total) : 0;
  const other =
    feeNotices > 0
      ? `本年度${agencyShort}依据《政府信息公开信息处理费管理办法》发出收费通知，其中申请人逾期未缴纳信息处理费${feeNotices}件，未实际收取信息处理费。`
      : `本年度${agencyShort}未收取信息处理费，无其他需要报告的事项。`;
  return { overview, problems, other };
}
