/**
 * Web addresses as entered by people (agency website, annual-report column, a report page): only http and
 * https, no credentials, bounded length. One place for the rule and its Chinese messages.
 */
import { z } from "zod";

const MAX_URL_CHARS = 500;

/** The address as a URL, or a Chinese sentence saying what is wrong with it. */
export function checkAddress(raw: string): { ok: true; url: URL } | { ok: false; message: string } {
  const s = raw.trim();
  if (s.length > MAX_URL_CHARS) return { ok: false, message: `网址过长（上限 ${MAX_URL_CHARS} 个字符）` };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `http://${s}`);
  } catch {
    return { ok: false, message: `“${s.slice(0, 80)}”不是有效的网址` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, message: `只支持 http 或 https 网址，不支持“${url.protocol.replace(/:$/, "")}”` };
  if (url.username || url.password) return { ok: false, message: "网址中不能包含用户名或密码" };
  if (!url.hostname) return { ok: false, message: "网址缺少主机名" };
  return { ok: true, url };
}

/** An optional address form field: "" → null, otherwise a valid http(s) URL (normalised). */
const optAddress = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const c = checkAddress(v);
    if (!c.ok) {
      ctx.addIssue({ code: "custom", message: c.message });
      return z.NEVER;
    }
    return c.url.href;
  });

/** The agency fields of migration 0006, merged into the agency form's schema. */
export const agencyWebFields = { website: optAddress, reportColumnUrl: optAddress };
