import "server-only";
/**
 * Uploads waiting in the preview step. Nothing is written to the database until the user saves, so a
 * rejected or abandoned upload changes nothing (and does not move the page cache's change stamp). The
 * parsed report and the original bytes wait in the data directory beside the database, under
 * `staging/<user id>/`, so a clerk's half-finished upload survives a restart of the server. Each user has
 * their own bound (a number of previews and bytes; a new preview past it drops that user's oldest, never
 * anyone else's), and previews older than a day are removed. Files 0600 in 0700 directories.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { privateDir } from "@/db/file-modes";
import type { Provenance } from "@/lib/ingest/types";
import type { WebOrigin } from "@/lib/collect/read-address";
import type { ParseWarning, Report } from "@/lib/template";
import { databasePath } from "@/lib/env";

export type StagedSource = "upload" | "paste" | "form" | "web";

export interface Staged {
  id: string;
  userId: number;
  agencyId: number;
  year: number;
  source: StagedSource;
  file: { name: string; type: string; bytes: Uint8Array } | null;
  extractedText: string | null;
  report: Report;
  warnings: ParseWarning[];
  provenance: Record<string, Provenance>;
  /** scanned pages: cut-out image of each cell read by OCR (data: URLs, keyed like provenance) */
  cellImages?: Record<string, string>;
  /** read from a web address (source "web") */
  origin?: WebOrigin | null;
  createdAt: number;
}

export const STAGING_TTL_MS = 24 * 3600 * 1000;
/** per user: previews kept, and their bytes (originals plus parsed data) */
export const STAGING_PER_USER = 10;
export const STAGING_USER_BYTES = 100 * 1024 * 1024;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const ID = /^[\w-]{16}$/;

/** `staging/` beside the database file (DATABASE_PATH), read on every call so tests can point it elsewhere */
function stagingRoot(): string {
  const db = databasePath();
  return path.join(path.dirname(path.resolve(db)), "staging");
}

const userDir = (userId: number) => path.join(stagingRoot(), String(Math.trunc(userId)));
const metaFile = (dir: string, id: string) => path.join(dir, `${id}.json`);
const bytesFile = (dir: string, id: string) => path.join(dir, `${id}.bin`);

type Meta = Omit<Staged, "file"> & { file: { name: string; type: string; size: number } | null };

function writeAtomic(file: string, data: string | Uint8Array, createdAt: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  // the modification time is the preview's creation time: listing a user's previews needs no parsing
  fs.utimesSync(tmp, createdAt / 1000, createdAt / 1000);
  fs.renameSync(tmp, file);
}

function remove(dir: string, id: string): void {
  fs.rmSync(metaFile(dir, id), { force: true });
  fs.rmSync(bytesFile(dir, id), { force: true });
}

