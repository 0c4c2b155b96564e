-- Booking: coaches' date overrides and time off, invitations, bookings and
-- their history, slot holds, manage links and idempotency keys.
--
-- The guarantee against double booking lives here: an exclusion constraint
-- on (coach, conversation time) for live bookings. It covers the conversation
-- itself, not the coach's buffer: the buffer is a setting the coach can
-- change, and a constraint holding old bookings to an old buffer would refuse
-- times the slot list offers. Buffers and the daily maximum are checked by the
-- booking service, again under a lock on the coach row after the insert, so
-- two requests racing for nearby times cannot both break them either.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE "date_override_kind" AS ENUM ('day_off', 'extra_hours');
CREATE TYPE "booking_status" AS ENUM ('booked', 'cancelled', 'completed', 'no_show');
CREATE TYPE "contact_method" AS ENUM ('video', 'phone');
CREATE TYPE "booking_actor" AS ENUM ('candidate', 'coach', 'admin', 'system');
CREATE TYPE "booking_event_kind" AS ENUM ('booked', 'rescheduled', 'reassigned', 'cancelled', 'completed', 'no_show');
CREATE TYPE "invitation_status" AS ENUM ('sent', 'booked', 'expired', 'withdrawn');

-- A change to one local date of a coach's usual week (the date is on the
-- coach's clock). A day off drops that date's weekly windows; extra hours add
-- a window (one row per window). Both on one date: only the extra hours.
CREATE TABLE "coach_date_overrides" (
  "id"           UUID                 NOT NULL DEFAULT gen_random_uuid(),
  "coach_id"     UUID                 NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "date"         DATE                 NOT NULL,
  "kind"         "date_override_kind" NOT NULL,
  "start_minute" INTEGER CHECK ("start_minute" BETWEEN 0 AND 1439),
  "end_minute"   INTEGER CHECK ("end_minute" BETWEEN 1 AND 1440),
  "created_at"   TIMESTAMPTZ(3)       NOT NULL DEFAULT now(),
  CONSTRAINT "coach_date_overrides_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "coach_date_overrides_window" CHECK (
    ("kind" = 'day_off' AND "start_minute" IS NULL AND "end_minute" IS NULL)
    OR ("kind" = 'extra_hours' AND "start_minute" IS NOT NULL AND "end_minute" IS NOT NULL AND "start_minute" < "end_minute")
  )
);
CREATE INDEX "coach_date_overrides_coach_id_date_idx" ON "coach_date_overrides"("coach_id", "date");
CREATE UNIQUE INDEX "coach_date_overrides_one_day_off" ON "coach_date_overrides"("coach_id", "date") WHERE "kind" = 'day_off';

-- Leave, training, anything else: no conversation may touch it.
CREATE TABLE "coach_time_off" (
  "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
  "coach_id"   UUID           NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "starts_at"  TIMESTAMPTZ(3) NOT NULL,
  "ends_at"    TIMESTAMPTZ(3) NOT NULL,
  "note"       TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "coach_time_off_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "coach_time_off_order" CHECK ("starts_at" < "ends_at")
);
CREATE INDEX "coach_time_off_coach_id_ends_at_idx" ON "coach_time_off"("coach_id", "ends_at");

