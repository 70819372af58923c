-- The audit trail is append-only: the database refuses to change or remove
-- an entry. (Anyone able to drop these triggers could still tamper, which is
-- what the hash chain and `waymark audit verify` are for.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
