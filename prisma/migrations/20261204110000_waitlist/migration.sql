-- The waitlist (issue 16): candidates for whom no time suits join a
-- programme's line with the days, parts of the day and dates that would suit;
-- when a matching time frees up or opens, the first person in line is offered
-- it. The offered time is held for them in slot_holds (the one hold model,
-- DECISIONS.md "Holds") as a hold of the kind 'waitlist_offer' with the
-- offer's own expiry, so the one place that decides what blocks a slot
-- (unexpired holds) keeps it from everyone else.

ALTER TABLE "slot_holds"
  ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'journey'
    CONSTRAINT "slot_holds_kind_check" CHECK ("kind" IN ('journey', 'waitlist_offer'));

-- One person in a programme's line. Their place is created_at (then id).
CREATE TABLE "waitlist_entries" (
  "id"                      UUID           NOT NULL DEFAULT gen_random_uuid(),
  "programme_id"            UUID           NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "invitation_id"           UUID           REFERENCES "invitations"("id") ON DELETE SET NULL,
  "candidate_name"          TEXT           NOT NULL,
  -- Always stored in lower case.
  "candidate_email"         TEXT           NOT NULL,
  "candidate_phone"         TEXT,
  "contact_method"          "contact_method" NOT NULL,
  "candidate_time_zone"     TEXT           NOT NULL,
  -- ISO weekdays (1 Monday .. 7 Sunday) and parts of the day, on the candidate's clock.
  "days"                    INTEGER[]      NOT NULL CHECK (cardinality("days") > 0 AND "days" <@ ARRAY[1,2,3,4,5,6,7]),
  "parts_of_day"            TEXT[]         NOT NULL CHECK (cardinality("parts_of_day") > 0 AND "parts_of_day" <@ ARRAY['morning','afternoon','early_evening']),
  "available_from"          DATE,
  "available_to"            DATE,
  "consent_notice_version"  TEXT           NOT NULL,
  "consent_acknowledged_at" TIMESTAMPTZ(3) NOT NULL,
  -- waiting (in line), booked (took an offer or booked another way), left (said so), removed (by the programme team), ended (their dates passed)
  "status"                  TEXT           NOT NULL DEFAULT 'waiting'
    CONSTRAINT "waitlist_entries_status_check" CHECK ("status" IN ('waiting', 'booked', 'left', 'removed', 'ended')),
  "created_at"              TIMESTAMPTZ(3) NOT NULL,
  "updated_at"              TIMESTAMPTZ(3) NOT NULL,
  "left_at"                 TIMESTAMPTZ(3),
  "booking_id"              UUID           REFERENCES "bookings"("id") ON DELETE SET NULL,
  CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "waitlist_entries_dates_order" CHECK ("available_from" IS NULL OR "available_to" IS NULL OR "available_from" <= "available_to")
);
-- One place in line per address and programme: joining again changes it.
CREATE UNIQUE INDEX "waitlist_entries_waiting_email_key" ON "waitlist_entries"("programme_id", "candidate_email") WHERE "status" = 'waiting';
CREATE INDEX "waitlist_entries_line_idx" ON "waitlist_entries"("programme_id", "created_at", "id") WHERE "status" = 'waiting';
CREATE INDEX "waitlist_entries_programme_id_created_at_idx" ON "waitlist_entries"("programme_id", "created_at");
CREATE INDEX "waitlist_entries_candidate_email_idx" ON "waitlist_entries"("candidate_email");
CREATE INDEX "waitlist_entries_invitation_id_idx" ON "waitlist_entries"("invitation_id");
CREATE INDEX "waitlist_entries_booking_id_idx" ON "waitlist_entries"("booking_id");

