-- The audit trail is append-only: the database refuses to change or remove
-- an entry. (Anyone able to drop this trigger could still tamper, which is
-- what the hash chain and `waymark audit verify` are for.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
