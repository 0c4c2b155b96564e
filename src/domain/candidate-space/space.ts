/**
 * Everything the candidate's own page shows below their booking:
 * the preparation form, the summary and actions once the coach has completed
 * the notes, and what happens to their information. The manage token is the
 * only credential; each part is read through its own service, which checks it.
 */
import { DateTime } from 'luxon'
import type pg from 'pg'
import { ACTION_STATUSES, actionStatusColours, actionStatusLabels, type ActionStatus } from '../actions/types.js'
import type { Booking } from '../booking/types.js'
import { DEFAULT_CONVERSATION_MODEL_KEY, preparationModelFor, programmeModel, type ConversationModel } from '../conversation-models/index.js'
import { getCandidateSummary } from '../notes/summary-service.js'
import type { SummaryAction, SummaryStage } from '../notes/summary.js'
import { getPreparation } from '../preparation/preparation-service.js'
import { formatDate, formatTime } from '../time/index.js'
import type { NotesDeps } from '../notes/context.js'
import { findProgrammeRecordSettings } from '../../repositories/programmes.js'
import { preparationFormView, type PreparationFormView } from './preparation-form.js'

export type CandidateSpaceDeps = NotesDeps

interface RequestMeta {
  ip?: string | null
  requestId?: string | null
}

interface ActionView {
  id: string
  summary: string
  ownerLabel: string
  /** The candidate may change its status: only the actions they own (DECISIONS.md, "Who may change an action's status"). */
  yours: boolean
  dueText: string
  categoryLabel: string
  resource: { title: string; url: string; description: string | null } | null
  status: ActionStatus
  statusLabel: string
  statusColour: string
  /** The candidate's own latest comment, with when. */
  lastComment: { text: string; when: string } | null
  statusItems: { value: ActionStatus; text: string; checked: boolean }[]
}

interface CandidateSpace {
  model: ConversationModel
  retentionMonths: number
  preparation: {
    form: PreparationFormView
    /** Read-only once the conversation has started (or the booking is no longer live). */
    closed: boolean
    updatedText: string | null
  }
  summary: {
    ready: boolean
    completedText: string | null
    stages: SummaryStage[]
    addenda: { text: string; when: string }[]
    noActionsAgreed: boolean
    actions: ActionView[]
  }
}

const statusChoices = (current: ActionStatus | null) =>
  ACTION_STATUSES.map((value) => ({ value, text: actionStatusLabels[value], checked: value === current }))

/** "Friday 27 March 2026" for a calendar date (YYYY-MM-DD). */
function calendarDateText(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy')
}

const whenText = (at: Date, zone: string) => `${formatDate(at, zone)} at ${formatTime(at, zone)}`

function actionView(action: SummaryAction, zone: string): ActionView {
  const comment = [...action.history].reverse().find((change) => change.by === 'candidate' && change.comment)
  return {
    id: action.id,
    summary: action.summary,
    ownerLabel: action.ownerLabel,
    yours: action.owner === 'candidate',
    dueText: calendarDateText(action.dueOn),
    categoryLabel: action.categoryLabel,
    resource: action.resource,
    status: action.status,
    statusLabel: action.statusLabel,
    statusColour: actionStatusColours[action.status],
    lastComment: comment?.comment ? { text: comment.comment, when: whenText(comment.at, zone) } : null,
    statusItems: statusChoices(action.status),
  }
}

async function programmeOf(pool: pg.Pool, programmeId: string): Promise<{ retentionMonths: number; modelKey: string }> {
  return (await findProgrammeRecordSettings(pool, programmeId)) ?? { retentionMonths: 24, modelKey: DEFAULT_CONVERSATION_MODEL_KEY }
}

/**
 * The candidate's page below the booking, for the booking their link opened.
 * `typed` (answers as posted, with `errors` by key) replaces the saved answers
 * when a posted form is shown back.
 */
export async function loadCandidateSpace(
  deps: CandidateSpaceDeps,
  booking: Booking,
  manageToken: string,
  meta: RequestMeta = {},
  typed?: { answers: Record<string, string>; errors: Record<string, string> },
): Promise<CandidateSpace> {
  const zone = booking.candidateTimeZone
  const credentials = { manageToken }
  const [programme, preparation, summary] = await Promise.all([
    programmeOf(deps.pool, booking.programme.id),
    getPreparation(deps, booking.id, credentials),
    getCandidateSummary(deps, booking.id, { credentials, ip: meta.ip ?? null, requestId: meta.requestId ?? null }),
  ])
  const model = programmeModel(programme.modelKey)
  const closed = preparation.closed || booking.status !== 'booked'
  return {
    model,
    retentionMonths: programme.retentionMonths,
    preparation: {
      // The form the answers are on: an earlier form's answers keep its questions.
      form: typed
        ? preparationFormView(preparationModelFor(programme.modelKey, Object.keys(typed.answers)), typed.answers, typed.errors)
        : preparationFormView(preparation.model, preparation.answers),
      closed,
      updatedText: preparation.updatedAt ? whenText(preparation.updatedAt, zone) : null,
    },
    summary: {
      ready: summary.ready && summary.summary !== null,
      completedText: summary.completedAt ? formatDate(summary.completedAt, zone) : null,
      stages: summary.summary?.stages.filter((stage) => stage.entries.length > 0) ?? [],
      addenda: summary.summary?.addenda.map((addendum) => ({ text: addendum.text, when: formatDate(addendum.createdAt, zone) })) ?? [],
      noActionsAgreed: summary.summary?.noActionsAgreed ?? false,
      actions: summary.summary?.actions.map((action) => actionView(action, zone)) ?? [],
    },
  }
}
