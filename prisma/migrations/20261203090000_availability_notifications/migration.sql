-- Availability notifications: every change that can make a slot free or
-- taken tells the running services, on the channel `availability_changed`,
-- whose free times to work out again (src/domain/slots/availability-index.ts).
-- NOTIFY is delivered when the change commits, to every instance listening,
-- and identical payloads in one transaction are sent once.
--
-- Payloads: 'coach:<id>' (that coach's free times), 'programme:<id>' (its
-- settings, or which of its coaches can take bookings), 'all' (start again).

CREATE FUNCTION "notify_availability_of_coach"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('availability_changed', 'coach:' || OLD.coach_id::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('availability_changed', 'coach:' || NEW.coach_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "notify_availability_of_programme"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('availability_changed', 'programme:' || OLD.programme_id::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('availability_changed', 'programme:' || NEW.programme_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "notify_availability_of_programme_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('availability_changed', 'programme:' || COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END $$;

-- A coach's own settings or account: every programme they are on works its
-- coaches out again (a coach who stops being active leaves those programmes'
-- lists, and one who comes back must join them again).
CREATE FUNCTION "notify_availability_of_coach_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('availability_changed', 'programme:' || pc.programme_id::text)
     FROM programme_coaches pc WHERE pc.coach_id = COALESCE(NEW.id, OLD.id);
  RETURN NULL;
END $$;

CREATE FUNCTION "notify_availability_of_staff_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('availability_changed', 'programme:' || pc.programme_id::text)
     FROM coaches c JOIN programme_coaches pc ON pc.coach_id = c.id
    WHERE c.staff_user_id = NEW.id;
  RETURN NULL;
END $$;

-- A booking takes or frees time when it is made, moved, cancelled or deleted
-- (an edit of the candidate's details changes nothing).
CREATE TRIGGER "bookings_availability" AFTER INSERT OR DELETE ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();
CREATE TRIGGER "bookings_availability_change" AFTER UPDATE OF "status", "starts_at", "ends_at", "coach_id" ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();

CREATE TRIGGER "slot_holds_availability" AFTER INSERT OR UPDATE OR DELETE ON "slot_holds"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();
CREATE TRIGGER "coach_time_off_availability" AFTER INSERT OR UPDATE OR DELETE ON "coach_time_off"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();
CREATE TRIGGER "coach_date_overrides_availability" AFTER INSERT OR UPDATE OR DELETE ON "coach_date_overrides"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();
CREATE TRIGGER "availability_windows_availability" AFTER INSERT OR UPDATE OR DELETE ON "availability_windows"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach"();

-- Time zone, buffer, daily maximum, active.
CREATE TRIGGER "coaches_availability" AFTER UPDATE OR DELETE ON "coaches"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_coach_row"();
CREATE TRIGGER "staff_users_availability" AFTER UPDATE OF "active" ON "staff_users"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_staff_user"();

-- A coach joining or leaving a programme; a programme's booking rules or opening.
CREATE TRIGGER "programme_coaches_availability" AFTER INSERT OR UPDATE OR DELETE ON "programme_coaches"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_programme"();
CREATE TRIGGER "programmes_availability" AFTER INSERT OR UPDATE OR DELETE ON "programmes"
  FOR EACH ROW EXECUTE FUNCTION "notify_availability_of_programme_row"();
