-- Issue 13 (coach changes), its last parts:
--
-- "Did not attend" keeps why, in the reason codes of the National Careers
-- Service (forgot, no longer needed, work, personal situation, rescheduled,
-- not known); null for outcomes recorded before this, and for the other
-- outcomes. An outcome can be corrected for a set time after it was first
-- recorded (src/domain/notes/outcome-rules.ts): first_recorded_at is that
-- start, and stays put while recorded_at follows each correction.
CREATE TYPE "no_show_reason" AS ENUM ('forgot', 'no_longer_needed', 'work', 'personal_situation', 'rescheduled', 'not_known');
ALTER TABLE "conversation_outcomes"
  ADD COLUMN "no_show_reason" "no_show_reason",
  ADD COLUMN "first_recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "conversation_outcomes" SET "first_recorded_at" = "recorded_at";
ALTER TABLE "conversation_outcomes" ADD CONSTRAINT "conversation_outcomes_no_show_reason"
  CHECK ("no_show_reason" IS NULL OR "outcome" = 'no_show');

-- A cancellation cut-off per programme: candidates can change or cancel up to
-- this many hours before the conversation; after it they are told whom to
-- contact. 0 is no cut-off, and every existing programme gets it, so nothing
-- changes under a live programme's candidates.
ALTER TABLE "programmes"
  ADD COLUMN "cancellation_cutoff_hours" INTEGER NOT NULL DEFAULT 0,
  ADD CONSTRAINT "programmes_cancellation_cutoff_hours" CHECK ("cancellation_cutoff_hours" BETWEEN 0 AND 336);

-- The programme team's bookings list reads bookings in (starts_at, id) order
-- (src/repositories/bookings-admin.ts): the keyset starts from this index.
CREATE INDEX "bookings_starts_at_id_idx" ON "bookings" ("starts_at", "id");
