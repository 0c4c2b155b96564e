-- Staff sign-in: server-side sessions and the failed attempts that rate-limit sign-in.

-- One row per signed-in browser. The cookie holds a random token; only its
-- sha256 (hex) is stored here, so a copy of this table signs nobody in.
CREATE TABLE "staff_sessions" (
  "id"            TEXT           NOT NULL CHECK ("id" ~ '^[0-9a-f]{64}$'),
  "staff_user_id" UUID           NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "created_at"    TIMESTAMPTZ(3) NOT NULL,
  "last_seen_at"  TIMESTAMPTZ(3) NOT NULL,
  -- Absolute end (12 hours after sign-in), whatever the activity.
  "expires_at"    TIMESTAMPTZ(3) NOT NULL,
  "ip"            TEXT,
  "user_agent"    TEXT CHECK (length("user_agent") <= 512),
  CONSTRAINT "staff_sessions_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "staff_sessions_order" CHECK ("created_at" <= "last_seen_at" AND "created_at" < "expires_at")
);
CREATE INDEX "staff_sessions_staff_user_id_idx" ON "staff_sessions"("staff_user_id");
CREATE INDEX "staff_sessions_expires_at_idx" ON "staff_sessions"("expires_at");

-- Failed sign-ins, counted per account and per address over a sliding window.
-- The account is an HMAC of the normalised email address (keyed with
-- SESSION_SECRET): unknown addresses are counted like known ones, and the
-- table holds no email address.
CREATE TABLE "staff_sign_in_failures" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "account_key"  TEXT           NOT NULL CHECK ("account_key" ~ '^[0-9a-f]{64}$'),
  "ip"           TEXT           NOT NULL,
  "attempted_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "staff_sign_in_failures_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "staff_sign_in_failures_account_key_attempted_at_idx" ON "staff_sign_in_failures"("account_key", "attempted_at");
CREATE INDEX "staff_sign_in_failures_ip_attempted_at_idx" ON "staff_sign_in_failures"("ip", "attempted_at");
CREATE INDEX "staff_sign_in_failures_attempted_at_idx" ON "staff_sign_in_failures"("attempted_at");
