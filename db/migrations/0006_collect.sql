ALTER TABLE `agencies` ADD `website` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `report_column_url` text;--> statement-breakpoint
ALTER TABLE `report_versions` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `report_versions` ADD `fetched_at` text;--> statement-breakpoint
ALTER TABLE `report_versions` ADD `page_date` text;--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collect_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`scope` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`heartbeat_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `collect_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL REFERENCES `collect_runs`(`id`),
	`agency_id` integer NOT NULL REFERENCES `agencies`(`id`),
	`seq` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`message` text,
	`report_url` text,
	`page_date` text,
	`find_id` integer,
	`updated_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collect_items_run_agency_uq` ON `collect_items` (`run_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `collect_items_agency_idx` ON `collect_items` (`agency_id`);--> statement-breakpoint
CREATE TABLE `web_finds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL REFERENCES `agencies`(`id`),
	`year` integer NOT NULL,
	`url` text NOT NULL,
	`fetched_at` text NOT NULL,
	`page_date` text,
	`sha256` text NOT NULL,
	`file_name` text,
	`file_type` text,
	`file_bytes` blob,
	`rif` text,
	`version_id` integer,
	`beside_version_id` integer,
	`diff_cells` integer
);
--> statement-breakpoint
CREATE INDEX `web_finds_agency_year_idx` ON `web_finds` (`agency_id`,`year`);
