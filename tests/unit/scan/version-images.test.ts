/** The cell images kept with a saved version of a scan are bounded: doubtful cells first, only PNG data URLs. */
import { describe, expect, it } from "vitest";
import { boundCellImages, CELL_IMAGE_MAX } from "@/lib/scan/version-images";

const png = (n: number) => `data:image/png;base64,${"A".repeat(n)}`;

describe("boundCellImages", () => {
  it("keeps the doubtful cells first and stays within the limit", () => {
    const images = { "a.x": png(100), "b.x": png(100), "c.x": png(100) };
    const warnings = [{ message: "识别把握不足", cells: ["c"] }] as never;
    const kept = boundCellImages(images, warnings, 2 * png(100).length);
    expect(Object.keys(kept.images).sort()).toEqual(["a.x", "c.x"]);
    expect(kept.bytes).toBe(2 * png(100).length);
  });

  it("drops what is not a small PNG data URL", () => {
    const kept = boundCellImages({
      ok: png(10),
      big: png(CELL_IMAGE_MAX),
      script: "javascript:alert(1)",
      svg: "data:image/svg+xml;base64,AAAA",
    });
    expect(Object.keys(kept.images)).toEqual(["ok"]);
  });
});
