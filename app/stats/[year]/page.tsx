import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Overview } from "@/components/stats/overview";
import { getDb } from "@/db/client";
import { getViewer } from "@/server/auth/viewer";
import { can } from "@/lib/permissions";
import { parseFilter } from "@/lib/stats/params";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }): Promise<Metadata> {
  return { title: `${(await params).year}年度统计概览` };
}

export default async function YearStatsPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { year } = await params;
  if (!/^\d{4}$/.test(year)) notFound();
  const viewer = await getViewer();
  const filter = parseFilter(await searchParams);
  return <Overview db={getDb()} year={Number(year)} filter={{ ...filter, year: Number(year) }} staff={can(viewer, "report.readAll")} action="/" />;
}
