/**
 * The report's counts of what candidates said after their conversations,
 * by PostgreSQL: the held conversations of the programme in the
 * period, per coach (the domain adds them up, and shows a coach only with 5
 * answers or more: src/domain/outcomes/report-figures.ts). Also the
 * wentOnTo counts, from the outcome follow-ups and the actions done.
 */
import { CONFIDENCE, HELPED, NEXT_STEP, OUTCOME_TYPES, USEFULNESS, type FollowUpMonths } from '../domain/outcomes/questions.js'
import { aggregate, type ReportDb, type ReportScope } from './reports.js'

const HELD = `b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status = 'completed'`
const counts = (column: string, values: readonly string[], prefix: string) =>
  values.map((value) => `count(*) FILTER (WHERE ${column} = '${value}')::int AS "${prefix}.${value}"`).join(',\n')

/** Confidence as a rank, low to high, so before and after compare. */
const rank = (column: string) => `array_position(ARRAY['notConfident', 'fairlyConfident', 'confident'], ${column})`

export interface CoachFeedbackRow extends Record<string, unknown> {
  coachId: string
  name: string
  held: number
  answered: number
  declined: number
  withComment: number
  /** Held conversations whose notes record the candidate's confidence. */
  beforeRecorded: number
  /** Answers with a confidence, whose notes record one too. */
  compared: number
  higher: number
  same: number
  lower: number
  /** And "usefulness.<value>", "knowsNextStep.<value>", "confidenceBefore.<value>", "confidenceAfter.<value>": counts. */
}

/** Feedback of the held conversations of the period, one row per coach who held any. */
export async function feedbackByCoach(db: ReportDb, scope: ReportScope): Promise<CoachFeedbackRow[]> {
  const before = `n.note_values->>'confidence'`
  return aggregate<CoachFeedbackRow>(
    db,
    `SELECT b.coach_id AS "coachId", su.name,
            count(*)::int AS held,
            count(*) FILTER (WHERE f.status = 'answered')::int AS answered,
            count(*) FILTER (WHERE f.status = 'declined')::int AS declined,
            count(*) FILTER (WHERE f.comment IS NOT NULL)::int AS "withComment",
            ${counts('f.usefulness::text', USEFULNESS, 'usefulness')},
            ${counts('f.knows_next_step::text', NEXT_STEP, 'knowsNextStep')},
            ${counts(before, CONFIDENCE, 'confidenceBefore')},
            ${counts('f.confidence', CONFIDENCE, 'confidenceAfter')},
            count(*) FILTER (WHERE ${rank(before)} IS NOT NULL)::int AS "beforeRecorded",
            count(*) FILTER (WHERE ${rank(before)} IS NOT NULL AND f.confidence IS NOT NULL)::int AS compared,
            count(*) FILTER (WHERE ${rank('f.confidence')} > ${rank(before)})::int AS higher,
            count(*) FILTER (WHERE ${rank('f.confidence')} = ${rank(before)})::int AS same,
            count(*) FILTER (WHERE ${rank('f.confidence')} < ${rank(before)})::int AS lower
       FROM bookings b
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users su ON su.id = c.staff_user_id
       LEFT JOIN conversation_feedback f ON f.booking_id = b.id
       LEFT JOIN conversation_notes n ON n.booking_id = b.id
      WHERE ${HELD}
      GROUP BY b.coach_id, su.name
      ORDER BY su.name, b.coach_id`,
    [scope.programmeId, scope.start, scope.end],
  )
}

export interface CoachFollowUpRow extends Record<string, unknown> {
  coachId: string
  name: string
  months: FollowUpMonths
  /** Held conversations at least this many months old: asked. */
  due: number
  answered: number
  stopped: number
  /** And "doneSince.<type>", "helped.<value>": counts of answers. */
}

