import { openDb } from "../db/client";
import { METRIC_PATHS } from "../db/queries/agency-page";
import { columnName } from "../db/cell-columns";
const db = openDb(process.argv[2], { migrate: false });
let t = performance.now();
const rows = db.$client.prepare(`select a.id, a.name, a.kind, a.parent_id, c.template, c.version_id, r.year, ${METRIC_PATHS.map((p) => `c.${columnName(p)}`).join(", ")}
     from reports r join report_cells c indexed by cells_metrics_idx on c.version_id = r.published_version_id join agencies a on a.id = r.agency_id
     where r.year in (2025) order by a.id, r.year`).raw().all();
console.log("sql", METRIC_PATHS.length, rows.length, (performance.now() - t).toFixed(0));
console.log(db.$client.prepare(`explain query plan select a.id, a.name, a.kind, a.parent_id, c.template, c.version_id, r.year, ${METRIC_PATHS.map((p) => `c.${columnName(p)}`).join(", ")}
     from reports r join report_cells c indexed by cells_metrics_idx on c.version_id = r.published_version_id join agencies a on a.id = r.agency_id
     where r.year in (2025) order by a.id, r.year`).all());
