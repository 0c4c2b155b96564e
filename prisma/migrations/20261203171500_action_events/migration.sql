-- Events for other systems (issue 22) about follow-up: an action agreed
-- (action.created), an action's status changed (action.status_changed), a
-- conversation's notes completed (conversation.completed). Written by
-- triggers, so every path that makes the change (a coach's notes, a
-- candidate's page, the programme team's bulk change) tells of it, in the
-- same transaction. Data: ids, status, owner, category and dates only (an
-- action's wording is the conversation's, and stays out). A webhook that
-- listens gets a dispatch job in the same transaction, as booking events do
-- (src/domain/integrations/events.ts).

CREATE FUNCTION "record_integration_event"(event_type TEXT, event_at TIMESTAMPTZ, event_data JSONB) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  new_id UUID;
BEGIN
  INSERT INTO "integration_events" ("type", "occurred_at", "data") VALUES (event_type, event_at, event_data) RETURNING "id" INTO new_id;
  IF EXISTS (SELECT 1 FROM "webhook_endpoints" w WHERE w."active" AND event_type = ANY (w."events")) THEN
    PERFORM graphile_worker.add_job('dispatch-webhooks', json_build_object('eventId', new_id));
  END IF;
END
$$;

CREATE FUNCTION "action_status_changes_event"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "record_integration_event"(
    CASE WHEN NEW."from_status" IS NULL THEN 'action.created' ELSE 'action.status_changed' END,
    NEW."changed_at",
    (SELECT jsonb_build_object(
       'actionId', a."id", 'bookingId', a."booking_id", 'owner', a."owner", 'category', a."category",
       'dueOn', a."due_on", 'status', NEW."to_status", 'previousStatus', NEW."from_status", 'changedBy', NEW."actor")
       FROM "actions" a WHERE a."id" = NEW."action_id"));
  RETURN NULL;
END
$$;

CREATE TRIGGER "action_status_changes_event" AFTER INSERT ON "action_status_changes"
  FOR EACH ROW EXECUTE FUNCTION "action_status_changes_event"();

CREATE FUNCTION "conversation_notes_completed_event"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "record_integration_event"(
    'conversation.completed',
    NEW."completed_at",
    (SELECT jsonb_build_object('bookingId', b."id", 'reference', b."reference", 'programme', p."slug", 'coachId', b."coach_id",
                               'actionCount', (SELECT count(*) FROM "actions" a WHERE a."booking_id" = b."id"))
       FROM "bookings" b JOIN "programmes" p ON p."id" = b."programme_id" WHERE b."id" = NEW."booking_id"));
  RETURN NULL;
END
$$;

CREATE TRIGGER "conversation_notes_completed_event" AFTER UPDATE OF "status" ON "conversation_notes"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" AND NEW."status" = 'complete')
  EXECUTE FUNCTION "conversation_notes_completed_event"();
