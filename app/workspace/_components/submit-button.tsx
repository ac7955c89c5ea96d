"use client";
import { useFormStatus } from "react-dom";

export function SubmitButton({ children, name, value, className = "btn", testId }: { children: React.ReactNode; name?: string; value?: string; className?: string; testId?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} className={className} disabled={pending} data-testid={testId}>
      {children}
    </button>
  );
}
