-- A booking's UID in calendars (issue 17): random and naming no host, so a
-- change of PUBLIC_URL or a copy of an invitation says nothing of where it
-- came from. Added before its DEFAULT so existing bookings keep NULL: their
-- candidates' and coaches' calendars already hold `booking-<id>@<host>`, and
-- their updates and cancellations must keep using that UID
-- (src/domain/calendar/ics.ts, bookingUid).
ALTER TABLE "bookings" ADD COLUMN "calendar_uid" TEXT;
ALTER TABLE "bookings" ALTER COLUMN "calendar_uid" SET DEFAULT 'cc-' || replace(gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX "bookings_calendar_uid_key" ON "bookings"("calendar_uid");
