import { redirect } from "next/navigation";

/** /stats is the overview, which lives on the home page. */
export default function StatsIndex() {
  redirect("/");
}
