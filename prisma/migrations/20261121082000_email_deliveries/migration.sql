-- One row per email we mean to send exactly once. The unique dedupe key lets a
-- retried job see that SMTP already accepted the message and skip it.

CREATE TABLE "email_deliveries" (
  "id"            UUID           NOT NULL DEFAULT gen_random_uuid(),
  "dedupe_key"    TEXT           NOT NULL,
  "kind"          TEXT           NOT NULL,
  "booking_id"    UUID,
  "invitation_id" UUID,
  "recipient"     TEXT           NOT NULL,
  "subject"       TEXT           NOT NULL,
  "message_id"    TEXT           NOT NULL,
  "status"        TEXT           NOT NULL DEFAULT 'sending' CHECK ("status" IN ('sending', 'waiting', 'sent', 'failed')),
  "attempts"      INTEGER        NOT NULL DEFAULT 1,
  "last_error"    TEXT,
  "job_payload"   JSONB          NOT NULL,
  "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "sent_at"       TIMESTAMPTZ(3),
  "failed_at"     TIMESTAMPTZ(3),
  CONSTRAINT "email_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "email_deliveries_dedupe_key_key" ON "email_deliveries"("dedupe_key");
CREATE INDEX "email_deliveries_booking_id_idx" ON "email_deliveries"("booking_id");
CREATE INDEX "email_deliveries_status_idx" ON "email_deliveries"("status") WHERE "status" <> 'sent';
