-- Report notifications: every change to a table the programme report reads
-- tells the running services, on the channel `report_data_changed`, that
-- the reports they keep ready are out of date
-- (src/domain/reports/report-cache.ts). One notice per statement, not per
-- row, and identical notices in one transaction are sent once, on commit.
-- test/reports/report-cache.test.ts checks that every table the report's
-- queries name has this trigger.

CREATE FUNCTION "notify_report_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('report_data_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "action_status_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "actions"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "availability_windows"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "bookings"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "coach_date_overrides"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "coach_time_off"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "coaches"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conversation_feedback"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conversation_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "invitations"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "outcome_follow_ups"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "programme_coaches"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "programmes"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "staff_users"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "waitlist_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();

CREATE TRIGGER "report_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "waitlist_offers"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_report_data_changed"();
