import type { Block } from "./types";

/**
 * A document's blocks as plain text: text lines as they are, each table row as its cells joined by " | "
 * (spanned copies left out). Every reader hands this to the matcher and the stored extracted text.
 */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "text"
        ? b.lines.map((l) => l.text).join("\n")
        : b.rows
            .map((row) =>
              row
                .filter((c) => !c.spanned)
                .map((c) => c.text)
                .join(" | "),
            )
            .join("\n"),
    )
    .join("\n");
}
