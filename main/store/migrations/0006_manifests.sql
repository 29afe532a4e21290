CREATE TABLE `manifest_versions` (
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`bot_id` text,
	`doc` text,
	`hash` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`key`, `version`)
);
--> statement-breakpoint
CREATE TABLE `manifests` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`bot_id` text,
	`version` integer NOT NULL,
	`doc` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manifests_bot_id` ON `manifests` (`bot_id`);--> statement-breakpoint
CREATE INDEX `manifests_kind` ON `manifests` (`kind`);--> statement-breakpoint
CREATE TABLE `policy_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`scope` text NOT NULL,
	`target_id` text NOT NULL,
	`reason` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`revoked_at` text,
	`revoked_by` text
);
--> statement-breakpoint
CREATE INDEX `policy_exceptions_target` ON `policy_exceptions` (`scope`,`target_id`);