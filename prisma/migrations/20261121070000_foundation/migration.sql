-- Foundation: programmes, staff, coaches and their weekly availability.

CREATE TYPE "staff_role" AS ENUM ('coach', 'admin');

CREATE TABLE "programmes" (
  "id"                       UUID         NOT NULL DEFAULT gen_random_uuid(),
  "slug"                     TEXT         NOT NULL,
  "name"                     TEXT         NOT NULL,
  "conversation_model_key"   TEXT         NOT NULL,
  "duration_minutes"         INTEGER      NOT NULL DEFAULT 45 CHECK ("duration_minutes" BETWEEN 15 AND 240),
  "minimum_notice_minutes"   INTEGER      NOT NULL DEFAULT 1440 CHECK ("minimum_notice_minutes" >= 0),
  "horizon_days"             INTEGER      NOT NULL DEFAULT 56 CHECK ("horizon_days" BETWEEN 1 AND 366),
  "reminder_offsets_minutes" INTEGER[]    NOT NULL DEFAULT '{1440,60}',
  "retention_months"         INTEGER      NOT NULL DEFAULT 24 CHECK ("retention_months" BETWEEN 1 AND 120),
  "active"                   BOOLEAN      NOT NULL DEFAULT true,
  "created_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "programmes_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "programmes_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
CREATE UNIQUE INDEX "programmes_slug_key" ON "programmes"("slug");

CREATE TABLE "staff_users" (
  "id"            UUID         NOT NULL DEFAULT gen_random_uuid(),
  "email"         TEXT         NOT NULL CHECK ("email" = lower("email")),
  "name"          TEXT         NOT NULL,
  "role"          "staff_role" NOT NULL,
  "password_hash" TEXT         NOT NULL,
  "active"        BOOLEAN      NOT NULL DEFAULT true,
  "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

CREATE TABLE "coaches" (
  "id"             UUID    NOT NULL DEFAULT gen_random_uuid(),
  "staff_user_id"  UUID    NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
  "time_zone"      TEXT    NOT NULL DEFAULT 'Europe/London',
  "buffer_minutes" INTEGER NOT NULL DEFAULT 15 CHECK ("buffer_minutes" BETWEEN 0 AND 240),
  "daily_maximum"  INTEGER NOT NULL DEFAULT 6 CHECK ("daily_maximum" BETWEEN 1 AND 24),
  "active"         BOOLEAN NOT NULL DEFAULT true,
  "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "coaches_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "coaches_staff_user_id_key" ON "coaches"("staff_user_id");

CREATE TABLE "programme_coaches" (
  "programme_id" UUID NOT NULL REFERENCES "programmes"("id") ON DELETE CASCADE,
  "coach_id"     UUID NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  CONSTRAINT "programme_coaches_pkey" PRIMARY KEY ("programme_id", "coach_id")
);

CREATE TABLE "availability_windows" (
  "id"           UUID    NOT NULL DEFAULT gen_random_uuid(),
  "coach_id"     UUID    NOT NULL REFERENCES "coaches"("id") ON DELETE CASCADE,
  "weekday"      INTEGER NOT NULL CHECK ("weekday" BETWEEN 1 AND 7),
  "start_minute" INTEGER NOT NULL CHECK ("start_minute" BETWEEN 0 AND 1439),
  "end_minute"   INTEGER NOT NULL CHECK ("end_minute" BETWEEN 1 AND 1440),
  CONSTRAINT "availability_windows_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "availability_windows_order" CHECK ("start_minute" < "end_minute")
);
CREATE INDEX "availability_windows_coach_id_idx" ON "availability_windows"("coach_id");
