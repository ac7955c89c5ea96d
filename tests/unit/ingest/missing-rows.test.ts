/**
 * Rows no label took, told apart by what happened (lib/ingest/matcher/missing): the text stops, the input
 * begins inside the tables or lacks a section (cells unread, nothing misread), or rows are absent amid
 * rows that were read (labels not recognised: a possible misreading).
 */
import { describe, expect, it } from "vitest";
import { missingRowWarnings } from "../../../lib/ingest/matcher/missing";
import { buildSpecs } from "../../../lib/ingest/matcher/specs";

const specs = buildSpecs("2021", true);
const rows = specs.filter((s) => !s.groupOf).map((s) => s.path);
const upTo = (path: string) => rows.slice(0, rows.indexOf(path) + 1);

describe("rows not read", () => {
  it("a text cut off after 予以公开: the rest is unread, with the last row read", () => {
    const w = missingRowWarnings(specs, new Set(upTo("applications.granted")), true, "applications.granted");
    expect(w).toHaveLength(1);
    expect(w[0].kind).toBe("unread");
    expect(w[0].cells[0]).toBe("applications.granted");
    expect(w[0].cells).toContain("review");
  });

  it("a page that begins at table 三's last rows: what comes before is unread", () => {
    const done = new Set(["applications.totalHandled", "applications.carriedForward", "review"]);
    const w = missingRowWarnings(specs, done, false, "applications.carriedForward");
    expect(w.map((x) => x.kind)).toEqual(["unread"]);
    expect(w[0].cells).toContain("proactive.regulations");
    expect(w[0].cells).toContain("applications.granted");
  });

  it("rows absent between rows read are missing — their labels were not recognised", () => {
    const done = new Set(rows.filter((p) => p !== "applications.partial" && p !== "applications.denied.stateSecret"));
    const w = missingRowWarnings(specs, done, false, "review");
    expect(w).toEqual([
      {
        cells: ["applications.partial", "applications.denied.stateSecret"],
        message: expect.any(String),
        kind: "missing",
      },
    ]);
  });

  it("nothing missing, nothing said", () => {
    expect(missingRowWarnings(specs, new Set(rows), false, "review")).toEqual([]);
  });
});
