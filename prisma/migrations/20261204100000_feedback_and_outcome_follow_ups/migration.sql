-- Issue 15: what candidates went on to.
--
-- conversation_feedback: a day after a held conversation the candidate is
-- asked, by their personal link, how useful it was, whether they know their
-- next step, how confident they feel about it (the same scale as the coach's
-- notes record: src/domain/conversation-models/four-stage.ts, `confidence`),
-- and for a comment. Every question is optional; they can change their
-- answers, or say they would rather not answer (status 'declined', with no
-- answers kept). One row per booking.
--
-- outcome_follow_ups: 3 and 12 months after the conversation, what they have
-- done since (the National Careers Service outcome types in plain words,
-- several may apply) and whether the conversation helped. 'stopped' is "do
-- not ask again": no later follow-up is sent for that booking.
--
-- Both hang off the booking and go with it (erasure deletes the booking);
-- retention blanks the comment and keeps the choices, which the programme
-- report counts (src/domain/data-protection/retention.ts).
CREATE TYPE "feedback_status" AS ENUM ('answered', 'declined');
CREATE TYPE "feedback_usefulness" AS ENUM ('very_useful', 'quite_useful', 'a_little_useful', 'not_useful');
CREATE TYPE "feedback_next_step" AS ENUM ('yes', 'partly', 'no');
CREATE TYPE "outcome_follow_up_status" AS ENUM ('answered', 'stopped');
CREATE TYPE "outcome_type" AS ENUM (
  'started_training', 'gained_qualification', 'applied_for_role', 'new_role_or_more_hours', 'moved_up', 'nothing_yet'
);
CREATE TYPE "outcome_helped" AS ENUM ('a_lot', 'a_little', 'not_at_all', 'not_sure');

CREATE TABLE "conversation_feedback" (
  "booking_id"      UUID                  NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "status"          "feedback_status"     NOT NULL,
  "usefulness"      "feedback_usefulness",
  "knows_next_step" "feedback_next_step",
  -- The values of the notes' confidence field, so before and after compare.
  "confidence"      TEXT CHECK ("confidence" IN ('confident', 'fairlyConfident', 'notConfident')),
  "comment"         TEXT,
  "first_answered_at" TIMESTAMPTZ(3)      NOT NULL,
  "updated_at"      TIMESTAMPTZ(3)        NOT NULL,
  CONSTRAINT "conversation_feedback_pkey" PRIMARY KEY ("booking_id"),
  CONSTRAINT "conversation_feedback_declined_is_empty" CHECK (
    "status" = 'answered' OR ("usefulness" IS NULL AND "knows_next_step" IS NULL AND "confidence" IS NULL AND "comment" IS NULL)
  )
);

CREATE TABLE "outcome_follow_ups" (
  "booking_id"  UUID                       NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  -- Months after the conversation: 3 or 12.
  "months"      SMALLINT                   NOT NULL CHECK ("months" IN (3, 12)),
  "status"      "outcome_follow_up_status" NOT NULL,
  "done_since"  "outcome_type"[]           NOT NULL DEFAULT '{}',
  "helped"      "outcome_helped",
  "first_answered_at" TIMESTAMPTZ(3)       NOT NULL,
  "updated_at"  TIMESTAMPTZ(3)             NOT NULL,
  CONSTRAINT "outcome_follow_ups_pkey" PRIMARY KEY ("booking_id", "months")
);
