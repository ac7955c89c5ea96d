ALTER TABLE `agencies` ADD `first_year` integer;--> statement-breakpoint
ALTER TABLE `agencies` ADD `last_year` integer;--> statement-breakpoint
UPDATE `agencies` SET `first_year` = (SELECT min(y) FROM (SELECT min(`year`) y FROM `reporting_years` UNION ALL SELECT min(r.`year`) FROM `reports` r WHERE r.`agency_id` = `agencies`.`id`));
