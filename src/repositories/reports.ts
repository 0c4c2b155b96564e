/**
 * The programme report (/api/v1/reports/programme, /admin/reports) in SQL:
 * each query below answers a handful of aggregate rows, never the bookings,
 * actions or status changes themselves; src/domain/reports turns them into
 * the report (rounding, rates). What each figure counts:
 * src/domain/reports/programme-report.ts.
 *
 * Every query reads the bookings of one programme whose conversation starts
 * in [start, end) through bookings (programme_id, starts_at), and their
 * actions through actions (booking_id, position). They run side by side,
 * each on its own connection of the pool.
 */
import type { ActionCategory, ActionOwner, ActionStatus } from '../domain/actions/types.js'
import { looksLikeUuid } from '../domain/ids.js'
import { COMPLETION_HORIZON_WEEKS, type ReportProgramme } from '../domain/reports/programme-report.js'
import type { Queryable } from './db.js'

/** The zone of the report's calendar days and weeks. */
const ZONE = `'Europe/London'`

/** Something to run the report's statements on: the pool (each statement then takes a connection of its own). */
export type ReportDb = Queryable & { connect?: () => Promise<Queryable & { release(): void }> }

/**
 * Runs one aggregate statement with just-in-time compilation off. A report
 * statement's estimated cost can pass jit_above_cost, and compiling it then
 * takes longer (100 to 200 ms, measured) than running it (a few ms to tens of
 * ms). SET LOCAL keeps the setting to this transaction: the connection goes
 * back to the pool as it came.
 */
