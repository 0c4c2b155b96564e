-- Integrations (issue 22): API tokens for other systems, and the events they
-- hear of (the feed at GET /api/v1/events and webhooks).

-- A system's credential: only the sha256 of the token is kept.
CREATE TABLE "api_tokens" (
  "id"            UUID           NOT NULL DEFAULT gen_random_uuid(),
  "name"          TEXT           NOT NULL CHECK (length("name") BETWEEN 1 AND 100),
  "token_hash"    TEXT           NOT NULL,
  "scopes"        TEXT[]         NOT NULL,
  "created_by"    UUID           REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "created_at"    TIMESTAMPTZ(3) NOT NULL,
  "expires_at"    TIMESTAMPTZ(3) NOT NULL,
  "revoked_at"    TIMESTAMPTZ(3),
  "last_used_at"  TIMESTAMPTZ(3),
  "last_used_ip"  TEXT,
  CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- What happened, for other systems: written in the same transaction as the
-- change. `position` is given after commit, in commit order, by whoever reads
-- the feed first (domain/integrations/events.ts), so a reader never skips an
-- event that committed late; `written` orders the events positioned together.
CREATE TABLE "integration_events" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "type"         TEXT           NOT NULL,
  "occurred_at"  TIMESTAMPTZ(3) NOT NULL,
  "data"         JSONB          NOT NULL,
  "written"      BIGSERIAL      NOT NULL,
  "position"     BIGINT,
  CONSTRAINT "integration_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "integration_events_position_key" ON "integration_events"("position");
CREATE INDEX "integration_events_unpositioned_idx" ON "integration_events"("occurred_at") WHERE "position" IS NULL;
CREATE INDEX "integration_events_occurred_at_idx" ON "integration_events"("occurred_at");

-- Webhook endpoints of other systems, and each event's delivery to each.
-- The signing secret (Standard Webhooks, "whsec_…") is kept sealed with a key
-- derived from SESSION_SECRET, like two-factor secrets.
CREATE TABLE "webhook_endpoints" (
  "id"             UUID           NOT NULL DEFAULT gen_random_uuid(),
  "url"            TEXT           NOT NULL CHECK ("url" ~ '^https?://'),
  "description"    TEXT,
  "events"         TEXT[]         NOT NULL,
  "secret_sealed"  TEXT           NOT NULL,
  "active"         BOOLEAN        NOT NULL DEFAULT true,
  "disabled_at"    TIMESTAMPTZ(3),
  "created_by"     UUID           REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "created_at"     TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_deliveries" (
  "id"               UUID           NOT NULL DEFAULT gen_random_uuid(),
  "endpoint_id"      UUID           NOT NULL REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
  "event_id"         UUID           NOT NULL REFERENCES "integration_events"("id") ON DELETE CASCADE,
  "status"           TEXT           NOT NULL DEFAULT 'waiting' CHECK ("status" IN ('waiting', 'delivered', 'failed')),
  "attempts"         INTEGER        NOT NULL DEFAULT 0,
  "last_status_code" INTEGER,
  "last_error"       TEXT,
  "last_attempt_at"  TIMESTAMPTZ(3),
  "delivered_at"     TIMESTAMPTZ(3),
  "created_at"       TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- An API token is an actor of its own in the audit log: `token:<id>`.
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_actor_check";
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_check"
  CHECK ("actor" ~ '^((staff|candidate|token):[A-Za-z0-9_-]{1,64}|anonymous|system)$');
