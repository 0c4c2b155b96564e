/**
 * The candidate answers, changes or declines their feedback, and answers the
 * outcome follow-ups or says "do not ask again". The caller has
 * already opened the booking with the candidate's personal link (the manage
 * token is the only credential, as for the rest of their page). Nothing here
 * is shown to the coach: they see their own aggregate only
 * (./coach-feedback.ts).
 */
import type pg from 'pg'
import type { Clock } from '../clock.js'
import { ConflictError, ValidationError } from '../errors.js'
import { inTransaction } from '../../repositories/db.js'
import {
  findConversationForQuestions,
  findFeedback,
  listFollowUps,
  saveFeedback,
  saveFollowUp,
  type FeedbackRow,
  type FollowUpRow,
  type HeldConversation,
} from '../../repositories/outcome-answers.js'
import { checkFeedback, checkFollowUp, FOLLOW_UP_MONTHS, type FollowUpMonths } from './questions.js'
import { feedbackJobKey, followUpDue, unscheduleFollowUps, type ScheduleDeps } from './schedule.js'

interface AnswersDeps extends ScheduleDeps {
  pool: pg.Pool
  clock: Clock
}

/** Asked only about a conversation that was held. */
export class ConversationNotHeldError extends ConflictError {
  constructor() {
    super('conversation_not_held', 'You can answer these questions once your conversation has taken place')
  }
}

/** A follow-up opens on its day (3 or 12 months after the conversation), not before. */
export class FollowUpNotOpenError extends ConflictError {
  constructor() {
    super('follow_up_not_open', 'We will ask you this later')
  }
}

interface QuestionsState {
  held: boolean
  feedback: FeedbackRow | null
  followUps: FollowUpRow[]
  /** The follow-ups whose day has come (3 months, then 12), answered or not. */
  openFollowUps: FollowUpMonths[]
  /** "Do not ask again" was chosen on one of them. */
  stopped: boolean
}

/** A follow-up's page opens on its day, whenever its email goes. */
function openMonths(conversation: HeldConversation, now: Date): FollowUpMonths[] {
  return FOLLOW_UP_MONTHS.filter((months) => followUpDue(conversation.startsAt, months).getTime() <= now.getTime())
}

/** What the candidate's page shows of the questions for this booking. */
export async function loadQuestions(deps: Pick<AnswersDeps, 'pool' | 'clock'>, bookingId: string): Promise<QuestionsState> {
  const [conversation, feedback, followUps] = await Promise.all([
    findConversationForQuestions(deps.pool, bookingId),
    findFeedback(deps.pool, bookingId),
    listFollowUps(deps.pool, bookingId),
  ])
  const held = conversation?.status === 'completed'
  return {
    held,
    feedback,
    followUps,
    openFollowUps: held && conversation ? openMonths(conversation, deps.clock.now()) : [],
    stopped: followUps.some((row) => row.status === 'stopped'),
  }
}

async function openHeld(client: pg.PoolClient, bookingId: string): Promise<HeldConversation> {
  const conversation = await findConversationForQuestions(client, bookingId, { lock: true })
  if (conversation?.status !== 'completed') throw new ConversationNotHeldError()
  return conversation
}

/** Saves (or changes) the feedback: 400 with each field's problem, nothing saved then. Its email is no longer needed. */
export async function answerFeedback(deps: AnswersDeps, bookingId: string, given: Parameters<typeof checkFeedback>[0]): Promise<void> {
  const checked = checkFeedback(given)
  await inTransaction(deps.pool, async (client) => {
    await openHeld(client, bookingId)
    if (!checked.ok) throw new ValidationError(checked.errors)
    await saveFeedback(client, bookingId, checked.value, deps.clock.now())
    await deps.jobs.remove(feedbackJobKey(bookingId), client)
  })
}

/** "I would rather not answer": answers given before are removed, and the email is not sent. */
export async function declineFeedback(deps: AnswersDeps, bookingId: string): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    await openHeld(client, bookingId)
    await saveFeedback(client, bookingId, 'declined', deps.clock.now())
    await deps.jobs.remove(feedbackJobKey(bookingId), client)
  })
}

async function openFollowUp(client: pg.PoolClient, bookingId: string, months: FollowUpMonths, now: Date): Promise<void> {
  const conversation = await openHeld(client, bookingId)
  if (!openMonths(conversation, now).includes(months)) throw new FollowUpNotOpenError()
}

/** Saves (or changes) what they have done since, at 3 or 12 months. */
export async function answerFollowUp(deps: AnswersDeps, bookingId: string, months: FollowUpMonths, given: Parameters<typeof checkFollowUp>[0]): Promise<void> {
  const checked = checkFollowUp(given)
  const now = deps.clock.now()
  await inTransaction(deps.pool, async (client) => {
    await openFollowUp(client, bookingId, months, now)
    if (!checked.ok) throw new ValidationError(checked.errors)
    await saveFollowUp(client, bookingId, months, checked.value, now)
  })
}

/** "Do not ask again": recorded on this follow-up (answers already given still count), and later ones leave the queue. */
export async function stopFollowUps(deps: AnswersDeps, bookingId: string, months: FollowUpMonths): Promise<void> {
  const now = deps.clock.now()
  await inTransaction(deps.pool, async (client) => {
    await openFollowUp(client, bookingId, months, now)
    await saveFollowUp(client, bookingId, months, 'stopped', now)
    await unscheduleFollowUps(deps, client, bookingId)
  })
}

/** The candidate's page, below their summary: what they may still tell us, with where (null before the conversation is held). */
export function questionsView(questions: QuestionsState, managePath: string) {
  if (!questions.held) return null
  return {
    feedback: { status: questions.feedback?.status ?? null, path: `${managePath}/feedback` },
    followUps: questions.openFollowUps.map((months) => {
      const row = questions.followUps.find((f) => f.months === months)
      return { sinceText: months === 12 ? 'a year' : `${months} months`, answered: (row?.doneSince.length ?? 0) > 0, path: `${managePath}/outcomes/${months}` }
    }),
    stopped: questions.stopped,
  }
}
