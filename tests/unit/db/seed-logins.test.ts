/**
 * Demo logins: admin and reviewer never share a password, passwords from the environment are neither printed
 * nor stored, and the generated ones are printed on the seeding start only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { seedDemo } from "../../../db/seed";
import { loginLines, saveLogins } from "../../../scripts/demo-logins";

const hashOf = (db: ReturnType<typeof openDb>, login: string) =>
  (db.$client.prepare("select password_hash h from users where login = ?").get(login) as { h: string }).h;

describe("demo logins", () => {
  it("admin and reviewer get separate passwords; REVIEWER_PASSWORD sets the reviewer's", () => {
    const db = openDb(":memory:");
    const logins = seedDemo(db, {
      agencies: 2,
      years: [2024, 2024],
      seed: 3,
      adminPassword: "Lantern-47-river",
      production: true,
    });
    expect(bcrypt.compareSync("Lantern-47-river", hashOf(db, "admin"))).toBe(true);
    expect(bcrypt.compareSync("Lantern-47-river", hashOf(db, "reviewer"))).toBe(false);
    const reviewer = logins.find((l) => l.login === "reviewer")!;
    expect(reviewer.password).toMatch(/^[\w-]{12}$/);
    expect(bcrypt.compareSync(reviewer.password!, hashOf(db, "reviewer"))).toBe(true);
    // a password the operator set is never echoed or stored
    expect(logins.find((l) => l.login === "admin")).toMatchObject({ env: "ADMIN_PASSWORD" });
    expect(JSON.stringify(logins)).not.toContain("Lantern-47-river");

    const db2 = openDb(":memory:");
    seedDemo(db2, {
      agencies: 2,
      years: [2024, 2024],
      seed: 3,
      adminPassword: "Lantern-47-river",
      reviewerPassword: "Harbour-83-stone",
      production: true,
    });
    expect(bcrypt.compareSync("Harbour-83-stone", hashOf(db2, "reviewer"))).toBe(true);
  });

  it("prints the generated passwords once, later starts only name the file (mode 600)", () => {
    const db = openDb(":memory:");
    const logins = seedDemo(db, { agencies: 2, years: [2024, 2024], seed: 3, production: true });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-logins-")), "demo-logins.json");
    saveLogins(file, logins);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = loginLines(logins, file).join("\n");
    for (const l of logins) expect(first).toContain(l.password!);
    const later = loginLines(null, file).join("\n");
    for (const l of logins) expect(later).not.toContain(l.password!);
    expect(later).toContain(file);
  });
});
