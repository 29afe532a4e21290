CREATE TABLE `change_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`strategy` text NOT NULL,
	`health_timeout_sec` integer NOT NULL,
	`bake_sec` integer NOT NULL,
	`files` text NOT NULL,
	`changes` text NOT NULL,
	`bots_changed` integer NOT NULL,
	`manifests` text NOT NULL,
	`bots` text NOT NULL,
	`failure` text,
	`actor` text NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `change_sets_created` ON `change_sets` (`created_at`);