/** A user's previews, oldest first, with their creation time and size on disk. */
function listUser(dir: string): { id: string; createdAt: number; bytes: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: { id: string; createdAt: number; bytes: number }[] = [];
  for (const n of names) {
    const full = path.join(dir, n);
    if (n.endsWith(".tmp")) {
      // a write cut short by a crash
      fs.rmSync(full, { force: true });
      continue;
    }
    if (!n.endsWith(".json")) continue;
    const id = n.slice(0, -5);
    try {
      const st = fs.statSync(full);
      const bin = fs.existsSync(bytesFile(dir, id)) ? fs.statSync(bytesFile(dir, id)).size : 0;
      out.push({ id, createdAt: st.mtimeMs, bytes: st.size + bin });
    } catch {
      // removed meanwhile
    }
  }
  // originals whose preview is gone (a crash between the two writes)
  for (const n of names)
    if (n.endsWith(".bin") && !names.includes(`${n.slice(0, -4)}.json`)) fs.rmSync(path.join(dir, n), { force: true });
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

let lastSweep = 0;
/** Removes every user's expired previews, at most every ten minutes. */
function sweepAll(now: number): void {
  if (now - lastSweep < SWEEP_EVERY_MS && now >= lastSweep) return;
  lastSweep = now;
  let users: string[];
  try {
    users = fs.readdirSync(stagingRoot());
  } catch {
    return;
  }
  for (const u of users) {
    const dir = path.join(stagingRoot(), u);
    for (const p of listUser(dir)) if (now - p.createdAt > STAGING_TTL_MS) remove(dir, p.id);
  }
}

/** Makes room for a new preview of `incoming` bytes in the user's own bound, dropping their oldest. */
function makeRoom(dir: string, incoming: number, now: number): void {
  const items = listUser(dir).filter((p) => {
    if (now - p.createdAt <= STAGING_TTL_MS) return true;
    remove(dir, p.id);
    return false;
  });
  let total = items.reduce((s, p) => s + p.bytes, 0);
  while (items.length && (items.length >= STAGING_PER_USER || total + incoming > STAGING_USER_BYTES)) {
    const old = items.shift()!;
    total -= old.bytes;
    remove(dir, old.id);
  }
}

export function stage(item: Omit<Staged, "id" | "createdAt">, now = Date.now()): Staged {
  sweepAll(now);
  const staged: Staged = { ...item, id: randomBytes(12).toString("base64url"), createdAt: now };
  const dir = userDir(item.userId);
  privateDir(dir);
  const meta: Meta = {
    ...staged,
    file: staged.file ? { name: staged.file.name, type: staged.file.type, size: staged.file.bytes.length } : null,
  };
  const json = JSON.stringify(meta);
  makeRoom(dir, Buffer.byteLength(json) + (staged.file?.bytes.length ?? 0), now);
  if (staged.file) writeAtomic(bytesFile(dir, staged.id), staged.file.bytes, now);
  writeAtomic(metaFile(dir, staged.id), json, now);
  return staged;
}

function readMeta(dir: string, id: string): Meta | null {
  try {
    return JSON.parse(fs.readFileSync(metaFile(dir, id), "utf8")) as Meta;
  } catch {
    return null;
  }
}

/** The staged upload, only for the user who made it. */
export function getStaged(id: string, userId: number, now = Date.now()): Staged | null {
  if (!ID.test(id) || !Number.isSafeInteger(userId)) return null;
  const dir = userDir(userId);
  const meta = readMeta(dir, id);
  if (!meta || meta.userId !== userId) return null;
  if (now - meta.createdAt > STAGING_TTL_MS) {
    remove(dir, id);
    return null;
  }
  let file: Staged["file"] = null;
  if (meta.file) {
    try {
      file = { name: meta.file.name, type: meta.file.type, bytes: new Uint8Array(fs.readFileSync(bytesFile(dir, id))) };
    } catch {
      return null;
    }
    if (file.bytes.length !== meta.file.size) return null;
  }
  return { ...meta, file };
}

/** The user's directory holding preview `id`, if any (ids are unique across users). */
function ownerDir(id: string): string | null {
  if (!ID.test(id)) return null;
  let users: string[];
  try {
    users = fs.readdirSync(stagingRoot());
  } catch {
    return null;
  }
  for (const u of users) {
    const dir = path.join(stagingRoot(), u);
    if (fs.existsSync(metaFile(dir, id))) return dir;
  }
  return null;
}

export function updateStaged(
  id: string,
  patch: Partial<Pick<Staged, "report" | "warnings" | "provenance" | "cellImages">>,
): void {
  const dir = ownerDir(id);
  const meta = dir ? readMeta(dir, id) : null;
  if (!dir || !meta) return;
  writeAtomic(metaFile(dir, id), JSON.stringify({ ...meta, ...patch }), meta.createdAt);
}

export function dropStaged(id: string): void {
  const dir = ownerDir(id);
  if (dir) remove(dir, id);
}

export const STAGING_EXPIRED = "预览已过期或不存在，请重新上传";