-- Personal links to see, change or leave the waitlist: a random token per email, stored only as its sha256.
CREATE TABLE "waitlist_manage_tokens" (
  "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
  "entry_id"   UUID           NOT NULL REFERENCES "waitlist_entries"("id") ON DELETE CASCADE,
  "token_hash" TEXT           NOT NULL CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "waitlist_manage_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "waitlist_manage_tokens_token_hash_key" ON "waitlist_manage_tokens"("token_hash");
CREATE INDEX "waitlist_manage_tokens_entry_id_idx" ON "waitlist_manage_tokens"("entry_id");

-- A time offered to one person in line. At most one open offer per person.
CREATE TABLE "waitlist_offers" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "entry_id"     UUID           NOT NULL REFERENCES "waitlist_entries"("id") ON DELETE CASCADE,
  "programme_id" UUID           NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "hold_id"      UUID           REFERENCES "slot_holds"("id") ON DELETE SET NULL,
  "starts_at"    TIMESTAMPTZ(3) NOT NULL,
  "ends_at"      TIMESTAMPTZ(3) NOT NULL,
  "offered_at"   TIMESTAMPTZ(3) NOT NULL,
  "expires_at"   TIMESTAMPTZ(3) NOT NULL,
  -- open, taken (booked), declined, expired (not taken in time), withdrawn (they left, or booked another way)
  "status"       TEXT           NOT NULL DEFAULT 'open'
    CONSTRAINT "waitlist_offers_status_check" CHECK ("status" IN ('open', 'taken', 'declined', 'expired', 'withdrawn')),
  "closed_at"    TIMESTAMPTZ(3),
  "booking_id"   UUID           REFERENCES "bookings"("id") ON DELETE SET NULL,
  CONSTRAINT "waitlist_offers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "waitlist_offers_one_open_key" ON "waitlist_offers"("entry_id") WHERE "status" = 'open';
CREATE INDEX "waitlist_offers_entry_id_idx" ON "waitlist_offers"("entry_id");
CREATE INDEX "waitlist_offers_programme_id_offered_at_idx" ON "waitlist_offers"("programme_id", "offered_at");
CREATE INDEX "waitlist_offers_hold_id_idx" ON "waitlist_offers"("hold_id");
CREATE INDEX "waitlist_offers_booking_id_idx" ON "waitlist_offers"("booking_id");

-- Matching runs as a job (src/jobs/waitlist-match.ts), one per programme at a
-- time (job key; the job takes a lock per programme too). Whatever can free
-- or open a time enqueues it, on whichever path made the change: these
-- triggers, so no path is missed. Only programmes with someone waiting are
-- matched, so bookings on programmes without a line pay one index probe.
CREATE FUNCTION "enqueue_waitlist_match"(programme UUID) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF programme IS NOT NULL AND EXISTS (SELECT 1 FROM "waitlist_entries" w WHERE w."programme_id" = programme AND w."status" = 'waiting') THEN
    PERFORM graphile_worker.add_job('waitlist-match', json_build_object('programmeId', programme),
      job_key => 'waitlist-match:' || programme::text, job_key_mode => 'replace', max_attempts => 10);
  END IF;
END $$;

CREATE FUNCTION "waitlist_match_of_coach"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  coach UUID := CASE WHEN TG_OP = 'INSERT' THEN NEW.coach_id ELSE OLD.coach_id END;
  programme UUID;
BEGIN
  FOR programme IN SELECT pc.programme_id FROM "programme_coaches" pc WHERE pc.coach_id = coach LOOP
    PERFORM "enqueue_waitlist_match"(programme);
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION "waitlist_match_of_programme"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "enqueue_waitlist_match"(CASE WHEN TG_OP = 'DELETE' THEN OLD.programme_id ELSE NEW.programme_id END);
  RETURN NULL;
END $$;

CREATE FUNCTION "waitlist_match_of_programme_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "enqueue_waitlist_match"(NEW.id);
  RETURN NULL;
END $$;

-- A booking cancelled, moved, or given to another coach frees its old time.
CREATE TRIGGER "bookings_waitlist_match" AFTER UPDATE OF "status", "starts_at", "coach_id" ON "bookings"
  FOR EACH ROW WHEN (OLD."status" = 'booked' AND (NEW."status" <> 'booked' OR NEW."starts_at" <> OLD."starts_at" OR NEW."coach_id" <> OLD."coach_id"))
  EXECUTE FUNCTION "waitlist_match_of_programme"();
CREATE TRIGGER "bookings_waitlist_match_delete" AFTER DELETE ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_programme"();
-- A hold ended (a candidate walked away or picked another time, an offer was declined).
CREATE TRIGGER "slot_holds_waitlist_match" AFTER DELETE ON "slot_holds"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_programme"();
-- New availability: weekly hours, extra hours, time off ending or moving.
CREATE TRIGGER "availability_windows_waitlist_match" AFTER INSERT OR UPDATE OR DELETE ON "availability_windows"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_coach"();
CREATE TRIGGER "coach_date_overrides_waitlist_match" AFTER INSERT OR UPDATE OR DELETE ON "coach_date_overrides"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_coach"();
CREATE TRIGGER "coach_time_off_waitlist_match" AFTER UPDATE OR DELETE ON "coach_time_off"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_coach"();
-- A coach joining the programme; its booking rules changing.
CREATE TRIGGER "programme_coaches_waitlist_match" AFTER INSERT ON "programme_coaches"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_programme"();
CREATE TRIGGER "programmes_waitlist_match" AFTER UPDATE OF "minimum_notice_minutes", "horizon_days", "duration_minutes", "active" ON "programmes"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_match_of_programme_row"();
-- Someone joining (or changing what suits them) is matched against the free times at once.
CREATE TRIGGER "waitlist_entries_match" AFTER INSERT OR UPDATE OF "days", "parts_of_day", "available_from", "available_to", "candidate_time_zone" ON "waitlist_entries"
  FOR EACH ROW WHEN (NEW."status" = 'waiting') EXECUTE FUNCTION "waitlist_match_of_programme"();

-- A person who books any other way leaves the waitlist, and an offer they
-- hold is withdrawn (its hold ended, so the time goes to the next person).
-- Taking an offer marks the entry booked first, so this finds nothing then.
CREATE FUNCTION "waitlist_leave_on_booking"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "waitlist_entries" w
                  WHERE w."programme_id" = NEW.programme_id AND w."candidate_email" = lower(NEW.candidate_email) AND w."status" = 'waiting') THEN
    RETURN NULL;
  END IF;
  DELETE FROM "slot_holds" h USING "waitlist_offers" o, "waitlist_entries" w
   WHERE h.id = o.hold_id AND o.entry_id = w.id AND o.status = 'open'
     AND w."programme_id" = NEW.programme_id AND w."candidate_email" = lower(NEW.candidate_email) AND w."status" = 'waiting';
  UPDATE "waitlist_offers" o SET "status" = 'withdrawn', "closed_at" = NEW.created_at
    FROM "waitlist_entries" w
   WHERE o.entry_id = w.id AND o.status = 'open'
     AND w."programme_id" = NEW.programme_id AND w."candidate_email" = lower(NEW.candidate_email) AND w."status" = 'waiting';
  UPDATE "waitlist_entries" SET "status" = 'booked', "left_at" = NEW.created_at, "updated_at" = NEW.created_at, "booking_id" = NEW.id
   WHERE "programme_id" = NEW.programme_id AND "candidate_email" = lower(NEW.candidate_email) AND "status" = 'waiting';
  RETURN NULL;
END $$;
CREATE TRIGGER "bookings_leave_waitlist" AFTER INSERT ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_leave_on_booking"();
