-- Coaches' own calendars (issue 17): a private feed of their conversations,
-- a calendar they connect (a subscription address or CalDAV) whose busy
-- times block slots like time off, and the conversations written back to a
-- CalDAV calendar.

-- The coach's private feed (GET /calendar/<token>.ics). The token is made
-- from `nonce` and SESSION_SECRET (src/domain/calendar/coach-feed.ts), so a
-- copy of the database alone does not give the address; `token_hash` finds
-- the feed. A new address is a new nonce; stopping the feed deletes the row.
CREATE TABLE "calendar_feeds" (
  "coach_id"                   UUID           NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "nonce"                      TEXT           NOT NULL,
  "token_hash"                 TEXT           NOT NULL,
  "shows_candidate_details"    BOOLEAN        NOT NULL DEFAULT false,
  "created_at"                 TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("coach_id")
);
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"("token_hash");

-- A calendar the coach keeps elsewhere, one per coach. The subscription
-- address (itself a secret: whoever has it reads the calendar) and the
-- CalDAV password are sealed with a key derived from SESSION_SECRET, like
-- two-factor secrets; `address_shown` is what the page may show (the host).
CREATE TABLE "calendar_connections" (
  "id"                  UUID           NOT NULL DEFAULT gen_random_uuid(),
  "coach_id"            UUID           NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "kind"                TEXT           NOT NULL CHECK ("kind" IN ('subscription', 'caldav')),
  "address_sealed"      TEXT           NOT NULL,
  "address_shown"       TEXT           NOT NULL,
  "username"            TEXT,
  "password_sealed"     TEXT,
  -- The CalDAV calendar chosen on the server (its collection URL).
  "calendar_url"        TEXT,
  "created_at"          TIMESTAMPTZ(3) NOT NULL,
  "last_attempt_at"     TIMESTAMPTZ(3),
  "last_synced_at"      TIMESTAMPTZ(3),
  "last_error"          TEXT,
  "failures"            INTEGER        NOT NULL DEFAULT 0,
  "failing_since"       TIMESTAMPTZ(3),
  "next_sync_at"        TIMESTAMPTZ(3) NOT NULL,
  "claimed_until"       TIMESTAMPTZ(3),
  CONSTRAINT "calendar_connections_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "calendar_connections_caldav_login" CHECK ("kind" <> 'caldav' OR ("username" IS NOT NULL AND "password_sealed" IS NOT NULL))
);
CREATE UNIQUE INDEX "calendar_connections_coach_id_key" ON "calendar_connections"("coach_id");
CREATE INDEX "calendar_connections_next_sync_at_idx" ON "calendar_connections"("next_sync_at");

-- The busy times last read from a connection (times only: no titles, no
-- people). A sync replaces a connection's rows in one transaction.
CREATE TABLE "calendar_busy_times" (
  "id"             BIGSERIAL      NOT NULL,
  "connection_id"  UUID           NOT NULL REFERENCES "calendar_connections"("id") ON DELETE CASCADE,
  "coach_id"       UUID           NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "starts_at"      TIMESTAMPTZ(3) NOT NULL,
  "ends_at"        TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "calendar_busy_times_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "calendar_busy_times_order" CHECK ("ends_at" > "starts_at")
);
CREATE INDEX "calendar_busy_times_coach_id_ends_at_idx" ON "calendar_busy_times"("coach_id", "ends_at");
CREATE INDEX "calendar_busy_times_connection_id_idx" ON "calendar_busy_times"("connection_id");

-- Busy times block slots like time off: the same notice tells the running
-- services to work out that coach's free times again (one per sync: identical
-- notices in one transaction are sent once).
CREATE TRIGGER "calendar_busy_times_availability" AFTER INSERT OR UPDATE OR DELETE ON "calendar_busy_times"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();

-- Conversations written to a coach's CalDAV calendar: where each event is,
-- so a change updates it and a cancellation or a move to another coach
-- deletes it. `sequence` is the SEQUENCE last written.
CREATE TABLE "calendar_write_backs" (
  "booking_id"     UUID           NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "connection_id"  UUID           NOT NULL REFERENCES "calendar_connections"("id") ON DELETE CASCADE,
  "event_url"      TEXT           NOT NULL,
  "etag"           TEXT,
  "sequence"       INTEGER        NOT NULL,
  -- What was written (a hash): a change to anything shown raises the sequence.
  "fingerprint"    TEXT           NOT NULL,
  "written_at"     TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "calendar_write_backs_pkey" PRIMARY KEY ("booking_id", "connection_id")
);
CREATE INDEX "calendar_write_backs_connection_id_idx" ON "calendar_write_backs"("connection_id");
