CREATE TABLE `openclaw_checks` (
	`bot_id` text PRIMARY KEY NOT NULL,
	`ran_at` text NOT NULL,
	`report` text NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
