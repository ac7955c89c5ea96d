import { z } from "zod";
import { AGENCY_KINDS } from "@/lib/enums";

/** Tracking filters from search params, shared by the page and the CSV export. */
export const trackingParams = z.object({
  year: z.coerce.number().int().min(2008).max(2100).optional().catch(undefined),
  kind: z.enum(AGENCY_KINDS).optional().catch(undefined),
  parentId: z.coerce.number().int().positive().optional().catch(undefined),
  state: z.enum(["on_time", "late", "unknown", "draft", "missing"]).optional().catch(undefined),
});
