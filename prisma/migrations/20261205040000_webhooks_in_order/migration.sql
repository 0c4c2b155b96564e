-- Webhooks in order (issue 22): events are dispatched one at a time through
-- graphile-worker's named queue 'webhook-dispatch', as the booking service
-- does (src/domain/integrations/events.ts), so each endpoint's own queue
-- receives its deliveries in the order the changes happened.

CREATE OR REPLACE FUNCTION "record_integration_event"(event_type TEXT, event_at TIMESTAMPTZ, event_data JSONB) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  new_id UUID;
BEGIN
  INSERT INTO "integration_events" ("type", "occurred_at", "data") VALUES (event_type, event_at, event_data) RETURNING "id" INTO new_id;
  IF EXISTS (SELECT 1 FROM "webhook_endpoints" w WHERE w."active" AND event_type = ANY (w."events")) THEN
    PERFORM graphile_worker.add_job('dispatch-webhooks', json_build_object('eventId', new_id), queue_name => 'webhook-dispatch');
  END IF;
END
$$;
