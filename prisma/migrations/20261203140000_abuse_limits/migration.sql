-- Abuse by anonymous visitors (issue 21).

-- Who may book each programme, whether it asks for proof of the email
-- address, and how many live bookings one address may have on it. Existing
-- programmes keep working as before (anyone, no code); new programmes open to
-- anyone ask for the code (set when they are created).
ALTER TABLE "programmes"
  ADD COLUMN "who_may_book" TEXT NOT NULL DEFAULT 'anyone'
    CONSTRAINT "programmes_who_may_book_check" CHECK ("who_may_book" IN ('anyone', 'domains', 'invited')),
  ADD COLUMN "email_domains" TEXT[] NOT NULL DEFAULT '{}',
  ADD COLUMN "asks_email_code" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "live_bookings_per_email" INTEGER NOT NULL DEFAULT 1
    CONSTRAINT "programmes_live_bookings_per_email_check" CHECK ("live_bookings_per_email" BETWEEN 1 AND 50);

-- Who holds a time: the client address (an HMAC of it, never the address)
-- for the per-address limit, or the invitation it counts against instead.
ALTER TABLE "slot_holds"
  ADD COLUMN "client_key" TEXT,
  ADD COLUMN "invitation_id" UUID REFERENCES "invitations"("id") ON DELETE CASCADE;
CREATE INDEX "slot_holds_client_key_idx" ON "slot_holds"("client_key");
CREATE INDEX "slot_holds_invitation_id_idx" ON "slot_holds"("invitation_id");

-- The limits' counters, shared by every instance: one row per limit, key
-- (an HMAC: addresses and emails are never stored) and fixed window.
-- UNLOGGED: a count waits for no WAL flush (every request from one busy
-- gateway updates one row); a crash or a failover to the standby starts the
-- counts again, which is harmless for windows of minutes to a day.
CREATE UNLOGGED TABLE "limit_counters" (
  "name"           TEXT           NOT NULL,
  "key"            TEXT           NOT NULL,
  "window_ends_at" TIMESTAMPTZ(3) NOT NULL,
  "count"          INTEGER        NOT NULL,
  CONSTRAINT "limit_counters_pkey" PRIMARY KEY ("name", "key", "window_ends_at")
);
CREATE INDEX "limit_counters_window_ends_at_idx" ON "limit_counters"("window_ends_at");

-- Codes that prove a candidate reads the address they gave. The code itself
-- is never stored: it is an HMAC of the row's id (emails/email-code.ts).
CREATE TABLE "email_codes" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "programme_id" UUID           NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "email_key"    TEXT           NOT NULL CHECK ("email_key" ~ '^[0-9a-f]{64}$'),
  "expires_at"   TIMESTAMPTZ(3) NOT NULL,
  "attempts"     INTEGER        NOT NULL DEFAULT 0,
  "proven_at"    TIMESTAMPTZ(3),
  "created_at"   TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "email_codes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "email_codes_expires_at_idx" ON "email_codes"("expires_at");

-- A second booking for the same address is looked for at every booking.
CREATE INDEX "bookings_live_by_email_idx" ON "bookings"("programme_id", lower("candidate_email")) WHERE "status" = 'booked';
