-- Each history row records the booking's calendar SEQUENCE after the change:
-- with the time, it orders a booking's history even when two changes share an
-- instant, and ties each change to the calendar update the candidate received.
-- (Not unique: marking a conversation completed changes no calendar.)

ALTER TABLE "booking_events" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0 CHECK ("sequence" >= 0);
ALTER TABLE "booking_events" ALTER COLUMN "sequence" DROP DEFAULT;
