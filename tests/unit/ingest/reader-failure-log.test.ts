/** A reader that fails tells the user one Chinese sentence and leaves its cause (file, format, stack) in the server log. */
import { afterEach, expect, it, vi } from "vitest";
import { parseDocument } from "../../../lib/ingest";

afterEach(() => vi.restoreAllMocks());

it("a corrupt PDF: Chinese message for the user, file name, format and the error's stack on console.error", async () => {
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const bytes = new TextEncoder().encode("%PDF-1.7\n" + "这不是PDF的内容 ".repeat(40));
  const out = await parseDocument({ bytes, fileName: "坏文件.pdf" });
  expect(out.ok).toBe(false);
  if (!out.ok) expect(out.error).toMatch(/[\u4e00-\u9fff]/);
  expect(log).toHaveBeenCalled();
  const [head, err] = log.mock.calls[0] as [string, Error];
  expect(head).toContain("坏文件.pdf");
  expect(head).toContain("pdf");
  expect(err).toBeInstanceOf(Error);
  expect(err.stack).toBeTruthy();
  // the reader's own sentence keeps pdfjs's error as its cause
  expect(err.cause).toBeTruthy();
});

it("a corrupt docx is logged the same way", async () => {
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const bytes = new Uint8Array([
    ..."PK\u0003\u0004word/".split("").map((c) => c.charCodeAt(0)),
    ...new Uint8Array(300).fill(7),
  ]);
  const out = await parseDocument({ bytes, fileName: "坏文件.docx" });
  expect(out.ok).toBe(false);
  expect(log.mock.calls.some(([head]) => String(head).includes("坏文件.docx") && String(head).includes("docx"))).toBe(
    true,
  );
});
