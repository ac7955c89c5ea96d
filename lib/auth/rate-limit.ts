/**
 * Sign-in throttle (in memory: one process serves the app). Three counters of failed sign-ins, each with
 * exponential back-off and a cap, so that guessing is slow and a stranger cannot lock anyone else out:
 *
 * - **per address** (all accounts): from the 20th failure the address is refused for 1 min, doubling with
 *   every further failure up to 1 h. Stops one client trying many accounts.
 * - **per account and address**: from the 5th failure that address is refused for that account for 1 min,
 *   doubling up to 15 min. Stops one client guessing one password.
 * - **per account** (all addresses): from the 10th failure the account is "under attack" for 1 min,
 *   doubling up to 15 min. Meanwhile an address that has already failed on it is refused from its 1st
 *   failure (same back-off), and an address with no failures on it is let through after a 2 s delay —
 *   so many addresses guessing one password get one try each per back-off period, while the owner
 *   signing in from their own address is only slowed down, never locked out by someone else.
 *
 * A counter is forgotten 24 h after its last failure (the per-account one after 1 h); a successful sign-in
 * clears the account's counters (never the address's: a valid account of one's own must not reset it).
 * Refusals happen before the password is checked and are not counted.
 */
export interface Rule {
  threshold: number;
  baseMs: number;
  capMs: number;
  forgetMs: number;
}

const MIN = 60_000;
export const RULES = {
  address: { threshold: 20, baseMs: MIN, capMs: 60 * MIN, forgetMs: 24 * 60 * MIN },
  pair: { threshold: 5, baseMs: MIN, capMs: 15 * MIN, forgetMs: 24 * 60 * MIN },
  account: { threshold: 10, baseMs: MIN, capMs: 15 * MIN, forgetMs: 60 * MIN },
} satisfies Record<string, Rule>;
/** Under attack, the per-(account, address) threshold drops to this. */
export const PAIR_THRESHOLD_UNDER_ATTACK = 1;
/** The most an address without failures waits on an account under attack. */
export const UNDER_ATTACK_DELAY_MS = 2_000;
const MAX_KEYS = 50_000;

interface Counter {
  failures: number;
  last: number;
}

/** Until when a counter refuses (0: it does not), given the threshold in force. */
export function lockedUntil(c: Counter | undefined, rule: Rule, threshold = rule.threshold): number {
  if (!c || c.failures < threshold) return 0;
  return c.last + Math.min(rule.baseMs * 2 ** (c.failures - threshold), rule.capMs);
}

export type Verdict = { ok: true; delayMs: number } | { ok: false; retryAfterMs: number };

export class LoginThrottle {
  private counters = new Map<string, Counter>();

  private get(key: string, rule: Rule, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (c && now - c.last > rule.forgetMs) {
      this.counters.delete(key);
      return undefined;
    }
    return c;
  }

  private bump(key: string, rule: Rule, now: number): void {
    const c = this.get(key, rule, now) ?? { failures: 0, last: now };
    this.counters.delete(key); // re-inserted last: the map's order is least recently failed first
    this.counters.set(key, { failures: c.failures + 1, last: now });
    if (this.counters.size > MAX_KEYS) this.counters.delete(this.counters.keys().next().value as string);
  }

  /** May `address` try a password for `login` now? */
  check(login: string, address: string, now = Date.now()): Verdict {
    const k = keys(login, address);
    const acct = lockedUntil(this.get(k.account, RULES.account, now), RULES.account);
    const underAttack = acct > now;
    const pair = this.get(k.pair, RULES.pair, now);
    const until = Math.max(
      lockedUntil(this.get(k.address, RULES.address, now), RULES.address),
      lockedUntil(pair, RULES.pair, underAttack ? PAIR_THRESHOLD_UNDER_ATTACK : RULES.pair.threshold),
    );
    if (until > now) return { ok: false, retryAfterMs: until - now };
    return { ok: true, delayMs: underAttack ? UNDER_ATTACK_DELAY_MS : 0 };
  }

  failed(login: string, address: string, now = Date.now()): void {
    const k = keys(login, address);
    this.bump(k.address, RULES.address, now);
    this.bump(k.pair, RULES.pair, now);
    this.bump(k.account, RULES.account, now);
  }

  succeeded(login: string, address: string): void {
    const k = keys(login, address);
    this.counters.delete(k.pair);
    this.counters.delete(k.account);
  }
}

function keys(login: string, address: string) {
  const l = login.trim().toLowerCase();
  return { address: `a|${address}`, pair: `p|${l}|${address}`, account: `l|${l}` };
}

const g = globalThis as unknown as { __xxgkLoginThrottle?: LoginThrottle };
/** The process-wide throttle. */
export const loginThrottle = (g.__xxgkLoginThrottle ??= new LoginThrottle());
