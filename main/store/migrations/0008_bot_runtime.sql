CREATE TABLE `bot_runtime` (
	`bot_id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`desired_state` text NOT NULL,
	`state` text NOT NULL,
	`state_since` text NOT NULL,
	`openclaw_version` text,
	`config_hash` text,
	`deployed_config` text,
	`gateway_hash` text,
	`port` integer,
	`started_at` text,
	`restart_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deployment_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`bot_id` text NOT NULL,
	`at` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`cause` text NOT NULL,
	`message` text NOT NULL,
	`actor` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deployment_events_bot` ON `deployment_events` (`bot_id`,`seq`);--> statement-breakpoint
ALTER TABLE `fleets` ADD `drift_mode` text DEFAULT 'notify' NOT NULL;--> statement-breakpoint
CREATE TRIGGER `deployment_events_no_update` BEFORE UPDATE ON `deployment_events`
BEGIN
  SELECT RAISE(ABORT, 'deployment_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `deployment_events_no_delete` BEFORE DELETE ON `deployment_events`
BEGIN
  SELECT RAISE(ABORT, 'deployment_events is append-only');
END;
