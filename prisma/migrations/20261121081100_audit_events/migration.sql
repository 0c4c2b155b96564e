-- The audit log: append-only. Who did what to which record, when, from which
-- address, and how it ended. No personal data: people are named by id.

CREATE TABLE "audit_events" (
  "id"           BIGINT         GENERATED ALWAYS AS IDENTITY,
  "occurred_at"  TIMESTAMPTZ(3) NOT NULL,
  -- 'staff:<staff user id>', 'candidate:<booking id>', 'anonymous' or 'system'.
  "actor"        TEXT           NOT NULL CHECK ("actor" ~ '^((staff|candidate):[A-Za-z0-9_-]{1,64}|anonymous|system)$'),
  -- e.g. 'staff.sign_in', 'notes.read'.
  "action"       TEXT           NOT NULL CHECK ("action" ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
  "subject_type" TEXT,
  "subject_id"   TEXT,
  "result"       TEXT           NOT NULL CHECK ("result" IN ('success', 'failure', 'denied')),
  "ip"           TEXT,
  "request_id"   TEXT,
  "details"      JSONB          NOT NULL DEFAULT '{}' CHECK (jsonb_typeof("details") = 'object'),
  CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");
CREATE INDEX "audit_events_actor_occurred_at_idx" ON "audit_events"("actor", "occurred_at");
CREATE INDEX "audit_events_subject_idx" ON "audit_events"("subject_type", "subject_id");

-- Nobody changes or removes an entry, whatever their privileges on the table.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_events_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
