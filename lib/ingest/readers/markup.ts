/**
 * HTML inside text (issue 14): a page source pasted into the text box or saved as .txt, or a page's
 * report kept in a JavaScript string (escaped quotes \" and \n, &nbsp;, \u003c). Such text is read as
 * HTML, so its tables keep their cells instead of being read as lines full of tags.
 */
import { htmlToDocument, unescapeJs } from "./html";
import type { SourceDocument } from "../types";

const TAG = /<\/?(?:table|tbody|tr|td|th|p|div|br|span|h[1-6]|font|strong|b)\b[^<>]{0,400}>/gi;
const TABLE_TAG = /<t[dr]\b|<table\b/i;
const ESCAPED = /\\u003c|\\x3c|&lt;(?:table|tr|td|p)\b/i;
/** Below this many tags, a `<` in a report's text is prose (a 《》 written as <> or a formula). */
const MIN_TAGS = 8;

function countTags(s: string, max: number): number {
  let n = 0;
  TAG.lastIndex = 0;
  while (n < max && TAG.exec(s)) n++;
  return n;
}

/** The HTML held by `text`, unescaped, or null when the text is not markup. */
export function markupInText(text: string): string | null {
  let s = text;
  if (ESCAPED.test(s) && !TABLE_TAG.test(s)) {
    s = unescapeJs(s);
    if (!TABLE_TAG.test(s))
      s = s
        .replace(/&lt;/gi, "<")
        .replace(/&gt;/gi, ">")
        .replace(/&quot;/gi, '"')
        .replace(/&amp;/gi, "&");
  }
  if (!TABLE_TAG.test(s) || countTags(s, MIN_TAGS) < MIN_TAGS) return null;
  // markup in a JS string: attributes with escaped quotes, line breaks as \n
  if (/=\\"/.test(s) || /(?:>|^)\\n/.test(s) || /\\n\s*</.test(s)) s = unescapeJs(s);
  return s;
}

/** The text read as the HTML it holds, or null. */
export function readMarkupText(text: string): SourceDocument | null {
  const html = markupInText(text);
  return html === null ? null : htmlToDocument(html, "html");
}
