/**
 * The programme report's `feedback` and `outcomes` sections, put
 * together from PostgreSQL's counts per coach (src/repositories/outcome-report.ts).
 * Pure: no I/O.
 *
 * - feedback: over the conversations of the period that were held: how many
 *   answered or declined, the response rate (answered / held), the answers
 *   to each question, and confidence before (recorded by the coach in the
 *   notes; four-stage model only) and after (the candidate's answer), with
 *   the conversations that have both compared (higher, same, lower).
 * - outcomes.months3 / months12: over the held conversations of the period
 *   at least 3 (12) months old on the UK calendar, so asked: how many
 *   answered, said "do not ask again", the response rate, what they had done
 *   (several per answer) and whether the conversation helped.
 * - Per coach: only a coach with at least COACH_MINIMUM_ANSWERS answers is
 *   shown, with aggregates only (never a comment); the others are counted in
 *   coachesNotShown, so no answer can be traced to one candidate.
 */
import type { CoachFeedbackRow, CoachFollowUpRow } from '../../repositories/outcome-report.js'
import {
  CONFIDENCE,
  HELPED,
  NEXT_STEP,
  OUTCOME_TYPES,
  USEFULNESS,
  type Confidence,
  type FollowUpMonths,
  type Helped,
  type NextStep,
  type OutcomeType,
  type Usefulness,
} from './questions.js'

/** A coach sees, and the report shows per coach, only aggregates of at least this many answers. */
export const COACH_MINIMUM_ANSWERS = 5

type Tally<K extends string> = Record<K, number>

interface CoachRef {
  id: string
  name: string
}

export interface FeedbackAnswerCounts {
  answered: number
  usefulness: Tally<Usefulness>
  knowsNextStep: Tally<NextStep>
  confidenceAfter: Tally<Confidence>
}

export interface FeedbackFigures extends FeedbackAnswerCounts {
  basis: 'held_conversations_in_period'
  held: number
  declined: number
  /** answered / held, three decimal places; null with none held. */
  responseRate: number | null
  withComment: number
  confidence: {
    before: Tally<Confidence>
    /** Held conversations whose notes record it. */
    beforeRecorded: number
    after: Tally<Confidence>
    /** Conversations with both. */
    compared: number
    higher: number
    same: number
    lower: number
  }
  coaches: (FeedbackAnswerCounts & { coach: CoachRef })[]
  /** Coaches with answers, but fewer than COACH_MINIMUM_ANSWERS: not shown. */
  coachesNotShown: number
}

export interface FollowUpAnswerCounts {
  answered: number
  doneSince: Tally<OutcomeType>
  helped: Tally<Helped>
}

export interface FollowUpFigures extends FollowUpAnswerCounts {
  /** Held conversations of the period old enough to have been asked. */
  due: number
  stopped: number
  /** answered / due, three decimal places; null with none due. */
  responseRate: number | null
  coaches: (FollowUpAnswerCounts & { coach: CoachRef })[]
  coachesNotShown: number
}

export interface OutcomeFigures {
  basis: 'held_conversations_old_enough'
  months3: FollowUpFigures
  months12: FollowUpFigures
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)
const tally = <K extends string>(keys: readonly K[], row: Record<string, unknown>, prefix: string): Tally<K> =>
  Object.fromEntries(keys.map((key) => [key, Number(row[`${prefix}.${key}`] ?? 0)])) as Tally<K>
const sum = <K extends string>(keys: readonly K[], tallies: Tally<K>[]): Tally<K> =>
  Object.fromEntries(keys.map((key) => [key, tallies.reduce((n, t) => n + t[key], 0)])) as Tally<K>
const total = <R>(rows: R[], pick: (row: R) => number) => rows.reduce((n, row) => n + pick(row), 0)

function feedbackCounts(row: CoachFeedbackRow): FeedbackAnswerCounts {
  return {
    answered: row.answered,
    usefulness: tally(USEFULNESS, row, 'usefulness'),
    knowsNextStep: tally(NEXT_STEP, row, 'knowsNextStep'),
    confidenceAfter: tally(CONFIDENCE, row, 'confidenceAfter'),
  }
}

export function feedbackFigures(rows: CoachFeedbackRow[]): FeedbackFigures {
  const perCoach = rows.map((row) => ({ row, counts: feedbackCounts(row) }))
  const held = total(rows, (r) => r.held)
  const answered = total(rows, (r) => r.answered)
  const after = sum(CONFIDENCE, perCoach.map((c) => c.counts.confidenceAfter))
  return {
    basis: 'held_conversations_in_period',
    held,
    answered,
    declined: total(rows, (r) => r.declined),
    responseRate: ratio(answered, held),
    withComment: total(rows, (r) => r.withComment),
    usefulness: sum(USEFULNESS, perCoach.map((c) => c.counts.usefulness)),
    knowsNextStep: sum(NEXT_STEP, perCoach.map((c) => c.counts.knowsNextStep)),
    confidenceAfter: after,
    confidence: {
      before: sum(CONFIDENCE, rows.map((r) => tally(CONFIDENCE, r, 'confidenceBefore'))),
      beforeRecorded: total(rows, (r) => r.beforeRecorded),
      after,
      compared: total(rows, (r) => r.compared),
      higher: total(rows, (r) => r.higher),
      same: total(rows, (r) => r.same),
      lower: total(rows, (r) => r.lower),
    },
    coaches: perCoach
      .filter((c) => c.counts.answered >= COACH_MINIMUM_ANSWERS)
      .map((c) => ({ coach: { id: c.row.coachId, name: c.row.name }, ...c.counts })),
    coachesNotShown: perCoach.filter((c) => c.counts.answered > 0 && c.counts.answered < COACH_MINIMUM_ANSWERS).length,
  }
}

function followUpCounts(row: CoachFollowUpRow): FollowUpAnswerCounts {
  return { answered: row.answered, doneSince: tally(OUTCOME_TYPES, row, 'doneSince'), helped: tally(HELPED, row, 'helped') }
}

function followUpFigures(rows: CoachFollowUpRow[]): FollowUpFigures {
  const perCoach = rows.map((row) => ({ row, counts: followUpCounts(row) }))
  const due = total(rows, (r) => r.due)
  const answered = total(rows, (r) => r.answered)
  return {
    due,
    answered,
    stopped: total(rows, (r) => r.stopped),
    responseRate: ratio(answered, due),
    doneSince: sum(OUTCOME_TYPES, perCoach.map((c) => c.counts.doneSince)),
    helped: sum(HELPED, perCoach.map((c) => c.counts.helped)),
    coaches: perCoach
      .filter((c) => c.counts.answered >= COACH_MINIMUM_ANSWERS)
      .map((c) => ({ coach: { id: c.row.coachId, name: c.row.name }, ...c.counts })),
    coachesNotShown: perCoach.filter((c) => c.counts.answered > 0 && c.counts.answered < COACH_MINIMUM_ANSWERS).length,
  }
}

export function outcomeFigures(rows: CoachFollowUpRow[]): OutcomeFigures {
  const at = (months: FollowUpMonths) => followUpFigures(rows.filter((row) => Number(row.months) === months))
  return { basis: 'held_conversations_old_enough', months3: at(3), months12: at(12) }
}

/** The coach's own feedback for their dashboard: null until COACH_MINIMUM_ANSWERS candidates have answered. */
export function coachOwnFeedback(row: CoachFeedbackRow | null): FeedbackAnswerCounts | null {
  if (!row || row.answered < COACH_MINIMUM_ANSWERS) return null
  return feedbackCounts(row)
}
