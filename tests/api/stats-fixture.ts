/** A temp database with a small generated city: some reports published (one revised), some only drafts. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/db/client";
import { SYSTEM } from "@/db/queries/audit";
import { createAgency, ensureYear } from "@/db/queries/setup";
import { saveReportVersion } from "@/db/queries/versions";
import { generateCity } from "@/lib/demo";
import type { Report } from "@/lib/template";

export interface Fixture {
  db: Db;
  file: string;
  /** what is published, per year, as the test knows it (independent of the DB) */
  published: Map<number, { agencyId: number; kind: string; parentId: number | null; report: Report }[]>;
  agencyIds: Map<string, number>;
}

export function buildFixture(agencies = 70, years: [number, number] = [2020, 2022]): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-stats-"));
  const file = path.join(dir, "t.db");
  const db = openDb(file);
  const city = generateCity({ agencies, years, seed: 11 });
  const ids = new Map<string, number>();
  const meta = new Map<number, { kind: string; parentId: number | null }>();
  for (let y = years[0]; y <= years[1]; y++) ensureYear(db, y);
  for (const a of city.agencies) {
    const parentId = a.parentKey ? (ids.get(a.parentKey) ?? null) : null;
    const id = createAgency(db, SYSTEM, { name: a.name, shortName: a.shortName, kind: a.kind, parentId });
    ids.set(a.key, id);
    meta.set(id, { kind: a.kind, parentId });
  }
  const published = new Map<number, Fixture["published"] extends Map<number, infer V> ? V : never>();
  city.reports
    .sort((a, b) => a.year - b.year)
    .forEach((r, i) => {
      const agencyId = ids.get(r.agencyKey)!;
      // every 5th report stays a draft: it must not enter the public sums
      const status = i % 5 === 4 ? "draft" : "published";
      saveReportVersion(db, {
        agencyId,
        year: r.year,
        report: r.report,
        source: "import",
        actor: SYSTEM,
        status,
        at: r.submittedAt,
      });
      let final = r.report;
      if (status === "published" && i % 7 === 0) {
        // a revised report: a second published version replaces the first in the sums
        final = structuredClone(r.report);
        final.applications.newReceived.naturalPerson = (final.applications.newReceived.naturalPerson ?? 0) + 3;
        final.applications.newReceived.total = (final.applications.newReceived.total ?? 0) + 3;
        saveReportVersion(db, {
          agencyId,
          year: r.year,
          report: final,
          source: "form",
          actor: SYSTEM,
          status: "published",
        });
      }
      if (status === "published" && i % 11 === 0) {
        // a newer draft over a published version: the public still sees the published one
        const draft = structuredClone(final);
        draft.applications.granted.total = 99999;
        saveReportVersion(db, {
          agencyId,
          year: r.year,
          report: draft,
          source: "form",
          actor: SYSTEM,
          status: "draft",
        });
      }
      if (status === "published") {
        const list = published.get(r.year) ?? [];
        list.push({ agencyId, ...meta.get(agencyId)!, report: final });
        published.set(r.year, list);
      }
    });
  return { db, file, published, agencyIds: ids };
}
