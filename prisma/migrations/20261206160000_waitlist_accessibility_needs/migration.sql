-- What would help the candidate take part, asked when they join a waitlist as it is when they book, and given to the
-- booking made when they take an offer, so their coach is told as for any other booking. Null when they said nothing.
ALTER TABLE "waitlist_entries" ADD COLUMN "accessibility_needs" TEXT;