-- An invitation to book, with its personal booking link (stored as a hash).
-- An address has at most one live (sent or booked) invitation per programme.
CREATE TABLE "invitations" (
  "id"               UUID                NOT NULL DEFAULT gen_random_uuid(),
  "programme_id"     UUID                NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "name"             TEXT                NOT NULL,
  "email"            TEXT                NOT NULL CHECK ("email" = lower("email")),
  "phone"            TEXT,
  "note"             TEXT,
  "status"           "invitation_status" NOT NULL DEFAULT 'sent',
  "token_hash"       TEXT                NOT NULL,
  "created_by_id"    UUID                REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "created_at"       TIMESTAMPTZ(3)      NOT NULL DEFAULT now(),
  "updated_at"       TIMESTAMPTZ(3)      NOT NULL DEFAULT now(),
  "expires_at"       TIMESTAMPTZ(3)      NOT NULL,
  CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");
CREATE UNIQUE INDEX "invitations_one_live_per_email" ON "invitations"("programme_id", "email")
  WHERE "status" IN ('sent', 'booked');
CREATE INDEX "invitations_programme_id_status_idx" ON "invitations"("programme_id", "status");

CREATE TABLE "bookings" (
  "id"                      UUID             NOT NULL DEFAULT gen_random_uuid(),
  -- "CC-" and six characters without look-alikes (no 0/O, 1/I/L, U)
  "reference"               TEXT             NOT NULL CHECK ("reference" ~ '^CC-[2-9A-HJKMNP-TV-Z]{6}$'),
  "programme_id"            UUID             NOT NULL REFERENCES "programmes"("id") ON DELETE RESTRICT,
  "coach_id"                UUID             NOT NULL REFERENCES "coaches"("id") ON DELETE RESTRICT,
  "candidate_name"          TEXT             NOT NULL,
  "candidate_email"         TEXT             NOT NULL CHECK ("candidate_email" = lower("candidate_email")),
  "candidate_phone"         TEXT,
  "contact_method"          "contact_method" NOT NULL,
  "accessibility_needs"     TEXT,
  "candidate_time_zone"     TEXT             NOT NULL,
  "status"                  "booking_status" NOT NULL DEFAULT 'booked',
  "starts_at"               TIMESTAMPTZ(3)   NOT NULL,
  "ends_at"                 TIMESTAMPTZ(3)   NOT NULL,
  "cancelled_at"            TIMESTAMPTZ(3),
  "cancelled_by"            "booking_actor",
  "cancellation_reason"     TEXT,
  "invitation_id"           UUID             REFERENCES "invitations"("id") ON DELETE SET NULL,
  -- SEQUENCE of the calendar invitation: 0 when booked, +1 on every change
  "sequence"                INTEGER          NOT NULL DEFAULT 0 CHECK ("sequence" >= 0),
  "consent_notice_version"  TEXT             NOT NULL,
  "consent_acknowledged_at" TIMESTAMPTZ(3)   NOT NULL,
  "created_at"              TIMESTAMPTZ(3)   NOT NULL DEFAULT now(),
  "updated_at"              TIMESTAMPTZ(3)   NOT NULL DEFAULT now(),
  CONSTRAINT "bookings_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "bookings_time_order" CHECK ("starts_at" < "ends_at"),
  CONSTRAINT "bookings_phone_for_phone_calls" CHECK ("contact_method" <> 'phone' OR "candidate_phone" IS NOT NULL),
  CONSTRAINT "bookings_cancellation" CHECK (
    ("status" = 'cancelled') = ("cancelled_at" IS NOT NULL AND "cancelled_by" IS NOT NULL)
  ),
  -- No double booking, ever: a coach's live bookings never share an instant.
  CONSTRAINT "bookings_no_double_booking" EXCLUDE USING gist (
    "coach_id" WITH =,
    tstzrange("starts_at", "ends_at", '[)') WITH &&
  ) WHERE ("status" = 'booked')
);
CREATE UNIQUE INDEX "bookings_reference_key" ON "bookings"("reference");
CREATE INDEX "bookings_coach_id_starts_at_idx" ON "bookings"("coach_id", "starts_at");
CREATE INDEX "bookings_programme_id_starts_at_idx" ON "bookings"("programme_id", "starts_at");
CREATE INDEX "bookings_candidate_email_idx" ON "bookings"("candidate_email");
-- An invitation is answered by one live booking at most.
CREATE UNIQUE INDEX "bookings_one_live_per_invitation" ON "bookings"("invitation_id") WHERE "status" = 'booked';

-- The history of every change to a booking: who, what, when, and the times
-- and coach before and after.
CREATE TABLE "booking_events" (
  "id"                  UUID                 NOT NULL DEFAULT gen_random_uuid(),
  "booking_id"          UUID                 NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "kind"                "booking_event_kind" NOT NULL,
  "actor"               "booking_actor"      NOT NULL,
  "actor_staff_user_id" UUID                 REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "occurred_at"         TIMESTAMPTZ(3)       NOT NULL,
  "previous_starts_at"  TIMESTAMPTZ(3),
  "previous_ends_at"    TIMESTAMPTZ(3),
  "previous_coach_id"   UUID                 REFERENCES "coaches"("id") ON DELETE SET NULL,
  "starts_at"           TIMESTAMPTZ(3)       NOT NULL,
  "ends_at"             TIMESTAMPTZ(3)       NOT NULL,
  "coach_id"            UUID                 REFERENCES "coaches"("id") ON DELETE SET NULL,
  "reason"              TEXT,
  CONSTRAINT "booking_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "booking_events_booking_id_occurred_at_idx" ON "booking_events"("booking_id", "occurred_at");
CREATE INDEX "booking_events_coach_id_occurred_at_idx" ON "booking_events"("coach_id", "occurred_at");

-- A time kept for one candidate for a few minutes while they finish booking.
-- Only the holder (who knows the key; stored as a hash) sees it as free. A
-- holder has one hold at a time; picking another time replaces it.
CREATE TABLE "slot_holds" (
  "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
  "programme_id"    UUID           NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "coach_id"        UUID           NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "holder_key_hash" TEXT           NOT NULL,
  "starts_at"       TIMESTAMPTZ(3) NOT NULL,
  "ends_at"         TIMESTAMPTZ(3) NOT NULL,
  "expires_at"      TIMESTAMPTZ(3) NOT NULL,
  "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "slot_holds_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "slot_holds_time_order" CHECK ("starts_at" < "ends_at"),
  -- Expired holds are deleted before a new one for the coach is added.
  CONSTRAINT "slot_holds_no_overlap" EXCLUDE USING gist (
    "coach_id" WITH =,
    tstzrange("starts_at", "ends_at", '[)') WITH &&
  )
);
CREATE UNIQUE INDEX "slot_holds_holder_key_hash_key" ON "slot_holds"("holder_key_hash");
CREATE INDEX "slot_holds_expires_at_idx" ON "slot_holds"("expires_at");

-- Manage links: a random token per email, stored only as its sha256.
CREATE TABLE "booking_manage_tokens" (
  "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
  "booking_id" UUID           NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "token_hash" TEXT           NOT NULL CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "booking_manage_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "booking_manage_tokens_token_hash_key" ON "booking_manage_tokens"("token_hash");
CREATE INDEX "booking_manage_tokens_booking_id_idx" ON "booking_manage_tokens"("booking_id");

-- Idempotency-Key: the first successful answer to a request, replayed for the
-- same key and the same request. The manage link is not stored (its token
-- would be in clear); a replay carries a fresh link to the same booking.
CREATE TABLE "idempotency_keys" (
  "id"                  UUID           NOT NULL DEFAULT gen_random_uuid(),
  "scope"               TEXT           NOT NULL,
  "key"                 TEXT           NOT NULL,
  "request_fingerprint" TEXT           NOT NULL,
  "status_code"         INTEGER,
  "response_body"       JSONB,
  "booking_id"          UUID           REFERENCES "bookings"("id") ON DELETE CASCADE,
  "created_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "expires_at"          TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idempotency_keys_scope_key_key" ON "idempotency_keys"("scope", "key");
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");
