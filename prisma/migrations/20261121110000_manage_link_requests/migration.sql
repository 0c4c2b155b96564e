-- Requests for a new manage link ("This link does not work" page), for rate
-- limiting per email address (an HMAC of it, never the address) and per IP.
CREATE TABLE "manage_link_requests" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "email_key"    TEXT           NOT NULL CHECK ("email_key" ~ '^[0-9a-f]{64}$'),
  "ip"           TEXT           NOT NULL,
  "requested_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "manage_link_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "manage_link_requests_email_key_requested_at_idx" ON "manage_link_requests"("email_key", "requested_at");
CREATE INDEX "manage_link_requests_ip_requested_at_idx" ON "manage_link_requests"("ip", "requested_at");
CREATE INDEX "manage_link_requests_requested_at_idx" ON "manage_link_requests"("requested_at");
