-- The candidate's optional preparation answers, one set per booking; the coach reads them.

CREATE TABLE "booking_preparations" (
  "booking_id" UUID           NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
  "answers"    JSONB          NOT NULL DEFAULT '{}' CHECK (jsonb_typeof("answers") = 'object'),
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "booking_preparations_pkey" PRIMARY KEY ("booking_id")
);
