import { PageLoading } from "@/components/page-loading";

// The page sums every year (or every agency) before it can render: the header and this note come first.
export default function Loading() {
  return <PageLoading what="机关排名" />;
}
