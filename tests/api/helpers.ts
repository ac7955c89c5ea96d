/**
 * A seeded temporary database per test file and the viewers of every role. The test files mock
 * `getViewer` (the only place a session enters) so the real server actions and route handlers run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb, type Db } from "../../db/client";
import { SYSTEM } from "../../db/queries/audit";
import { createUser } from "../../db/queries/setup";
import { seedDemo } from "../../db/seed";
import type { Viewer } from "../../lib/permissions";

export interface World {
  db: Db;
  admin: NonNullable<Viewer>;
  reviewer: NonNullable<Viewer>;
  agency: NonNullable<Viewer>;
  /** an agency user of another agency */
  stranger: NonNullable<Viewer>;
  ownAgencyId: number;
  otherAgencyId: number;
  /** a report of the other agency that is only a draft */
  otherDraftId: number;
  ownReportId: number;
}

const TABLES = [
  "agencies",
  "users",
  "reports",
  "report_versions",
  "report_cells",
  "findings",
  "finding_acks",
  "review_events",
  "audit_log",
  "reporting_years",
] as const;

export function counts(db: Db): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((t) => [t, (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n]),
  );
}

function viewerOf(db: Db, login: string): NonNullable<Viewer> {
  const u = db.$client
    .prepare("select id, login, name, role, agency_id agencyId from users where login = ?")
    .get(login) as NonNullable<Viewer>;
  return u;
}

export function makeWorld(tag: string): World {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xxgk-${tag}-`));
  process.env.DATABASE_PATH = path.join(dir, "test.db");
  const db = getDb();
  seedDemo(db, {
    agencies: 8,
    years: [2023, 2025],
    seed: 11,
    adminPassword: "test-admin-password",
    reviewerPassword: "test-reviewer-password",
    agencyPassword: "test-agency-password",
    production: false,
  });
  const own = viewerOf(db, "agency").agencyId!;
  const other = (
    db.$client.prepare("select id from agencies where id != ? and kind = '市直部门' order by id limit 1").get(own) as {
      id: number;
    }
  ).id;
  createUser(db, SYSTEM, {
    login: "stranger",
    name: "别的机关",
    password: "stranger-password",
    role: "agency",
    agencyId: other,
  });
  // make sure the other agency has a draft (never visible to the first agency user)
  const otherReport = db.$client.prepare("select id from reports where agency_id = ? and year = 2025").get(other) as {
    id: number;
  };
  db.$client
    .prepare(
      "update reports set status = 'draft', published_version_id = null, published_at = null, submitted_at = null where id = ?",
    )
    .run(otherReport.id);
  const ownReport = db.$client.prepare("select id from reports where agency_id = ? and year = 2025").get(own) as {
    id: number;
  };
  db.$client
    .prepare(
      "update reports set status = 'draft', published_version_id = null, published_at = null, submitted_at = null where id = ?",
    )
    .run(ownReport.id);
  return {
    db,
    admin: viewerOf(db, "admin"),
    reviewer: viewerOf(db, "reviewer"),
    agency: viewerOf(db, "agency"),
    stranger: viewerOf(db, "stranger"),
    ownAgencyId: own,
    otherAgencyId: other,
    otherDraftId: otherReport.id,
    ownReportId: ownReport.id,
  };
}

export function formData(fields: Record<string, string | Blob | undefined>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v);
  return fd;
}
