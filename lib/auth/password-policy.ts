/**
 * The one password rule, used wherever a password is set: the admin's user form and password reset, and
 * the seed passwords from ADMIN_PASSWORD / REVIEWER_PASSWORD / AGENCY_PASSWORD. Beyond the length it
 * refuses the obviously guessable: repeats (aaaaaaaaaa, abcabcabc…), runs (1234567890, abcdefghij,
 * qwertyuiop), the login name with little added, and a short list of common passwords with digits added.
 * Returns a Chinese message naming the problem, or null when the password is acceptable.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** shown beside every password field */
export const PASSWORD_HINT = `至少${PASSWORD_MIN}个字符；不能用重复或连续的字符、常见密码或账号名`;

/** Common passwords and words, compared after lower-casing and dropping trailing digits and symbols. */
const COMMON = new Set([
  "password",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword",
  "admin",
  "administrator",
  "root",
  "user",
  "test",
  "guest",
  "login",
  "welcome",
  "letmein",
  "iloveyou",
  "qwerty",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "abc",
  "abcd",
  "a",
  "aa",
  "aaa",
  "monkey",
  "dragon",
  "master",
  "sunshine",
  "princess",
  "football",
  "baseball",
  "superman",
  "trustno1",
  "changeme",
  "secret",
  "default",
  "demo",
  "reviewer",
  "agency",
  "woaini",
  "wodemima",
  "mima",
  "zhongguo",
  "china",
  "xxgk",
]);

/** Keyboard rows and alphabets whose runs are guessable in either direction. */
const RUNS = [
  "01234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "1qaz2wsx3edc4rfv5tgb",
  "qazwsxedcrfvtgbyhnujm",
];

function isRun(s: string): boolean {
  if (s.length < 4) return false;
  for (const r of RUNS) {
    const rep = r.repeat(Math.ceil(s.length / r.length) + 1);
    const back = [...rep].reverse().join("");
    if (rep.includes(s) || back.includes(s)) return true;
  }
  // a constant step between character codes (13579bdf…, 2468024…)
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const step = cps[1] - cps[0];
  return Math.abs(step) <= 2 && cps.every((c, i) => i === 0 || c - cps[i - 1] === step);
}

/** the shortest unit the string is a repetition of (abcabcab → 3) */
function period(s: string): number {
  for (let p = 1; p <= s.length / 2; p++) {
    let ok = true;
    for (let i = p; i < s.length && ok; i++) ok = s[i] === s[i - p];
    if (ok) return p;
  }
  return s.length;
}

export function passwordProblem(password: string, login?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return `密码至少${PASSWORD_MIN}个字符`;
  if (password.length > PASSWORD_MAX) return "密码过长";
  const p = password.toLowerCase();
  if (new Set(p).size <= 3) return "密码过于简单：只用了一两个重复的字符，请混用更多不同的字符";
  if (period(p) <= 4) return "密码过于简单：是短字符串的重复，请换一个";
  if (isRun(p)) return "密码过于简单：是连续的数字、字母或键盘顺序，请换一个";
  const core = p.replace(/[\p{N}\p{P}\p{S}\s]+$/u, "").replace(/^[\p{N}\p{P}\p{S}\s]+/u, "");
  if (COMMON.has(core) || COMMON.has(p)) return "密码过于常见，容易被猜到，请换一个";
  const name = login?.trim().toLowerCase();
  if (name && name.length >= 2) {
    const reversed = [...name].reverse().join("");
    const rest = p.split(name).join("").split(reversed).join("");
    if (rest.length < 6 || rest.replace(/[\p{N}\p{P}\p{S}\s]/gu, "") === "")
      return "密码不能是用户名或用户名加几个字符";
  }
  return null;
}
