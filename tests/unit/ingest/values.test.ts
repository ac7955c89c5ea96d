import { describe, expect, it } from "vitest";
import { moneyYuan, parseCell } from "../../../lib/ingest/values";

const num = (raw: string) => {
  const v = parseCell(raw);
  return v.kind === "number" ? v.value : v.kind;
};

describe("parseCell", () => {
  it("keeps blank, 'no figure' words and text apart", () => {
    expect(parseCell("").kind).toBe("blank");
    expect(parseCell("   ").kind).toBe("blank");
    for (const w of ["无", "-", "—", "/", "空", "／", "——"]) expect(parseCell(w).kind).toBe("none");
    expect(parseCell("详见附件").kind).toBe("text");
    expect(parseCell("本年新").kind).toBe("text");
  });

  it("reads signs and Chinese change words", () => {
    expect(num("+2")).toBe(2);
    expect(num("-417")).toBe(-417);
    expect(num("减少45")).toBe(-45);
    expect(num("减4")).toBe(-4);
    expect(num("增加3")).toBe(3);
    expect(num("0")).toBe(0);
    expect(num("-0")).toBe(0);
  });

  it("reads full-width digits, separators, decimals and units", () => {
    expect(num("１２３")).toBe(123);
    expect(num("－５")).toBe(-5);
    expect(num("12,345")).toBe(12345);
    expect(num("38.441094")).toBeCloseTo(38.441094);
    expect(num("7 件")).toBe(7);
    expect(parseCell("68949.08元")).toMatchObject({ kind: "number", value: 68949.08, unit: "元" });
    expect(parseCell("976.81万元")).toMatchObject({ kind: "number", value: 976.81, unit: "万元" });
    expect(parseCell("3.5萬元")).toMatchObject({ kind: "number", unit: "万元" });
  });

  it("drops annotations in parentheses", () => {
    expect(num("3（其中2件为网上申请）")).toBe(3);
    expect(num("5(含1件转办)")).toBe(5);
    expect(num("12*")).toBe(12);
    expect(num("3①")).toBe(3);
  });

  it("does not read space-separated figures as one number", () => {
    expect(parseCell("1 0 0 2").kind).toBe("text");
  });
});

describe("moneyYuan", () => {
  it("multiplies 万元, including a unit stated only in the header, and rounds to cents", () => {
    expect(moneyYuan({ value: 976.81, unit: "万元" }, null)).toEqual({ yuan: 9768100, assumed: false });
    expect(moneyYuan({ value: 20.3, unit: null }, "万元")).toEqual({ yuan: 203000, assumed: false });
    expect(moneyYuan({ value: 38.441094, unit: null }, "万元").yuan).toBe(384410.94);
  });
  it("assumes 元 when nothing states a unit, and says so", () => {
    expect(moneyYuan({ value: 52.15, unit: null }, null)).toEqual({ yuan: 52.15, assumed: true });
  });
});
