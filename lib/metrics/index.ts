/** Metrics, 同比, city sums and Chinese number formatting (template.md "Metrics"). */
export * from "./rates";
export * from "./sum";
export * from "./format";
