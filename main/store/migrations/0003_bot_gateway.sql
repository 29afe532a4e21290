ALTER TABLE `bots` ADD `gateway_url` text;--> statement-breakpoint
ALTER TABLE `bots` ADD `gateway_token_ref` text;