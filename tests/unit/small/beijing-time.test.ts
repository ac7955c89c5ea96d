/** Every page and download shows Beijing time (UTC+8), whatever the stored format. */
import { describe, expect, it } from "vitest";
import { beijingDate, beijingTime } from "@/lib/beijing-time";

describe("Beijing time", () => {
  it("turns a stored UTC ISO time into yyyy-mm-dd hh:mm at UTC+8", () => {
    expect(beijingTime("2025-01-24T04:01:00.000Z")).toBe("2025-01-24 12:01");
  });
  it("crosses midnight into the next Beijing day", () => {
    expect(beijingTime("2025-01-31T17:30:00.000Z")).toBe("2025-02-01 01:30");
    expect(beijingDate("2025-01-31T17:30:00.000Z")).toBe("2025-02-01");
  });
  it("reads SQLite's zone-less timestamps as UTC", () => {
    expect(beijingTime("2025-01-24 04:01:00")).toBe("2025-01-24 12:01");
  });
  it("gives an empty string for no time and keeps an unreadable value", () => {
    expect(beijingTime(null)).toBe("");
    expect(beijingTime("")).toBe("");
    expect(beijingTime("不详")).toBe("不详");
  });
});