/** The 3 and 12-month follow-ups of the held conversations of the period old enough to be asked, per coach. */
export async function followUpsByCoach(db: ReportDb, scope: ReportScope): Promise<CoachFollowUpRow[]> {
  return aggregate<CoachFollowUpRow>(
    db,
    `SELECT b.coach_id AS "coachId", su.name, m.months,
            count(*)::int AS due,
            count(*) FILTER (WHERE cardinality(o.done_since) > 0)::int AS answered,
            count(*) FILTER (WHERE o.status = 'stopped')::int AS stopped,
            ${OUTCOME_TYPES.map((type) => `count(*) FILTER (WHERE '${type}' = ANY(o.done_since))::int AS "doneSince.${type}"`).join(',\n')},
            ${counts('o.helped::text', HELPED, 'helped')}
       FROM bookings b
       CROSS JOIN (VALUES (3), (12)) AS m(months)
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users su ON su.id = c.staff_user_id
       LEFT JOIN outcome_follow_ups o ON o.booking_id = b.id AND o.months = m.months
      WHERE ${HELD}
        -- Asked on the UK calendar, as the emails are (src/domain/outcomes/schedule.ts).
        AND ((b.starts_at AT TIME ZONE 'Europe/London') + make_interval(months => m.months)) AT TIME ZONE 'Europe/London' <= $4
      GROUP BY b.coach_id, su.name, m.months
      ORDER BY m.months, su.name, b.coach_id`,
    [scope.programmeId, scope.start, scope.end, scope.now],
  )
}

export interface WentOnToCounts extends Record<string, unknown> {
  trainingStarted: number
  applicationMade: number
  qualificationGained: number
  newRole: number
  movedUp: number
}

/**
 * Held conversations whose candidate went on to each thing: said so in a
 * follow-up (at 3 or 12 months), or, for training, an application and a
 * qualification, has that kind of action done now. One count per conversation.
 */
export async function wentOnToCounts(db: ReportDb, scope: ReportScope): Promise<WentOnToCounts> {
  const said = (type: string) => `EXISTS (SELECT 1 FROM outcome_follow_ups o WHERE o.booking_id = b.id AND '${type}' = ANY(o.done_since))`
  const done = (category: string) => `EXISTS (SELECT 1 FROM actions a WHERE a.booking_id = b.id AND a.category = '${category}' AND a.status = 'done')`
  const rows = await aggregate<WentOnToCounts>(
    db,
    `SELECT count(*) FILTER (WHERE ${said('started_training')} OR ${done('training_or_course')})::int AS "trainingStarted",
            count(*) FILTER (WHERE ${said('applied_for_role')} OR ${done('job_application')})::int AS "applicationMade",
            count(*) FILTER (WHERE ${said('gained_qualification')} OR ${done('qualification')})::int AS "qualificationGained",
            count(*) FILTER (WHERE ${said('new_role_or_more_hours')})::int AS "newRole",
            count(*) FILTER (WHERE ${said('moved_up')})::int AS "movedUp"
       FROM bookings b
      WHERE ${HELD}`,
    [scope.programmeId, scope.start, scope.end],
  )
  return rows[0]!
}

/** The coach's own feedback, all of it (their dashboard: shown only from 5 answers). */
export async function coachFeedbackTotals(db: ReportDb, coachId: string): Promise<CoachFeedbackRow | null> {
  const rows = await aggregate<CoachFeedbackRow>(
    db,
    `SELECT $1::uuid AS "coachId", '' AS name, count(*)::int AS held,
            count(*) FILTER (WHERE f.status = 'answered')::int AS answered,
            count(*) FILTER (WHERE f.status = 'declined')::int AS declined,
            count(*) FILTER (WHERE f.comment IS NOT NULL)::int AS "withComment",
            ${counts('f.usefulness::text', USEFULNESS, 'usefulness')},
            ${counts('f.knows_next_step::text', NEXT_STEP, 'knowsNextStep')},
            ${counts('f.confidence', CONFIDENCE, 'confidenceAfter')},
            0 AS "beforeRecorded", 0 AS compared, 0 AS higher, 0 AS same, 0 AS lower
       FROM bookings b
       JOIN conversation_feedback f ON f.booking_id = b.id
      WHERE b.coach_id = $1 AND b.status = 'completed'`,
    [coachId],
  )
  return rows[0] ?? null
}

/**
 * The comments candidates left in their feedback on the held conversations of
 * the period (UK dates, both included), newest first, at most `limit`: for
 * the programme team's report page only, with when and nothing else (no
 * candidate, no coach).
 */
export async function feedbackComments(db: ReportDb, programmeId: string, from: string, to: string, limit = 200): Promise<{ comment: string; answeredAt: Date }[]> {
  const { rows } = await db.query<{ comment: string; answeredAt: Date }>(
    `SELECT f.comment, f.first_answered_at AS "answeredAt"
       FROM bookings b JOIN conversation_feedback f ON f.booking_id = b.id
      WHERE b.programme_id = $1 AND b.status = 'completed' AND f.comment IS NOT NULL
        AND (b.starts_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
      ORDER BY f.first_answered_at DESC, b.id
      LIMIT $4`,
    [programmeId, from, to, limit],
  )
  return rows
}
