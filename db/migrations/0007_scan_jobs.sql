CREATE TABLE `scan_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`user_id` integer REFERENCES `users`(`id`),
	`agency_id` integer REFERENCES `agencies`(`id`),
	`year` integer,
	`file_name` text NOT NULL,
	`file_type` text NOT NULL,
	`file_bytes` blob,
	`params` text NOT NULL,
	`page` integer DEFAULT 0 NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`stage` text,
	`message` text,
	`result` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`owner` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`started_at` text,
	`heartbeat_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `scan_jobs_status_idx` ON `scan_jobs` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `scan_jobs_user_idx` ON `scan_jobs` (`user_id`,`id`);
