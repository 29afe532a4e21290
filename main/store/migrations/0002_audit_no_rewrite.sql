-- 0001's triggers do not see INSERT OR REPLACE: REPLACE deletes the clashing row without firing
-- delete triggers (unless recursive_triggers is on). Refuse an insert over an existing event.
CREATE TRIGGER `audit_events_no_replace` BEFORE INSERT ON `audit_events`
WHEN EXISTS (SELECT 1 FROM `audit_events` WHERE `seq` = NEW.`seq`)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
-- The head row (the newest event written) only moves forward, one event at a time, onto an event
-- that exists; it is never removed. An upsert fires the insert trigger, then the update trigger.
CREATE TRIGGER `audit_head_insert_forward` BEFORE INSERT ON `audit_head`
WHEN NEW.`id` <> 1
  OR NEW.`seq` <> COALESCE((SELECT `seq` FROM `audit_head` WHERE `id` = 1), 0) + 1
  OR NOT EXISTS (SELECT 1 FROM `audit_events` WHERE `seq` = NEW.`seq` AND `hash` = NEW.`hash`)
BEGIN
  SELECT RAISE(ABORT, 'audit_head only moves forward, one event at a time');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_head_update_forward` BEFORE UPDATE ON `audit_head`
WHEN NEW.`id` <> OLD.`id`
  OR NEW.`seq` <> OLD.`seq` + 1
  OR NOT EXISTS (SELECT 1 FROM `audit_events` WHERE `seq` = NEW.`seq` AND `hash` = NEW.`hash`)
BEGIN
  SELECT RAISE(ABORT, 'audit_head only moves forward, one event at a time');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_head_no_delete` BEFORE DELETE ON `audit_head`
BEGIN
  SELECT RAISE(ABORT, 'audit_head only moves forward, one event at a time');
END;
