/** In-memory login throttle: per key, at most `limit` failures in `windowMs`. One process serves the app. */
const failures = new Map<string, number[]>();

export const LOGIN_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function isLocked(key: string, now = Date.now()): boolean {
  const list = (failures.get(key) ?? []).filter((t) => now - t < LOGIN_WINDOW_MS);
  failures.set(key, list);
  return list.length >= LOGIN_LIMIT;
}

export function recordFailure(key: string, now = Date.now()): void {
  const list = failures.get(key) ?? [];
  list.push(now);
  failures.set(key, list.slice(-LOGIN_LIMIT * 2));
  if (failures.size > 10000) failures.delete(failures.keys().next().value as string);
}

export function clearFailures(key: string): void {
  failures.delete(key);
}
