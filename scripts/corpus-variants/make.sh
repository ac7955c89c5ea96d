#!/bin/bash
# Builds variants of ../shared/corpus the way real sources re-print reports, under OUT (default
# /tmp/xxgk-variants), each a folder with reports/ and truth/ for score-parser.mjs --corpus. Nothing is
# written into the repository. Needs poppler-utils (pdftotext) and LibreOffice (soffice).
#   bash scripts/corpus-variants/make.sh [OUT]
#   for d in /tmp/xxgk-variants/*/; do node ../shared/tools/score-parser.mjs --corpus $d | tail -1; done
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
C=${CORPUS:-$ROOT/../shared/corpus}
OUT=${1:-/tmp/xxgk-variants}
W=$OUT/.work
SO="soffice -env:UserInstallation=file://$W/profile --headless"
mkdir -p "$W/txt" "$W/rt" "$W/legacy"
set_of() { mkdir -p "$OUT/$1/reports" "$OUT/$1/truth"; }
put() { set_of "$1"; cp "$2" "$OUT/$1/reports/$3.${2##*.}"; cp "$C/truth/$4.json" "$OUT/$1/truth/$3.json"; }
txt() { # set, pdf, id, truth, pdftotext mode
  set_of "$1"; if [ "$5" = plain ]; then pdftotext -enc UTF-8 "$2" "$OUT/$1/reports/$3.txt"; else pdftotext -enc UTF-8 "-$5" "$2" "$OUT/$1/reports/$3.txt"; fi
  cp "$C/truth/$4.json" "$OUT/$1/truth/$3.json"; }
# the corpus PDFs as PDF-to-text tools print them
for m in layout raw plain; do for p in p01 p02; do txt "pdf-$m" "$C/reports/$p.pdf" $p $p $m; done; done
# LibreOffice: Word and spreadsheet to PDF, HTML, ODF and back, legacy formats, CSV
$SO --convert-to pdf "$C/reports/d01.docx" "$C/reports/x01.xlsx" --outdir "$W" >/dev/null 2>&1
$SO --convert-to odt "$C/reports/d01.docx" --outdir "$W" >/dev/null 2>&1
$SO --convert-to ods "$C/reports/x01.xlsx" --outdir "$W" >/dev/null 2>&1
$SO --convert-to html "$C/reports/d01.docx" --outdir "$W" >/dev/null 2>&1 && mv "$W/d01.html" "$W/d01-writer.html"
$SO --convert-to html "$C/reports/x01.xlsx" --outdir "$W" >/dev/null 2>&1 && mv "$W/x01.html" "$W/x01-calc.html"
$SO --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' "$C/reports/x01.xlsx" --outdir "$W" >/dev/null 2>&1
$SO --convert-to 'docx:MS Word 2007 XML' "$W/d01.odt" "$W/d01-writer.html" --outdir "$W/rt" >/dev/null 2>&1
$SO --convert-to xlsx "$W/x01.ods" --outdir "$W/rt" >/dev/null 2>&1
$SO --convert-to doc "$C/reports/d01.docx" --outdir "$W/legacy" >/dev/null 2>&1
$SO --convert-to xls "$C/reports/x01.xlsx" --outdir "$W/legacy" >/dev/null 2>&1
put lo-pdf "$W/d01.pdf" d01 d01; put lo-pdf "$W/x01.pdf" x01 x01
for m in layout raw plain; do for id in d01 x01; do txt "lo-pdf-$m" "$W/$id.pdf" $id $id $m; done; done
put lo-html "$W/d01-writer.html" d01 d01; put lo-html "$W/x01-calc.html" x01 x01
put lo-roundtrip "$W/rt/d01.docx" d01 d01; put lo-roundtrip "$W/rt/x01.xlsx" x01 x01; put lo-roundtrip "$W/rt/d01-writer.docx" d01w d01
put lo-roundtrip "$W/d01.odt" d01o d01; put lo-roundtrip "$W/x01.ods" x01o x01
put legacy "$W/legacy/d01.doc" d01 d01; put legacy "$W/legacy/x01.xls" x01 x01
put csv "$W/x01.csv" x01 x01
# copy-paste from the HTML (tabs), markdown tables, one cell per line
for id in d01 x01; do src=$W/$id-writer.html; [ $id = x01 ] && src=$W/x01-calc.html; (cd "$ROOT" && node scripts/corpus-variants/html-text.cjs "$src" "$W/$id"); done
for id in d01 x01; do put paste "$W/$id.paste.txt" $id $id; put cells "$W/$id.cells.txt" $id $id; put md "$W/$id.md" $id $id; done
# the text reports typed into a word processor and saved as PDF, read as PDF and as PDF-to-text
$SO --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf "$C"/reports/r0*.txt "$C/reports/s00.txt" --outdir "$W/txt" >/dev/null 2>&1
for f in "$W"/txt/*.pdf; do id=$(basename "$f" .pdf); put txt-pdf "$f" "$id" "$id"; txt txt-layout "$f" "$id" "$id" layout; txt txt-plain "$f" "$id" "$id" plain; done
echo "variant sets under $OUT"
