// @ts-check
/**
 * The one upload limit, stated once: UPLOAD_MAX_MB (default 20) bounds a file and, with room for the form
 * around it, the body of every request that carries files — the upload handler, which counts the bytes as
 * they stream, and server actions (the bulk import), whose limits next.config.js sets from here. Plain
 * JavaScript because next.config.js imports it too.
 */
export const DEFAULT_UPLOAD_MAX_MB = 20;

/** multipart framing and the form's other fields around the file(s) */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** @param {Record<string, string | undefined>} [env] */
export function uploadMaxBytes(env = process.env) {
  const mb = Number(env.UPLOAD_MAX_MB ?? DEFAULT_UPLOAD_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_UPLOAD_MAX_MB) * 1024 * 1024;
}

/** @param {Record<string, string | undefined>} [env] */
export function requestMaxBytes(env = process.env) {
  return uploadMaxBytes(env) + FORM_OVERHEAD_BYTES;
}
