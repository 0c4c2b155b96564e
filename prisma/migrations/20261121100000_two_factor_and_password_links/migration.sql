-- Staff sign-in, second half (issue 6): two-factor sign-in with an
-- authenticator app and recovery codes, the short-lived pending sign-in
-- between the password and the code, and single-use links to set a password
-- (reset, new account). See src/domain/staff/README.md.

-- A programme can require two-factor sign-in of its coaches (admins always need it).
ALTER TABLE "programmes" ADD COLUMN "require_coach_two_factor" BOOLEAN NOT NULL DEFAULT false;

-- A person's authenticator app. The TOTP secret is needed in clear to check a
-- code, so it is stored encrypted (AES-256-GCM, key derived from
-- SESSION_SECRET; "v1.<iv>.<ciphertext>.<tag>"). `last_used_step` is the
-- 30-second step of the last code accepted: that code and earlier ones are refused.
CREATE TABLE "staff_two_factor" (
  "staff_user_id"  UUID           NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "totp_secret"    TEXT           NOT NULL CHECK ("totp_secret" ~ '^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'),
  "last_used_step" INTEGER,
  "enabled_at"     TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "staff_two_factor_pkey" PRIMARY KEY ("staff_user_id")
);

-- Ten single-use recovery codes per person, shown once; only their sha256 is kept.
CREATE TABLE "staff_recovery_codes" (
  "id"            UUID           NOT NULL DEFAULT gen_random_uuid(),
  "staff_user_id" UUID           NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "code_hash"     TEXT           NOT NULL CHECK ("code_hash" ~ '^[0-9a-f]{64}$'),
  "created_at"    TIMESTAMPTZ(3) NOT NULL,
  "used_at"       TIMESTAMPTZ(3),
  CONSTRAINT "staff_recovery_codes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_recovery_codes_staff_user_id_code_hash_key" ON "staff_recovery_codes"("staff_user_id", "code_hash");

-- Password right, second step still to do (the code, or setting up the app):
-- not a session. The browser holds a random token in a cookie; `id` is its
-- sha256. `totp_secret` (encrypted) is the new secret while setting up.
CREATE TABLE "staff_pending_sign_ins" (
  "id"            TEXT           NOT NULL CHECK ("id" ~ '^[0-9a-f]{64}$'),
  "staff_user_id" UUID           NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "stage"         TEXT           NOT NULL CHECK ("stage" IN ('code', 'set_up')),
  "totp_secret"   TEXT,
  "next_path"     TEXT           CHECK (length("next_path") <= 2000),
  "created_at"    TIMESTAMPTZ(3) NOT NULL,
  "expires_at"    TIMESTAMPTZ(3) NOT NULL,
  "ip"            TEXT,
  "user_agent"    TEXT           CHECK (length("user_agent") <= 512),
  CONSTRAINT "staff_pending_sign_ins_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "staff_pending_sign_ins_set_up_secret" CHECK (("stage" = 'set_up') = ("totp_secret" IS NOT NULL)),
  CONSTRAINT "staff_pending_sign_ins_order" CHECK ("created_at" < "expires_at")
);
CREATE INDEX "staff_pending_sign_ins_staff_user_id_idx" ON "staff_pending_sign_ins"("staff_user_id");
CREATE INDEX "staff_pending_sign_ins_expires_at_idx" ON "staff_pending_sign_ins"("expires_at");

-- A single-use link to set a password: `reset` (asked for on the sign-in
-- page, 1 hour) or `new_account` (an admin made the account, 24 hours). The
-- token is made when the email is sent, so no secret waits in the job queue;
-- until then `token_hash`, `issued_at` and `expires_at` are empty. Only the
-- token's sha256 is kept; issuing again replaces it.
CREATE TABLE "staff_password_links" (
  "id"            UUID           NOT NULL DEFAULT gen_random_uuid(),
  "staff_user_id" UUID           NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "purpose"       TEXT           NOT NULL CHECK ("purpose" IN ('reset', 'new_account')),
  "token_hash"    TEXT           CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
  "created_at"    TIMESTAMPTZ(3) NOT NULL,
  "issued_at"     TIMESTAMPTZ(3),
  "expires_at"    TIMESTAMPTZ(3),
  "used_at"       TIMESTAMPTZ(3),
  CONSTRAINT "staff_password_links_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "staff_password_links_issued" CHECK (("token_hash" IS NULL) = ("issued_at" IS NULL) AND ("issued_at" IS NULL) = ("expires_at" IS NULL))
);
CREATE UNIQUE INDEX "staff_password_links_token_hash_key" ON "staff_password_links"("token_hash");
CREATE INDEX "staff_password_links_staff_user_id_idx" ON "staff_password_links"("staff_user_id");

-- Requests for a reset link, counted per account (an HMAC of the email
-- address, so unknown addresses count alike and no address is stored) and
-- per address, over a sliding hour.
CREATE TABLE "staff_password_reset_requests" (
  "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
  "account_key"  TEXT           NOT NULL CHECK ("account_key" ~ '^[0-9a-f]{64}$'),
  "ip"           TEXT           NOT NULL,
  "requested_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "staff_password_reset_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "staff_password_reset_requests_account_key_requested_at_idx" ON "staff_password_reset_requests"("account_key", "requested_at");
CREATE INDEX "staff_password_reset_requests_ip_requested_at_idx" ON "staff_password_reset_requests"("ip", "requested_at");
