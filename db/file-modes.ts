import "server-only";
/**
 * The database and everything beside it (WAL, SHM, backups, the auth secret, parked uploads) is readable by
 * the server's own user only: files 0600 in a 0700 directory. SQLite creates the -wal and -shm files with the
 * mode of the database file, so creating that file 0600 covers them.
 */
import fs from "node:fs";
import path from "node:path";

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Creates the directory 0700 (with any missing parents); an existing one is left as it is. */
export function privateDir(dir: string): void {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** Narrows an existing file to 0600 when it is readable by others (files left by an older version). */
function tighten(file: string): void {
  try {
    const st = fs.statSync(file);
    if ((st.mode & 0o077) !== 0) fs.chmodSync(file, FILE_MODE);
  } catch {
    // absent, or not ours to change: SQLite reports the real problem when it opens the file
  }
}

/** Before SQLite opens `file`: its directory exists (0700 when we create it), the file exists 0600. */
export function prepareDbFile(file: string, opts: { create: boolean }): void {
  const abs = path.resolve(file);
  if (opts.create) {
    privateDir(path.dirname(abs));
    if (!fs.existsSync(abs)) fs.closeSync(fs.openSync(abs, "a", FILE_MODE));
  }
  for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) tighten(f);
}

/** An empty file, 0600, to be written into (a backup target). */
export function createPrivateFile(file: string): void {
  privateDir(path.dirname(path.resolve(file)));
  fs.closeSync(fs.openSync(file, "w", FILE_MODE));
  fs.chmodSync(file, FILE_MODE);
}
