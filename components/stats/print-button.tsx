"use client";
/** Prints the page; the print stylesheet drops navigation, filters and download links. */
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" className="btn secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
