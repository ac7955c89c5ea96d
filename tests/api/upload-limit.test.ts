/**
 * Issue 12 item 3: an upload without Content-Length (chunked) is refused once its bytes pass the limit,
 * not read in full first. The body here never ends: before the fix the handler waited for all of it.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "./mocks";
import { makeWorld, type World } from "./helpers";

vi.mock("@/server/auth/viewer", async () => {
  const m = await import("./mocks");
  return { getViewer: async () => m.session.viewer };
});

const upload = await import("@/app/api/upload/route");
const { requestMaxBytes } = await import("@/lib/upload/limit");
let w: World;

beforeAll(() => {
  w = makeWorld("upload-limit");
});

/** A multipart body that starts like a real form and then streams zeros forever, counting what was pulled. */
function endlessUpload(agencyId: number) {
  const boundary = "----xxgk-endless";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="agencyId"\r\n\r\n${agencyId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="year"\r\n\r\n2025\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const chunk = new Uint8Array(256 * 1024).fill(0x41);
  const pulled = { bytes: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      ctl.enqueue(head);
      pulled.bytes += head.length;
    },
    pull(ctl) {
      ctl.enqueue(chunk);
      pulled.bytes += chunk.length;
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  const req = new Request("http://x/api/upload", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { req, pulled };
}

describe("POST /api/upload without Content-Length", () => {
  it("stops reading at the limit and answers 413 in Chinese", async () => {
    session.viewer = w.agency;
    const { req, pulled } = endlessUpload(w.ownAgencyId);
    expect(req.headers.get("content-length")).toBeNull();
    const res = await upload.POST(req);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^文件过大（.+ MB），上限为 20 MB$/),
    });
    expect(pulled.bytes).toBeLessThan(requestMaxBytes() + 2 * 1024 * 1024);
    expect(pulled.cancelled).toBe(true);
  });
});
