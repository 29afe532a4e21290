ALTER TABLE `fleets` ADD `bot_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Keep each fleet's bot count in the row, so that reading it costs one lookup, not a scan of its bots.
UPDATE `fleets` SET `bot_count` = (SELECT count(*) FROM `bots` WHERE `bots`.`fleet_id` = `fleets`.`id`);--> statement-breakpoint
CREATE TRIGGER `bots_count_insert` AFTER INSERT ON `bots`
BEGIN
  UPDATE `fleets` SET `bot_count` = `bot_count` + 1 WHERE `id` = NEW.`fleet_id`;
END;--> statement-breakpoint
CREATE TRIGGER `bots_count_delete` AFTER DELETE ON `bots`
BEGIN
  UPDATE `fleets` SET `bot_count` = `bot_count` - 1 WHERE `id` = OLD.`fleet_id`;
END;--> statement-breakpoint
CREATE TRIGGER `bots_count_move` AFTER UPDATE OF `fleet_id` ON `bots` WHEN NEW.`fleet_id` IS NOT OLD.`fleet_id`
BEGIN
  UPDATE `fleets` SET `bot_count` = `bot_count` - 1 WHERE `id` = OLD.`fleet_id`;
  UPDATE `fleets` SET `bot_count` = `bot_count` + 1 WHERE `id` = NEW.`fleet_id`;
END;
