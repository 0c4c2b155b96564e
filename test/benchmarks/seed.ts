/**
 * Programme-scale data for the benchmark, written with set-based SQL
 * (generate_series, INSERT ... SELECT) in one transaction: a few seconds
 * rather than the hours that going through the API would take.
 *
 * - 200 coaches, Monday to Friday 9:00-17:00 UK time (like the demo data),
 *   with a mix of buffers (0/15/30 minutes) and daily maxima (4/6/8); some
 *   with a week of leave or a day off in the booking horizon.
 * - Programmes of 70, 120 and 10 coaches, and a bench-only one of all 200
 *   (slot cost at 10/70/200 coaches).
 * - 20,000 bookings from a year back to 8 weeks ahead: each coach's on
 *   distinct days, on the slot grid, so live ones never overlap (the
 *   exclusion constraint) and buffers and daily maxima hold. Past ones held,
 *   no-show or cancelled; future ones booked or cancelled. A third answer an
 *   invitation; history rows, outcomes and completed notes as the service writes them.
 * - 100,000 actions on the conversations that were held, with the history of
 *   their status changes and candidates' comments, mixed owners, categories,
 *   statuses and due dates (many overdue).
 * - Four admins with a known password and authenticator secret.
 */
import pg from 'pg'
import { DEFAULT_CONVERSATION_MODEL_KEY } from '../../src/domain/conversation-models/index.js'
import { CONSENT_NOTICE_VERSION } from '../../src/domain/booking/rules.js'
import { hashPassword } from '../../src/domain/staff/passwords.js'
import { encryptTotpSecret } from '../../src/domain/staff/two-factor.js'
import {
  ACTION_COUNT,
  ADMIN_COUNT,
  ADMIN_PASSWORD,
  ADMIN_TOTP_SECRET,
  BOOKING_COUNT,
  COACH_COUNT,
  PROGRAMMES,
  SESSION_SECRET,
  TIME_ZONE,
  adminEmail,
} from './fixtures.js'

export interface SeedCounts {
  coaches: number
  programmes: number
  bookings: number
  liveBookings: number
  heldConversations: number
  actions: number
  statusChanges: number
  seconds: number
}

const lit = (value: string) => pg.escapeLiteral(value)
const textArray = (values: readonly string[]) => `ARRAY[${values.map(lit).join(', ')}]`

