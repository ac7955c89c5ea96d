"use client";
/** Re-renders the page every few seconds while a run is in progress (progress is read from the database). */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ active, ms = 2000 }: { active: boolean; ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), ms);
    return () => clearInterval(t);
  }, [active, ms, router]);
  return null;
}
