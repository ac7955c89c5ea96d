"use client";
/** A select of the target form that applies at once: the page reloads for the chosen agency or year. */
export function TargetSelect(props: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} onChange={(e) => e.currentTarget.form?.requestSubmit()} />;
}
