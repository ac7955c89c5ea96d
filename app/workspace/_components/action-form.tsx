"use client";
/**
 * A form bound to a server action returning `{ ok, message, fieldErrors }`: the message and field errors
 * render inline in an aria-live region. Submitting through onSubmit (not the bare `action` prop) keeps
 * what the user typed when the server says no — React would otherwise reset the form after the action.
 */
import { startTransition, useActionState, useEffect, useRef } from "react";
import type { FormResult } from "@/server/action";

/** What every action returns (server/action.ts). */
export type FormState = FormResult;

export function ActionForm({
  action,
  children,
  className,
  testId,
  encType,
}: {
  action: (prev: FormState | null, fd: FormData) => Promise<FormState | null>;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  encType?: "multipart/form-data";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = Object.entries(state?.fieldErrors ?? {});
  const ref = useRef<HTMLFormElement>(null);
  // Mark the fields the server named (plain fields by name, template cells as `cell:<path>`).
  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const [key] of errors) {
      const el = form.querySelector(`[name="${CSS.escape(key)}"], [name="${CSS.escape(`cell:${key}`)}"]`);
      el?.setAttribute("aria-invalid", "true");
    }
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps -- errors derive from state
  return (
    <form
      ref={ref}
      action={formAction}
      className={className}
      data-testid={testId}
      encType={encType}
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const fd = new FormData(e.currentTarget, submitter);
        startTransition(() => formAction(fd));
      }}
    >
      {children}
      <style>{"form [aria-invalid=true]{border-color:var(--err);outline:2px solid var(--err)}"}</style>
      <div aria-live="polite" data-testid="form-message">
        {state?.message ? <p className={`notice ${state.ok ? "ok" : "error"}`}>{state.message}</p> : null}
        {errors.length ? (
          <ul className="field-error">
            {errors.map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {pending ? <p className="muted small">正在处理…</p> : null}
    </form>
  );
}
