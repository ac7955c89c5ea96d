import { PageLoading } from "@/components/page-loading";

// The page sums every year (or every agency) before it can render: the header and this note come first.
// Not on pages that may answer 404 or redirect (the admin area): once streaming starts the status is sent.
export default function Loading() {
  return <PageLoading what="历年趋势" />;
}