export async function aggregate<R extends Record<string, unknown>>(db: ReportDb, sql: string, values: unknown[]): Promise<R[]> {
  if (!db.connect) return (await db.query<R>(sql, values)).rows
  const client = await db.connect()
  try {
    await client.query('BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL enable_nestloop = off')
    const { rows } = await client.query<R>(sql, values)
    await client.query('COMMIT')
    return rows
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** A programme by id or slug, active or not (a report can look back at a closed one). */
export async function findProgrammeForReport(db: Queryable, idOrSlug: string): Promise<ReportProgramme | null> {
  const byId = looksLikeUuid(idOrSlug)
  const { rows } = await db.query<ReportProgramme>(
    `SELECT id, slug, name FROM programmes WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'}`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug],
  )
  return rows[0] ?? null
}

export interface ReportScope {
  programmeId: string
  /** [start, end): the period's first instant and the instant after its last day. */
  start: Date
  end: Date
  /** The period as UK dates, both included (YYYY-MM-DD). */
  from: string
  to: string
  now: Date
}

/** Hours of a horizon of N weeks: exact hours, as the clocks change in between. */
const horizon = (weeks: number) => `make_interval(hours => ${weeks * 7 * 24})`

/** The summary figures of a set of days (percentile_cont: interpolated, as a median of an even count is). */
export interface DaysFigures {
  count: number
  median: number | null
  percentile90: number | null
  mean: number | null
}

export interface BookingFigures {
  made: number
  held: number
  noShows: number
  upcoming: number
  cancelled: number
  cancelledByCandidate: number
  cancelledByStaff: number
  /** Held conversations at least 4, 8 and 12 weeks old. */
  heldWeeks4: number
  heldWeeks8: number
  heldWeeks12: number
  toConversation: DaysFigures
  toBooking: DaysFigures
}

const days = (expression: string, condition: string, name: string) => `
  count(*) FILTER (WHERE ${condition})::int AS "${name}Count",
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression}) FILTER (WHERE ${condition}))::float8 AS "${name}Median",
  (percentile_cont(0.9) WITHIN GROUP (ORDER BY ${expression}) FILTER (WHERE ${condition}))::float8 AS "${name}Percentile90",
  (avg(${expression}) FILTER (WHERE ${condition}))::float8 AS "${name}Mean"`

/**
 * Bookings whose conversation is in the period, by what became of them, and
 * the UK calendar days from the invitation each answered to the booking and
 * to the conversation (percentile_cont: interpolated, as the median of an
 * even count is). One pass over the period's bookings; each invitation is
 * found by its key.
 */
export async function bookingFigures(db: ReportDb, scope: ReportScope): Promise<BookingFigures> {
  const rows = await aggregate<Record<string, number | null>>(
    db,
    `SELECT count(*)::int AS made,
            count(*) FILTER (WHERE b.status = 'completed')::int AS held,
            count(*) FILTER (WHERE b.status = 'no_show')::int AS "noShows",
            count(*) FILTER (WHERE b.status = 'booked')::int AS upcoming,
            count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE b.status = 'cancelled' AND b.cancelled_by = 'candidate')::int AS "cancelledByCandidate",
            count(*) FILTER (WHERE b.status = 'cancelled' AND b.cancelled_by IS DISTINCT FROM 'candidate')::int AS "cancelledByStaff",
            ${COMPLETION_HORIZON_WEEKS.map((w) => `count(*) FILTER (WHERE b.status = 'completed' AND b.starts_at + ${horizon(w)} <= $4)::int AS "heldWeeks${w}"`).join(',\n')},
            ${days(`((b.starts_at AT TIME ZONE ${ZONE})::date - (i.created_at AT TIME ZONE ${ZONE})::date)`, `b.status = 'completed' AND i.id IS NOT NULL`, 'toConversation')},
            ${days(`((b.created_at AT TIME ZONE ${ZONE})::date - (i.created_at AT TIME ZONE ${ZONE})::date)`, `i.id IS NOT NULL`, 'toBooking')}
       FROM bookings b LEFT JOIN invitations i ON i.id = b.invitation_id
      WHERE b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3`,
    [scope.programmeId, scope.start, scope.end, scope.now],
  )
  const row = rows[0]!
  const n = (key: string) => Number(row[key] ?? 0)
  const figures = (name: string): DaysFigures => ({
    count: n(`${name}Count`),
    median: row[`${name}Median`] ?? null,
    percentile90: row[`${name}Percentile90`] ?? null,
    mean: row[`${name}Mean`] ?? null,
  })
  return {
    made: n('made'),
    held: n('held'),
    noShows: n('noShows'),
    upcoming: n('upcoming'),
    cancelled: n('cancelled'),
    cancelledByCandidate: n('cancelledByCandidate'),
    cancelledByStaff: n('cancelledByStaff'),
    heldWeeks4: n('heldWeeks4'),
    heldWeeks8: n('heldWeeks8'),
    heldWeeks12: n('heldWeeks12'),
    toConversation: figures('toConversation'),
    toBooking: figures('toBooking'),
  }
}

export interface InvitationFigures {
  /** Invitations created in the period. */
  sent: number
  /** Of those, by the best that came of them: held > did not attend > still booked > cancelled. */
  booked: number
  held: number
  didNotAttend: number
  stillBooked: number
  cancelled: number
}

/** The invitations sent in the period, each followed to the best outcome of the bookings made with it (whenever). */
export async function invitationFigures(db: ReportDb, scope: ReportScope): Promise<InvitationFigures> {
  const rows = await aggregate<InvitationFigures & Record<string, number>>(
    db,
    `SELECT (SELECT count(*)::int FROM invitations WHERE programme_id = $1 AND created_at >= $2 AND created_at < $3) AS sent,
            count(*)::int AS booked,
            count(*) FILTER (WHERE best = 1)::int AS held,
            count(*) FILTER (WHERE best = 2)::int AS "didNotAttend",
            count(*) FILTER (WHERE best = 3)::int AS "stillBooked",
            count(*) FILTER (WHERE best = 4)::int AS cancelled
       FROM (SELECT b.invitation_id, min(CASE b.status WHEN 'completed' THEN 1 WHEN 'no_show' THEN 2 WHEN 'booked' THEN 3 ELSE 4 END) AS best
               FROM bookings b JOIN invitations i ON i.id = b.invitation_id
              WHERE i.programme_id = $1 AND i.created_at >= $2 AND i.created_at < $3
              GROUP BY b.invitation_id) outcome`,
    [scope.programmeId, scope.start, scope.end],
  )
  return rows[0]!
}

/** Actions and how many were done by each horizon, for one group (all, a category, an owner or a status). */
export interface ActionGroupFigures {
  agreed: number
  /** Per horizon: actions of conversations old enough, and of those done by then. */
  weeks4: { actions: number; done: number }
  weeks8: { actions: number; done: number }
  weeks12: { actions: number; done: number }
}

export interface ActionFigures {
  all: ActionGroupFigures
  byCategory: Partial<Record<ActionCategory, ActionGroupFigures>>
  byOwner: Partial<Record<ActionOwner, ActionGroupFigures>>
  byStatus: Partial<Record<ActionStatus, number>>
  /** Held conversations with an action of this kind done now. */
  conversationsWithDone: Record<(typeof WENT_ON_TO_CATEGORIES)[number], number>
}

interface ActionGroupRow extends Record<string, unknown> {
  category: ActionCategory
  owner: ActionOwner
  status: ActionStatus
  agreed: number
  weeks4Actions: number
  weeks4Done: number
  weeks8Actions: number
  weeks8Done: number
  weeks12Actions: number
  weeks12Done: number
}

const emptyGroup = (): ActionGroupFigures => ({ agreed: 0, weeks4: { actions: 0, done: 0 }, weeks8: { actions: 0, done: 0 }, weeks12: { actions: 0, done: 0 } })

function addTo(target: ActionGroupFigures, row: ActionGroupRow): ActionGroupFigures {
  target.agreed += row.agreed
  for (const weeks of COMPLETION_HORIZON_WEEKS) {
    target[`weeks${weeks}`].actions += row[`weeks${weeks}Actions`]
    target[`weeks${weeks}`].done += row[`weeks${weeks}Done`]
  }
  return target
}

/** The kinds of action whose being done says what a candidate went on to. */
export const WENT_ON_TO_CATEGORIES = ['training_or_course', 'job_application', 'qualification'] as const satisfies readonly ActionCategory[]

/**
 * The actions of the conversations held in the period: in all, by category,
 * by owner and by status now; how many were done 4, 8 and 12 weeks after
 * their conversation; and how many conversations have an action of each kind
 * of WENT_ON_TO_CATEGORIES done now. One pass over the period's actions,
 * counted by (category, owner, status), at most 72 rows added up here, and by
 * conversation, counted in the statement (grouping sets).
 *
 * An action's status at an instant is that of its last status change at or
 * before it (latest changed_at, then id); with none by then, not started.
 * The service writes an action's status and status_changed_at together with
 * the change that sets them, so when the status last changed by the horizon,
 * the status then is the status now. An action whose status changed after
 * the horizon was done then only if it was changed from done afterwards
 * (reopened or dropped): those few (a partial index finds them) are looked up
 * in their history; every other action is counted from its own row.
 */
export async function actionFigures(db: ReportDb, scope: ReportScope): Promise<ActionFigures> {
  const at = (weeks: number) => `b.starts_at + ${horizon(weeks)}`
  const flags = (weeks: number) => `
    ${at(weeks)} <= $4 AS old${weeks},
    CASE WHEN a.status_changed_at <= ${at(weeks)} THEN a.status = 'done'
         WHEN reopened.action_id IS NULL THEN false
         ELSE coalesce((SELECT c.to_status = 'done' FROM action_status_changes c
                         WHERE c.action_id = a.id AND c.changed_at <= ${at(weeks)}
                         ORDER BY c.changed_at DESC, c.id DESC LIMIT 1), false)
    END AS done${weeks}`
  const counted = (weeks: number) => `
    count(*) FILTER (WHERE old${weeks})::int AS "weeks${weeks}Actions",
    count(*) FILTER (WHERE old${weeks} AND done${weeks})::int AS "weeks${weeks}Done"`
  const rows = await aggregate<{ groups: ActionGroupRow[] | null; went: Record<(typeof WENT_ON_TO_CATEGORIES)[number], number> }>(
    db,
    `WITH per_action AS (
       SELECT a.booking_id, a.category, a.owner, a.status, ${COMPLETION_HORIZON_WEEKS.map(flags).join(',')}
         FROM bookings b
         JOIN actions a ON a.booking_id = b.id
         LEFT JOIN (SELECT DISTINCT action_id FROM action_status_changes
                     WHERE from_status = 'done' AND to_status <> 'done') reopened ON reopened.action_id = a.id
        WHERE b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status = 'completed'
     ), counts AS (
       SELECT GROUPING(booking_id) = 0 AS per_conversation, category, owner, status, count(*)::int AS agreed,
              ${COMPLETION_HORIZON_WEEKS.map(counted).join(',')},
              ${WENT_ON_TO_CATEGORIES.map((c) => `bool_or(category = '${c}' AND status = 'done') AS "${c}"`).join(', ')}
         FROM per_action
        GROUP BY GROUPING SETS ((category, owner, status), (booking_id))
     )
     SELECT (SELECT json_agg(counts) FROM counts WHERE NOT per_conversation) AS groups,
            (SELECT json_build_object(${WENT_ON_TO_CATEGORIES.map((c) => `'${c}', count(*) FILTER (WHERE "${c}")`).join(', ')})
               FROM counts WHERE per_conversation) AS went`,
    [scope.programmeId, scope.start, scope.end, scope.now],
  )
  const figures: ActionFigures = {
    all: emptyGroup(),
    byCategory: {},
    byOwner: {},
    byStatus: {},
    conversationsWithDone: { training_or_course: 0, job_application: 0, qualification: 0 },
  }
  for (const row of rows[0]?.groups ?? []) {
    addTo(figures.all, row)
    addTo((figures.byCategory[row.category] ??= emptyGroup()), row)
    addTo((figures.byOwner[row.owner] ??= emptyGroup()), row)
    figures.byStatus[row.status] = (figures.byStatus[row.status] ?? 0) + row.agreed
  }
  for (const category of WENT_ON_TO_CATEGORIES) figures.conversationsWithDone[category] = rows[0]?.went?.[category] ?? 0
  return figures
}

export interface CoachUtilisationRow {
  coachId: string
  name: string
  /** Hours of this programme's conversations in the period that were not cancelled (held, missed or still booked). */
  bookedHours: number
  /** Hours of working time in the period (weekly hours, date changes and time off). */
  availableHours: number
}

/**
 * For each coach on the programme now, or with conversations of it in the
 * period: hours booked against hours available.
 *
 * Available hours come from the coach's working hours as they are now, on
 * each date of the period on the coach's own clock: the weekly windows
 * (joined where they overlap); on a date with a change, a day off drops the
 * weekly windows and extra hours add to them; time off is taken out. Dates
 * without a change or time off are counted by weekday (so many Mondays times
 * Monday's hours, as the clock reads them); only dates with a change or time
 * off are worked out one by one in real time. A coach on several programmes
 * offers the same hours to each.
 */
export async function coachUtilisation(db: ReportDb, scope: ReportScope): Promise<CoachUtilisationRow[]> {
  const local = (day: string, minute: string) => `((${day} + ${minute} * interval '1 minute') AT TIME ZONE c.time_zone)`
  return aggregate<CoachUtilisationRow & Record<string, unknown>>(
    db,
    `WITH booked AS (
       SELECT b.coach_id, sum(extract(epoch FROM b.ends_at - b.starts_at)) / 3600 AS hours
         FROM bookings b
        WHERE b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status <> 'cancelled'
        GROUP BY b.coach_id
     ), coach_set AS (
       SELECT coach_id FROM programme_coaches WHERE programme_id = $1
       UNION SELECT coach_id FROM booked
     ), special AS (
       SELECT DISTINCT coach_id, day FROM (
         SELECT o.coach_id, o.date AS day FROM coach_date_overrides o
          WHERE o.coach_id IN (SELECT coach_id FROM coach_set) AND o.date BETWEEN $4::date AND $5::date
         UNION ALL
         SELECT t.coach_id, d::date FROM coach_time_off t JOIN coaches c ON c.id = t.coach_id
          CROSS JOIN generate_series((t.starts_at AT TIME ZONE c.time_zone)::date, (t.ends_at AT TIME ZONE c.time_zone)::date, interval '1 day') d
          WHERE t.coach_id IN (SELECT coach_id FROM coach_set) AND t.starts_at < $3 AND t.ends_at > $2
       ) dates WHERE day BETWEEN $4::date AND $5::date
     ), weekly AS (
       SELECT coach_id, weekday, (SELECT sum(upper(r) - lower(r)) FROM unnest(range_agg(int4range(start_minute, end_minute))) r) AS minutes
         FROM availability_windows WHERE coach_id IN (SELECT coach_id FROM coach_set)
        GROUP BY coach_id, weekday
     ), weekdays AS (
       SELECT extract(isodow FROM d)::int AS weekday, count(*) AS dates FROM generate_series($4::date, $5::date, interval '1 day') d GROUP BY 1
     ), special_weekdays AS (
       SELECT coach_id, extract(isodow FROM day)::int AS weekday, count(*) AS dates FROM special GROUP BY 1, 2
     ), ordinary AS (
       SELECT w.coach_id, sum(w.minutes * (weekdays.dates - coalesce(sw.dates, 0))) / 60.0 AS hours
         FROM weekly w JOIN weekdays USING (weekday) LEFT JOIN special_weekdays sw USING (coach_id, weekday)
        GROUP BY w.coach_id
     ), special_hours AS (
       SELECT s.coach_id, sum(worked.seconds) / 3600 AS hours
         FROM special s JOIN coaches c ON c.id = s.coach_id
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) AS seconds
            FROM unnest(
              coalesce((SELECT range_agg(tstzrange(${local('s.day', 'win.start_minute')}, greatest(${local('s.day', 'win.start_minute')}, ${local('s.day', 'win.end_minute')})))
                          FROM (SELECT w.start_minute, w.end_minute FROM availability_windows w
                                 WHERE w.coach_id = s.coach_id AND w.weekday = extract(isodow FROM s.day)
                                   AND NOT EXISTS (SELECT 1 FROM coach_date_overrides o WHERE o.coach_id = s.coach_id AND o.date = s.day AND o.kind = 'day_off')
                                UNION ALL
                                SELECT o.start_minute, o.end_minute FROM coach_date_overrides o
                                 WHERE o.coach_id = s.coach_id AND o.date = s.day AND o.kind = 'extra_hours') win), '{}'::tstzmultirange)
              - coalesce((SELECT range_agg(tstzrange(t.starts_at, t.ends_at)) FROM coach_time_off t
                           WHERE t.coach_id = s.coach_id AND t.starts_at < ${local('s.day', '1440')} AND t.ends_at > ${local('s.day', '0')}), '{}'::tstzmultirange)
            ) r
        ) worked
        GROUP BY s.coach_id
     )
     SELECT cs.coach_id AS "coachId", s.name,
            coalesce(booked.hours, 0)::float8 AS "bookedHours",
            (coalesce(ordinary.hours, 0) + coalesce(special_hours.hours, 0))::float8 AS "availableHours"
       FROM coach_set cs
       JOIN coaches c ON c.id = cs.coach_id JOIN staff_users s ON s.id = c.staff_user_id
       LEFT JOIN booked ON booked.coach_id = cs.coach_id
       LEFT JOIN ordinary ON ordinary.coach_id = cs.coach_id
       LEFT JOIN special_hours ON special_hours.coach_id = cs.coach_id
      ORDER BY s.name, cs.coach_id`,
    [scope.programmeId, scope.start, scope.end, scope.from, scope.to],
  )
}

export interface WeekRow {
  /** The Monday the week starts on (YYYY-MM-DD, UK); the first and last weeks may start or end outside the period. */
  weekStarting: string
  /** Bookings made (created) that week, in the period, whatever became of them. */
  made: number
  /** Bookings whose conversation is that week, in the period, in any state. */
  conversations: number
  /** Of those, held. */
  held: number
}

/** Bookings per UK week (Monday to Sunday) of the period: made that week, and conversations that week. */
export async function bookingsPerWeek(db: ReportDb, scope: ReportScope): Promise<WeekRow[]> {
  const week = (column: string) => `date_trunc('week', ${column} AT TIME ZONE ${ZONE})::date`
  return aggregate<WeekRow & Record<string, unknown>>(
    db,
    `WITH weeks AS (
       SELECT w::date AS week FROM generate_series(date_trunc('week', $4::date), $5::date, interval '7 days') w
     ), made AS (
       SELECT ${week('b.created_at')} AS week, count(*)::int AS made
         FROM bookings b WHERE b.programme_id = $1 AND b.created_at >= $2 AND b.created_at < $3 GROUP BY 1
     ), conversations AS (
       SELECT ${week('b.starts_at')} AS week, count(*)::int AS conversations, count(*) FILTER (WHERE b.status = 'completed')::int AS held
         FROM bookings b WHERE b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 GROUP BY 1
     )
     SELECT to_char(weeks.week, 'YYYY-MM-DD') AS "weekStarting", coalesce(made.made, 0) AS made,
            coalesce(conversations.conversations, 0) AS conversations, coalesce(conversations.held, 0) AS held
       FROM weeks LEFT JOIN made USING (week) LEFT JOIN conversations USING (week)
      ORDER BY weeks.week`,
    [scope.programmeId, scope.start, scope.end, scope.from, scope.to],
  )
}

/**
 * The programme with the most recent activity (the report's page opens on
 * it): the latest booking made or changed, invitation sent, or action status
 * changed; among programmes with none, the first active one by name. Null
 * when there are no programmes.
 */
export async function programmeWithLatestActivity(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT p.id
       FROM programmes p
       LEFT JOIN LATERAL (
         SELECT greatest(
                  (SELECT max(b.updated_at) FROM bookings b WHERE b.programme_id = p.id),
                  (SELECT max(i.created_at) FROM invitations i WHERE i.programme_id = p.id),
                  (SELECT max(a.status_changed_at) FROM actions a JOIN bookings b ON b.id = a.booking_id WHERE b.programme_id = p.id)
                ) AS at
       ) latest ON true
      ORDER BY latest.at DESC NULLS LAST, p.active DESC, p.name, p.slug
      LIMIT 1`,
  )
  return rows[0]?.id ?? null
}
