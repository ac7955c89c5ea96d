import { describe, expect, it } from "vitest";
import { defaultShape, emptyReport } from "../../../lib/template";
import { dropStaged, getStaged, stage, updateStaged } from "../../../lib/upload/staging";

const item = (userId: number) => ({ userId, agencyId: 1, year: 2024, source: "paste" as const, file: null, extractedText: null, report: emptyReport(defaultShape("2021")), warnings: [], provenance: {} });

describe("parked previews", () => {
  it("belong to the user who uploaded them and expire after two hours", () => {
    const s = stage(item(7), 1_000);
    expect(s.id).toMatch(/^[\w-]{16}$/);
    expect(getStaged(s.id, 7, 2_000)?.agencyId).toBe(1);
    expect(getStaged(s.id, 8, 2_000)).toBeNull();
    expect(getStaged(s.id, 7, 1_000 + 2 * 3600_000 + 1)).toBeNull();
  });
  it("keep corrections and are gone once saved or discarded", () => {
    const s = stage(item(7));
    const r = emptyReport(defaultShape("2019"));
    updateStaged(s.id, { report: r });
    expect(getStaged(s.id, 7)?.report.template).toBe("2019");
    dropStaged(s.id);
    expect(getStaged(s.id, 7)).toBeNull();
  });
});
