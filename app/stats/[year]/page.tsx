import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Overview } from "@/components/stats/overview";
import { getDb } from "@/server/db";
import { getViewer } from "@/server/auth/viewer";
import { loadOverview } from "@/server/stats/overview";
import { can } from "@/lib/permissions";
import { parseFilter } from "@/lib/stats/params";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }): Promise<Metadata> {
  return { title: `${(await params).year}年度统计概览` };
}

export default async function YearStatsPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { year } = await params;
  if (!/^\d{4}$/.test(year)) notFound();
  const viewer = await getViewer();
  const filter = parseFilter(await searchParams);
  const staff = can(viewer, "report.readAll");
  const f = { ...filter, year: Number(year) };
  return (
    <Overview
      data={loadOverview(getDb(), { year: Number(year), filter: f, staff })}
      filter={f}
      staff={staff}
      action="/"
    />
  );
}
