/**
 * A request's multipart form, read while counting its bytes: the read stops at the limit whatever
 * Content-Length says (a chunked upload has none), so nothing beyond the limit is ever buffered.
 */
export type LimitedForm = { ok: true; form: FormData } | { ok: false; tooLarge: boolean; seen: number };

export async function readLimitedForm(req: Request, limit: number): Promise<LimitedForm> {
  if (!req.body) return { ok: false, tooLarge: false, seen: 0 };
  let seen = 0;
  let over = false;
  const counted = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        seen += chunk.byteLength;
        if (seen > limit) {
          over = true;
          ctl.error(new Error("body over the limit"));
          return;
        }
        ctl.enqueue(chunk);
      },
    }),
  );
  const limited = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: counted,
    duplex: "half",
  } as RequestInit);
  try {
    return { ok: true, form: await limited.formData() };
  } catch {
    return { ok: false, tooLarge: over, seen };
  }
}
