-- Conversation notes and agreed actions (issue 5).
--
-- conversation_notes: one set per booking, written against one version of a
-- conversation model. `version` goes up by one on every save: a save carries
-- the version it was based on, and a save based on an older one is refused
-- (two tabs, two people), never applied over the top. Completing the notes
-- locks them; after that a coach adds addenda (author, time, shared or
-- private), never edits.
--
-- actions: the agreed next steps (National Careers Service action-plan
-- shape), each with the history of its status (who, when, from, to, why).
-- programme_resources: the programme's resource library that an action can
-- point to. conversation_outcomes: whether the conversation was held, missed,
-- or cancelled late, as its coach recorded it.

CREATE TYPE "notes_status" AS ENUM ('draft', 'complete');
CREATE TYPE "note_visibility" AS ENUM ('shared', 'private');
CREATE TYPE "conversation_outcome" AS ENUM ('held', 'no_show', 'cancelled_late');
CREATE TYPE "action_owner" AS ENUM ('candidate', 'coach', 'programme_team');
CREATE TYPE "action_category" AS ENUM (
  'training_or_course', 'job_application', 'work_experience_or_shadowing',
  'networking_or_information', 'qualification', 'other'
);
CREATE TYPE "action_status" AS ENUM ('not_started', 'in_progress', 'done', 'no_longer_relevant');

CREATE TABLE "conversation_notes" (
  "booking_id"        UUID           NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "model_key"         TEXT           NOT NULL,
  "model_version"     INTEGER        NOT NULL CHECK ("model_version" >= 1),
  -- { <field key>: value } as src/domain/conversation-models/notes.ts checks it
  "note_values"       JSONB          NOT NULL DEFAULT '{}' CHECK (jsonb_typeof("note_values") = 'object'),
  "no_actions_agreed" BOOLEAN        NOT NULL DEFAULT false,
  "status"            "notes_status" NOT NULL DEFAULT 'draft',
  "version"           INTEGER        NOT NULL CHECK ("version" >= 1),
  "created_at"        TIMESTAMPTZ(3) NOT NULL,
  "updated_at"        TIMESTAMPTZ(3) NOT NULL,
  "updated_by_id"     UUID           REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "completed_at"      TIMESTAMPTZ(3),
  "completed_by_id"   UUID           REFERENCES "staff_users"("id") ON DELETE SET NULL,
  CONSTRAINT "conversation_notes_pkey" PRIMARY KEY ("booking_id"),
  CONSTRAINT "conversation_notes_completion" CHECK (("status" = 'complete') = ("completed_at" IS NOT NULL))
);
CREATE INDEX "conversation_notes_status_idx" ON "conversation_notes"("status");

CREATE TABLE "conversation_note_addenda" (
  "id"         UUID              NOT NULL DEFAULT gen_random_uuid(),
  "booking_id" UUID              NOT NULL REFERENCES "conversation_notes"("booking_id") ON DELETE CASCADE,
  "author_id"  UUID              REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "visibility" "note_visibility" NOT NULL,
  "text"       TEXT              NOT NULL CHECK (length("text") BETWEEN 1 AND 10000),
  "created_at" TIMESTAMPTZ(3)    NOT NULL,
  CONSTRAINT "conversation_note_addenda_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "conversation_note_addenda_booking_id_created_at_idx" ON "conversation_note_addenda"("booking_id", "created_at");

CREATE TABLE "programme_resources" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "programme_id" UUID           NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "title"        TEXT           NOT NULL CHECK (length("title") BETWEEN 1 AND 200),
  "url"          TEXT           NOT NULL CHECK ("url" ~ '^https?://'),
  "description"  TEXT,
  "active"       BOOLEAN        NOT NULL DEFAULT true,
  "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "programme_resources_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "programme_resources_programme_id_idx" ON "programme_resources"("programme_id");

CREATE TABLE "actions" (
  "id"                UUID              NOT NULL DEFAULT gen_random_uuid(),
  "booking_id"        UUID              NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  -- Order on the page and in the summary: the order they were agreed in.
  "position"          INTEGER           NOT NULL,
  "summary"           TEXT              NOT NULL CHECK (length("summary") BETWEEN 1 AND 1000),
  "owner"             "action_owner"    NOT NULL,
  "due_on"            DATE              NOT NULL,
  "category"          "action_category" NOT NULL,
  -- A resource from the library, or a free link (with an optional title), or neither.
  "resource_id"       UUID              REFERENCES "programme_resources"("id") ON DELETE SET NULL,
  "resource_url"      TEXT              CHECK ("resource_url" ~ '^https?://'),
  "resource_title"    TEXT              CHECK (length("resource_title") <= 200),
  "status"            "action_status"   NOT NULL DEFAULT 'not_started',
  "status_changed_at" TIMESTAMPTZ(3)    NOT NULL,
  "created_at"        TIMESTAMPTZ(3)    NOT NULL,
  "created_by_id"     UUID              REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "updated_at"        TIMESTAMPTZ(3)    NOT NULL,
  CONSTRAINT "actions_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "actions_one_resource" CHECK ("resource_id" IS NULL OR "resource_url" IS NULL),
  CONSTRAINT "actions_title_with_link" CHECK ("resource_title" IS NULL OR "resource_url" IS NOT NULL)
);
CREATE INDEX "actions_booking_id_position_idx" ON "actions"("booking_id", "position");
CREATE INDEX "actions_status_due_on_idx" ON "actions"("status", "due_on");

-- Every change of an action's status, the first one (from NULL) when it was
-- agreed; a row with the same status on both sides is a comment on its own.
CREATE TABLE "action_status_changes" (
  -- In the order they happened, even within one instant.
  "id"                  BIGINT          GENERATED ALWAYS AS IDENTITY,
  "action_id"           UUID            NOT NULL REFERENCES "actions"("id") ON DELETE CASCADE,
  "from_status"         "action_status",
  "to_status"           "action_status" NOT NULL,
  "changed_at"          TIMESTAMPTZ(3)  NOT NULL,
  -- candidate (through their link), coach or admin; staff by id.
  "actor"               "booking_actor" NOT NULL,
  "actor_staff_user_id" UUID            REFERENCES "staff_users"("id") ON DELETE SET NULL,
  "comment"             TEXT            CHECK (length("comment") <= 500),
  CONSTRAINT "action_status_changes_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "action_status_changes_something" CHECK ("from_status" IS DISTINCT FROM "to_status" OR "comment" IS NOT NULL)
);
CREATE INDEX "action_status_changes_action_id_changed_at_idx" ON "action_status_changes"("action_id", "changed_at");

CREATE TABLE "conversation_outcomes" (
  "booking_id"     UUID                   NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "outcome"        "conversation_outcome" NOT NULL,
  "recorded_at"    TIMESTAMPTZ(3)         NOT NULL,
  "recorded_by_id" UUID                   REFERENCES "staff_users"("id") ON DELETE SET NULL,
  CONSTRAINT "conversation_outcomes_pkey" PRIMARY KEY ("booking_id")
);
