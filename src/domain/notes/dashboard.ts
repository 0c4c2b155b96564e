/**
 * The coach's dashboard: today's and upcoming conversations (with how to
 * reach the candidate, their accessibility needs and preparation answers),
 * past ones with their outcome and notes status, and how many notes are
 * still to finish. Times in the coach's own zone.
 */
import { DateTime } from 'luxon'
import type pg from 'pg'
import { preparationModelFor } from '../conversation-models/index.js'
import { formatDate, formatTimeRange, timeZoneLabel } from '../time/index.js'
import { countNotesToFinish, findCoachTimeZone, listCoachConversations, type CoachConversationRow } from '../../repositories/notes.js'
import { conversationOutcomeLabels, type ConversationOutcome, type NotesStatus } from './types.js'
import { canCorrectOutcome, noShowReasonLabels } from './outcome-rules.js'

const UPCOMING_DAYS = 28
const PAST_DAYS = 56

interface PreparationGroup {
  title: string
  answers: { question: string; answer: string }[]
}

interface DashboardConversation {
  bookingId: string
  reference: string
  dateText: string
  timeText: string
  candidateName: string
  /** "Phone: 07700 900123", "Video", or "Video (no link yet)" */
  contact: string
  /** The link the candidate has been given to join; null for a phone call or none yet. */
  videoLink: string | null
  /** A video call still to come: its link can be set for this conversation alone. */
  canChangeVideoLink: boolean
  accessibilityNeeds: string | null
  /** Answered questions only, grouped by the stage they belong to. */
  preparation: PreparationGroup[]
  notesStatus: NotesStatus
  notesStatusLabel: string
  outcome: ConversationOutcome | null
  outcomeLabel: string | null
  /** It has started, was not cancelled in good time, and its notes are not complete. */
  canRecordOutcome: boolean
  /** Recorded, and still within the time it can be corrected (./outcome-rules.ts). */
  canCorrectOutcome: boolean
  /** Why they did not attend, in words; null otherwise. */
  noShowReasonLabel: string | null
  /** Notes can be taken (not missed or cancelled). */
  canTakeNotes: boolean
  hasStarted: boolean
}

interface CoachDashboard {
  timeZone: string
  timeZoneLabel: string
  todayText: string
  today: DashboardConversation[]
  upcoming: DashboardConversation[]
  past: DashboardConversation[]
  notesToFinish: number
  /** Video calls today or coming up that have no link to join yet. */
  videoCallsWithoutLink: number
}

const notesStatusLabels: Readonly<Record<NotesStatus, string>> = {
  not_started: 'Not started',
  draft: 'Draft',
  complete: 'Complete',
}

function preparationGroups(row: CoachConversationRow): PreparationGroup[] {
  const answers = row.preparationAnswers ?? {}
  // The form the answers were written on, which may be an earlier one than the model's latest.
  const model = preparationModelFor(row.modelKey, Object.keys(answers))
  const groups: PreparationGroup[] = model.stages.map((stage) => ({
    title: stage.title,
    answers: stage.preparation.questions.filter((q) => answers[q.key]).map((q) => ({ question: q.label, answer: answers[q.key]! })),
  }))
  groups.push({
    title: 'Reflections',
    answers: model.reflectionQuestions.filter((q) => answers[q.key]).map((q) => ({ question: q.label, answer: answers[q.key]! })),
  })
  return groups.filter((group) => group.answers.length > 0)
}

function toView(row: CoachConversationRow, zone: string, now: Date): DashboardConversation {
  const notesStatus: NotesStatus = row.notesStatus ?? 'not_started'
  const hasStarted = row.startsAt.getTime() <= now.getTime()
  const cancelledInTime = row.status === 'cancelled' && row.outcome === null
  return {
    bookingId: row.bookingId,
    reference: row.reference,
    dateText: formatDate(row.startsAt, zone),
    timeText: formatTimeRange(row.startsAt, row.endsAt, zone),
    candidateName: row.candidateName,
    contact: row.contactMethod === 'phone' ? `Phone: ${row.candidatePhone ?? 'not given'}` : row.videoLink ? 'Video' : 'Video (no link yet)',
    videoLink: row.videoLink,
    canChangeVideoLink: row.contactMethod === 'video' && row.status === 'booked' && !hasStarted,
    accessibilityNeeds: row.accessibilityNeeds,
    preparation: preparationGroups(row),
    notesStatus,
    notesStatusLabel: notesStatusLabels[notesStatus],
    outcome: row.outcome,
    outcomeLabel: row.outcome ? conversationOutcomeLabels[row.outcome] : null,
    canRecordOutcome: hasStarted && !cancelledInTime && notesStatus !== 'complete',
    canCorrectOutcome:
      row.outcome !== null && row.outcomeFirstRecordedAt !== null && notesStatus !== 'complete' && canCorrectOutcome(row.outcomeFirstRecordedAt, now),
    noShowReasonLabel: row.outcome === 'no_show' && row.noShowReason ? noShowReasonLabels[row.noShowReason] : null,
    canTakeNotes: row.status === 'booked' || row.status === 'completed',
    hasStarted,
  }
}

export async function getCoachDashboard(pool: pg.Pool, coachId: string, now: Date): Promise<CoachDashboard> {
  const zone = await findCoachTimeZone(pool, coachId)
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day')
  const tomorrow = today.plus({ days: 1 })
  const [rows, notesToFinish] = await Promise.all([
    listCoachConversations(pool, coachId, { from: today.minus({ days: PAST_DAYS }).toJSDate(), to: tomorrow.plus({ days: UPCOMING_DAYS }).toJSDate() }),
    countNotesToFinish(pool, coachId, now),
  ])
  const views = rows.map((row) => ({ row, view: toView(row, zone, now) }))
  const inRange = (from: DateTime, to: DateTime) => ({ row }: { row: CoachConversationRow }) =>
    row.startsAt.getTime() >= from.toMillis() && row.startsAt.getTime() < to.toMillis()
  return {
    timeZone: zone,
    timeZoneLabel: timeZoneLabel(zone),
    todayText: formatDate(now, zone),
    today: views.filter(inRange(today, tomorrow)).map(({ view }) => view),
    upcoming: views.filter(inRange(tomorrow, tomorrow.plus({ days: UPCOMING_DAYS }))).map(({ view }) => view),
    // Most recent first: the ones to finish are at the top.
    past: views.filter(inRange(today.minus({ days: PAST_DAYS }), today)).map(({ view }) => view).reverse(),
    notesToFinish,
    videoCallsWithoutLink: views.filter(({ view }) => view.canChangeVideoLink && view.videoLink === null).length,
  }
}
