ALTER TABLE `stats_rollup` ADD `received` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP TRIGGER `stats_dirty_report_upd`;
--> statement-breakpoint
CREATE TRIGGER `stats_dirty_report_upd` AFTER UPDATE OF `current_version_id`, `published_version_id`, `status`, `year`, `agency_id` ON `reports`
WHEN old.`current_version_id` IS NOT new.`current_version_id` OR old.`published_version_id` IS NOT new.`published_version_id` OR (old.`status` = 'draft') IS NOT (new.`status` = 'draft') OR old.`year` IS NOT new.`year` OR old.`agency_id` IS NOT new.`agency_id`
BEGIN
	INSERT OR IGNORE INTO `stats_dirty` (`year`, `kind`, `parent_id`) SELECT old.`year`, a.`kind`, ifnull(a.`parent_id`, 0) FROM `agencies` a WHERE a.`id` = old.`agency_id`;
	INSERT OR IGNORE INTO `stats_dirty` (`year`, `kind`, `parent_id`) SELECT new.`year`, a.`kind`, ifnull(a.`parent_id`, 0) FROM `agencies` a WHERE a.`id` = new.`agency_id`;
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `stats_dirty` (`year`, `kind`, `parent_id`) SELECT DISTINCT r.`year`, a.`kind`, ifnull(a.`parent_id`, 0) FROM `reports` r JOIN `agencies` a ON a.`id` = r.`agency_id`;
