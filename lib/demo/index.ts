export * from "./types";
export { generateCity, generateReports, generateAgencyYears, DEFECT_RATE, MISSING_RATE, LATE_RATE } from "./generate";
export { listAgencies, iterateAgencies, CITY_NAME } from "./agencies";
export { mulberry32 } from "./prng";
export { DEFECT_CODES } from "./defects";
