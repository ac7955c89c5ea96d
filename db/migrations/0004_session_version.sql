ALTER TABLE `users` ADD `session_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `revoked_sessions` (
	`sid` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `revoked_sessions_expires_idx` ON `revoked_sessions` (`expires_at`);--> statement-breakpoint
CREATE TRIGGER `users_session_version` AFTER UPDATE OF `password_hash`, `role`, `agency_id`, `disabled` ON `users`
WHEN old.`password_hash` IS NOT new.`password_hash` OR old.`role` IS NOT new.`role` OR old.`agency_id` IS NOT new.`agency_id` OR (new.`disabled` AND NOT old.`disabled`)
BEGIN
	UPDATE `users` SET `session_version` = `session_version` + 1 WHERE `id` = new.`id`;
END;