const FIRST_NAMES = ['Amina', 'Ben', 'Chloe', 'Dev', 'Ewa', 'Farah', 'George', 'Hana', 'Imran', 'Jess', 'Kofi', 'Lena', 'Mo', 'Nia', 'Owen', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq']
const LAST_NAMES = ['Okafor', 'Hughes', 'Davies', 'Patel', 'Nowak', 'Khan', 'Evans', 'Sato', 'Ali', 'Brown', 'Mensah', 'Fischer', 'Jones', 'Reid', 'Price', 'Shah', 'Lloyd', 'Silva', 'Wood', 'Aziz']
const SUMMARIES = [
  'Update my CV with my vaccination experience',
  'Apply for two band 3 healthcare support worker posts',
  'Book a day shadowing a practice nurse',
  'Look into the nursing associate apprenticeship',
  'Talk to my line manager about training time',
  'Find a Level 3 qualification in health and social care',
  'Join the trust careers event next month',
  'Ask the pharmacy team about technician roles',
  'Set up a job alert on NHS Jobs',
  'Read the Health Careers page on physician associates',
  'Practise answers for a values-based interview',
  'Check the entry requirements for a return-to-practice course',
]
const CATEGORIES = ['training_or_course', 'job_application', 'work_experience_or_shadowing', 'networking_or_information', 'qualification', 'other']

/** Seeds an empty, migrated database. */
export async function seedBenchData(url: string): Promise<SeedCounts> {
  const started = performance.now()
  const staffPasswordHash = await hashPassword(ADMIN_PASSWORD)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const q = (sql: string, values: unknown[] = []) => client.query(sql, values)
  try {
    await q('BEGIN')
    await q(`SET LOCAL synchronous_commit = off`)
    await q(`CREATE TEMP TABLE bench_now ON COMMIT DROP AS
      SELECT now() AS at, (now() AT TIME ZONE ${lit(TIME_ZONE)})::date AS today`)

    // Coaches and their staff accounts.
    await q(`CREATE TEMP TABLE bench_coach ON COMMIT DROP AS
      SELECT n, gen_random_uuid() AS staff_id, gen_random_uuid() AS coach_id,
             (${textArray(FIRST_NAMES)})[1 + n % 20] || ' ' || (${textArray(LAST_NAMES)})[1 + (n * 7) % 20] AS name
        FROM generate_series(1, ${COACH_COUNT}) n`)
    await q(
      `INSERT INTO staff_users (id, email, name, role, password_hash)
       SELECT staff_id, format('coach%s@bench.example', lpad(n::text, 3, '0')), name, 'coach', $1 FROM bench_coach`,
      [staffPasswordHash],
    )
    await q(`INSERT INTO coaches (id, staff_user_id, time_zone, buffer_minutes, daily_maximum, video_link)
      SELECT coach_id, staff_id, ${lit(TIME_ZONE)},
             CASE n % 4 WHEN 0 THEN 0 WHEN 3 THEN 30 ELSE 15 END,
             CASE n % 5 WHEN 0 THEN 4 WHEN 1 THEN 8 ELSE 6 END,
             CASE WHEN n % 3 = 0 THEN format('https://meet.bench.example/coach-%s', n) END
        FROM bench_coach`)
    await q(`INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute)
      SELECT coach_id, weekday, 540, 1020 FROM bench_coach, generate_series(1, 5) weekday`)

    // Programmes: the three of the issue, then the bench-only one of everybody.
    const programmeRows = Object.values(PROGRAMMES)
      .map((p) => `(${lit(p.slug)}, ${lit(p.name)}, ${p.coaches[0]}, ${p.coaches[1]}, ${p.slug !== PROGRAMMES.all.slug})`)
      .join(', ')
    await q(`CREATE TEMP TABLE bench_programme ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, v.* FROM (VALUES ${programmeRows}) v(slug, name, first_n, last_n, home)`)
    await q(`INSERT INTO programmes (id, slug, name, conversation_model_key)
      SELECT id, slug, name, ${lit(DEFAULT_CONVERSATION_MODEL_KEY)} FROM bench_programme`)
    await q(`INSERT INTO programme_coaches (programme_id, coach_id)
      SELECT p.id, c.coach_id FROM bench_programme p JOIN bench_coach c ON c.n BETWEEN p.first_n AND p.last_n`)
    await q(`INSERT INTO programme_resources (programme_id, title, url, description)
      SELECT p.id, r.title, r.url, r.description FROM bench_programme p,
        (VALUES ('Health Careers: explore roles in health', 'https://www.healthcareers.nhs.uk/explore-roles', 'Over 350 roles in the NHS'),
                ('NHS Jobs', 'https://www.jobs.nhs.uk/', 'Vacancies across the NHS in England'),
                ('National Careers Service: find a course', 'https://nationalcareers.service.gov.uk/find-a-course', 'Courses and training')) r(title, url, description)`)

    // Leave and days off in the booking horizon (not for the 10-coach programme, which the contention check reasons about).
    await q(`INSERT INTO coach_time_off (coach_id, starts_at, ends_at, note)
      SELECT c.coach_id, (m.monday::timestamp) AT TIME ZONE ${lit(TIME_ZONE)}, ((m.monday + 5)::timestamp) AT TIME ZONE ${lit(TIME_ZONE)}, 'Annual leave'
        FROM bench_coach c, bench_now,
             LATERAL (SELECT date_trunc('week', bench_now.today::timestamp)::date + 7 * (1 + c.n % 6) AS monday) m
       WHERE c.n % 10 = 3 AND c.n <= 190`)
    await q(`INSERT INTO coach_date_overrides (coach_id, date, kind)
      SELECT c.coach_id, bench_now.today + 7 + c.n % 30, 'day_off' FROM bench_coach c, bench_now
       WHERE c.n % 10 = 7 AND c.n <= 190`)

    // Weekdays from a year back to 8 weeks ahead.
    await q(`CREATE TEMP TABLE bench_day ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY d) - 1)::int AS idx, d::date AS day
        FROM bench_now, generate_series(bench_now.today - 365, bench_now.today + 56, interval '1 day') d
       WHERE extract(isodow FROM d) < 6`)

    // Bookings: coach n gets its j-th booking on weekday 3j + n mod 3, at 9:00, 10:30, 12:00, 13:30 or 15:00.
    await q(`CREATE TEMP TABLE bench_booking ON COMMIT DROP AS
      WITH base AS (
        SELECT i, (i % ${COACH_COUNT}) + 1 AS n, i / ${COACH_COUNT} AS j FROM generate_series(0, ${BOOKING_COUNT - 1}) i
      ), placed AS (
        SELECT b.i, b.n, c.coach_id, c.staff_id,
               ((d.day + make_interval(mins => 540 + ((b.n + b.j) % 5) * 90)) AT TIME ZONE ${lit(TIME_ZONE)}) AS starts_at,
               abs(hashtext('status' || b.i)) % 100 AS hs,
               abs(hashtext('created' || b.i)) % 30 AS hc,
               abs(hashtext('by' || b.i)) % 10 AS hb
          FROM base b
          JOIN bench_coach c ON c.n = b.n
          JOIN bench_day d ON d.idx = (b.j * 3 + b.n % 3) % (SELECT count(*) FROM bench_day)
      ), timed AS (
        SELECT p.*, p.starts_at + interval '45 minutes' AS ends_at,
               LEAST(p.starts_at - make_interval(days => 5 + p.hc), bench_now.at - interval '1 hour' - make_interval(mins => p.i % 600)) AS created_at,
               CASE
                 WHEN p.starts_at >= bench_now.at THEN CASE WHEN p.hs < 88 THEN 'booked' ELSE 'cancelled' END
                 WHEN p.starts_at >= bench_now.at - interval '3 days' THEN CASE WHEN p.hs < 85 THEN 'booked' ELSE 'cancelled' END
                 ELSE CASE WHEN p.hs < 76 THEN 'completed' WHEN p.hs < 86 THEN 'no_show' ELSE 'cancelled' END
               END::booking_status AS status,
               bench_now.at AS now_at
          FROM placed p, bench_now
      )
      SELECT t.*, gen_random_uuid() AS id,
             (SELECT bp.id FROM bench_programme bp WHERE bp.home AND t.n BETWEEN bp.first_n AND bp.last_n) AS programme_id,
             CASE WHEN t.i % 10 < 3 THEN gen_random_uuid() END AS invitation_id,
             CASE WHEN t.status = 'cancelled' THEN t.created_at + (LEAST(t.starts_at, t.now_at) - t.created_at) / 2 END AS cancelled_at,
             CASE WHEN t.status <> 'cancelled' THEN NULL WHEN t.hb < 7 THEN 'candidate' WHEN t.hb < 9 THEN 'coach' ELSE 'admin' END::booking_actor AS cancelled_by,
             LEAST(t.ends_at + interval '1 hour', t.now_at) AS recorded_at,
             (${textArray(FIRST_NAMES)})[1 + (t.i * 3) % 20] || ' ' || (${textArray(LAST_NAMES)})[1 + (t.i / 20) % 20] AS candidate_name
        FROM timed t`)

    await q(`INSERT INTO invitations (id, programme_id, name, email, status, token_hash, created_at, updated_at, expires_at)
      SELECT invitation_id, programme_id, candidate_name, format('candidate%s@bench.example', i),
             CASE WHEN status = 'cancelled' THEN 'expired' ELSE 'booked' END::invitation_status,
             md5('invitation-a' || i) || md5('invitation-b' || i),
             created_at - make_interval(days => 1 + i % 9), created_at, created_at - make_interval(days => 1 + i % 9) + interval '30 days'
        FROM bench_booking WHERE invitation_id IS NOT NULL`)
    // Invitations never answered.
    await q(`INSERT INTO invitations (programme_id, name, email, status, token_hash, created_at, updated_at, expires_at)
      SELECT (SELECT id FROM bench_programme WHERE home ORDER BY first_n OFFSET (i % 3) LIMIT 1),
             'Invited ' || i, format('invited%s@bench.example', i),
             CASE WHEN i % 4 = 0 THEN 'sent' ELSE 'expired' END::invitation_status,
             md5('unanswered-a' || i) || md5('unanswered-b' || i),
             bench_now.at - make_interval(days => i % 360), bench_now.at - make_interval(days => i % 360),
             bench_now.at - make_interval(days => i % 360) + interval '30 days'
        FROM generate_series(0, 2999) i, bench_now`)

    const alphabet = lit('23456789ABCDEFGHJKMNPQRSTVWXYZ')
    const v = `((b.i::bigint * 7919 + 104729) % 729000000)`
    const referenceChars = [1, 30, 900, 27000, 810000, 24300000]
      .map((p) => `substr(${alphabet}, ((${v} / ${p}) % 30)::int + 1, 1)`)
      .join(' || ')
    await q(
      `INSERT INTO bookings (id, reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone, contact_method,
                             accessibility_needs, candidate_time_zone, status, starts_at, ends_at, cancelled_at, cancelled_by,
                             cancellation_reason, invitation_id, sequence, consent_notice_version, consent_acknowledged_at,
                             created_at, updated_at)
       SELECT b.id, 'CC-' || ${referenceChars}, b.programme_id, b.coach_id, b.candidate_name, format('candidate%s@bench.example', b.i),
              CASE WHEN b.i % 5 = 0 THEN '07700 900' || lpad((b.i % 1000)::text, 3, '0') END,
              CASE WHEN b.i % 5 = 0 THEN 'phone' ELSE 'video' END::contact_method,
              CASE WHEN b.i % 25 = 0 THEN 'Step-free access, please' END, ${lit(TIME_ZONE)}, b.status, b.starts_at, b.ends_at,
              b.cancelled_at, b.cancelled_by,
              CASE WHEN b.cancelled_by IN ('coach', 'admin') THEN 'The coach is not available then' END,
              b.invitation_id, CASE WHEN b.status = 'cancelled' THEN 1 ELSE 0 END, $1, b.created_at, b.created_at,
              CASE WHEN b.status = 'cancelled' THEN b.cancelled_at WHEN b.status IN ('completed', 'no_show') THEN b.recorded_at ELSE b.created_at END
         FROM bench_booking b`,
      [CONSENT_NOTICE_VERSION],
    )
    await q(`INSERT INTO booking_events (booking_id, kind, actor, actor_staff_user_id, occurred_at, starts_at, ends_at, coach_id, reason, sequence)
      SELECT id, 'booked'::booking_event_kind, 'candidate'::booking_actor, NULL::uuid, created_at, starts_at, ends_at, coach_id, NULL::text, 0
        FROM bench_booking
      UNION ALL
      SELECT id, 'cancelled', cancelled_by, CASE WHEN cancelled_by = 'coach' THEN staff_id END, cancelled_at, starts_at, ends_at, coach_id,
             CASE WHEN cancelled_by IN ('coach', 'admin') THEN 'The coach is not available then' END, 1
        FROM bench_booking WHERE status = 'cancelled'
      UNION ALL
      SELECT id, status::text::booking_event_kind, 'coach', staff_id, recorded_at, starts_at, ends_at, coach_id, NULL, 0
        FROM bench_booking WHERE status IN ('completed', 'no_show')`)
    await q(`INSERT INTO conversation_outcomes (booking_id, outcome, recorded_at, recorded_by_id)
      SELECT id, CASE WHEN status = 'completed' THEN 'held' ELSE 'no_show' END::conversation_outcome, recorded_at, staff_id
        FROM bench_booking WHERE status IN ('completed', 'no_show')`)
    await q(`INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, no_actions_agreed, status, version,
                                             created_at, updated_at, updated_by_id, completed_at, completed_by_id)
      SELECT id, ${lit(DEFAULT_CONVERSATION_MODEL_KEY)}, 1, '{}', false, 'complete', 3, ends_at, recorded_at, staff_id, recorded_at, staff_id
        FROM bench_booking WHERE status = 'completed'`)

    // Actions, spread over the conversations held.
    await q(`CREATE TEMP TABLE bench_held ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY starts_at, id) - 1)::int AS h, id AS booking_id, ends_at, staff_id
        FROM bench_booking WHERE status = 'completed'`)
    const { rows: heldRows } = await q('SELECT count(*)::int AS count FROM bench_held')
    const held = (heldRows[0] as { count: number }).count
    if (held === 0) throw new Error('The seed made no held conversations to hang actions on')
    await q(`CREATE TEMP TABLE bench_action ON COMMIT DROP AS
      WITH base AS (
        SELECT a.i, hd.booking_id, hd.staff_id, (a.i / ${held}) + 1 AS position,
               LEAST(hd.ends_at + interval '30 minutes', bench_now.at) AS created_at,
               (hd.ends_at AT TIME ZONE ${lit(TIME_ZONE)})::date + 7 + abs(hashtext('due' || a.i)) % 84 AS due_on,
               abs(hashtext('state' || a.i)) % 100 AS hs, abs(hashtext('owner' || a.i)) % 10 AS ho,
               abs(hashtext('category' || a.i)) % 6 AS hc, abs(hashtext('when' || a.i)) % 60 AS hw,
               bench_now.at AS now_at
          FROM generate_series(0, ${ACTION_COUNT - 1}) a(i)
          JOIN bench_held hd ON hd.h = a.i % ${held}
          CROSS JOIN bench_now
      )
      SELECT gen_random_uuid() AS id, b.*,
             CASE WHEN b.hs < 35 THEN 'done' WHEN b.hs < 55 THEN 'in_progress' WHEN b.hs < 63 THEN 'no_longer_relevant' ELSE 'not_started' END::action_status AS status,
             CASE WHEN b.ho < 6 THEN 'candidate' WHEN b.ho < 8 THEN 'coach' ELSE 'programme_team' END::action_owner AS owner,
             (${textArray(CATEGORIES)})[1 + b.hc]::action_category AS category,
             CASE WHEN b.hs >= 63 THEN b.created_at ELSE LEAST(b.created_at + make_interval(days => 1 + b.hw), b.now_at) END AS status_changed_at
        FROM base b`)
    await q(`INSERT INTO actions (id, booking_id, position, summary, owner, due_on, category, resource_url, status, status_changed_at,
                                  created_at, created_by_id, updated_at)
      SELECT id, booking_id, position, (${textArray(SUMMARIES)})[1 + i % ${SUMMARIES.length}], owner, due_on, category,
             CASE WHEN i % 9 = 0 THEN 'https://www.jobs.nhs.uk/' END, status, status_changed_at, created_at, staff_id, status_changed_at
        FROM bench_action`)
    await q(`INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, actor_staff_user_id, comment)
      SELECT action_id, from_status, to_status, changed_at, actor, actor_staff_user_id, comment FROM (
        SELECT id AS action_id, NULL::action_status AS from_status, 'not_started'::action_status AS to_status, created_at AS changed_at,
               'coach'::booking_actor AS actor, staff_id AS actor_staff_user_id, NULL AS comment, 0 AS step
          FROM bench_action
        UNION ALL
        SELECT id, 'not_started', 'in_progress',
               CASE WHEN status = 'done' THEN created_at + (status_changed_at - created_at) / 2 ELSE status_changed_at END,
               CASE WHEN owner = 'candidate' THEN 'candidate' ELSE 'coach' END::booking_actor,
               CASE WHEN owner = 'candidate' THEN NULL ELSE staff_id END, NULL, 1
          FROM bench_action WHERE status IN ('in_progress', 'done')
        UNION ALL
        SELECT id, 'in_progress', 'done', status_changed_at,
               CASE WHEN owner = 'candidate' THEN 'candidate' ELSE 'coach' END::booking_actor,
               CASE WHEN owner = 'candidate' THEN NULL ELSE staff_id END, NULL, 2
          FROM bench_action WHERE status = 'done'
        UNION ALL
        SELECT id, 'not_started', 'no_longer_relevant', status_changed_at, 'coach', staff_id, 'Plans changed: not needed any more', 2
          FROM bench_action WHERE status = 'no_longer_relevant'
        UNION ALL
        SELECT id, status, status, LEAST(status_changed_at + interval '1 minute', now_at), 'candidate', NULL,
               'I have started on this and will update you soon', 3
          FROM bench_action WHERE i % 5 = 0
      ) changes
      ORDER BY changed_at, step`)

    // Admins: two-factor is required of them, so each has an authenticator secret the harness knows.
    for (let n = 1; n <= ADMIN_COUNT; n++) {
      await q(
        `WITH staff AS (
           INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, 'admin', $3) RETURNING id
         )
         INSERT INTO staff_two_factor (staff_user_id, totp_secret, enabled_at) SELECT id, $4, now() FROM staff`,
        [adminEmail(n), `Bench Admin ${n}`, staffPasswordHash, encryptTotpSecret(ADMIN_TOTP_SECRET, SESSION_SECRET)],
      )
    }

    const { rows } = await q(`SELECT
        (SELECT count(*)::int FROM coaches) AS coaches,
        (SELECT count(*)::int FROM programmes) AS programmes,
        (SELECT count(*)::int FROM bookings) AS bookings,
        (SELECT count(*)::int FROM bookings WHERE status = 'booked') AS "liveBookings",
        (SELECT count(*)::int FROM bench_held) AS "heldConversations",
        (SELECT count(*)::int FROM actions) AS actions,
        (SELECT count(*)::int FROM action_status_changes) AS "statusChanges"`)
    await q('COMMIT')
    await q('ANALYZE')
    return { ...(rows[0] as Omit<SeedCounts, 'seconds'>), seconds: (performance.now() - started) / 1000 }
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}
