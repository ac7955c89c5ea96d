CREATE TABLE `scan_job_pages` (
	`job_id` integer NOT NULL REFERENCES `scan_jobs`(`id`) ON DELETE cascade,
	`page` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`job_id`, `page`)
);
--> statement-breakpoint
CREATE TABLE `version_cell_images` (
	`version_id` integer PRIMARY KEY NOT NULL REFERENCES `report_versions`(`id`) ON DELETE cascade,
	`images` text NOT NULL,
	`bytes` integer NOT NULL
);
