-- Manifest history is append-only, like the audit log.
CREATE TRIGGER `manifest_versions_no_update` BEFORE UPDATE ON `manifest_versions`
BEGIN
  SELECT RAISE(ABORT, 'manifest_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `manifest_versions_no_delete` BEFORE DELETE ON `manifest_versions`
BEGIN
  SELECT RAISE(ABORT, 'manifest_versions is append-only');
END;
--> statement-breakpoint
-- A policy exception is never deleted; the only change allowed is revoking it, once.
CREATE TRIGGER `policy_exceptions_no_delete` BEFORE DELETE ON `policy_exceptions`
BEGIN
  SELECT RAISE(ABORT, 'policy exceptions are kept: revoke instead');
END;
--> statement-breakpoint
CREATE TRIGGER `policy_exceptions_revoke_only` BEFORE UPDATE ON `policy_exceptions`
WHEN OLD.revoked_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.rule_id IS NOT OLD.rule_id OR NEW.scope IS NOT OLD.scope
  OR NEW.target_id IS NOT OLD.target_id OR NEW.reason IS NOT OLD.reason OR NEW.expires_at IS NOT OLD.expires_at
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
  OR NEW.revoked_at IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a policy exception can only be revoked, once');
END;
