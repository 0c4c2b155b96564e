/**
 * When the questions after a conversation are emailed, as jobs in
 * the transaction that records the conversation as held: feedback a day
 * after it, outcome follow-ups 3 and 12 months after it. Each has a job key
 * per booking, so recording "held" again moves nothing twice, and a
 * conversation corrected to "did not attend" (or a candidate who says "do not
 * ask again") takes its emails out of the queue. Each email also checks, when
 * it is sent, that it is still wanted (src/emails/outcome-emails.ts): the
 * booking still held, not answered, not declined or stopped.
 */
import { DateTime } from 'luxon'
import type pg from 'pg'
import type { JobQueue } from '../ports/job-queue.js'
import type { SendEmailPayload } from '../ports/email-jobs.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../ports/email-jobs.js'
import { DAY_MS } from '../slots/zone-time.js'
import { FOLLOW_UP_MONTHS, type FollowUpMonths } from './questions.js'

/** Months are counted on the UK calendar: 3 months after 14 March is 14 June. */
const CALENDAR_ZONE = 'Europe/London'

export const feedbackJobKey = (bookingId: string) => `booking:${bookingId}:feedback`
const followUpJobKey = (bookingId: string, months: FollowUpMonths) => `booking:${bookingId}:outcome-follow-up-${months}`

/** A day after the conversation ended; a day after `now` when that has passed (held recorded late), so it never lands with the summary. */
function feedbackTime(conversationEnd: Date, now: Date): Date {
  const planned = new Date(conversationEnd.getTime() + DAY_MS)
  return planned.getTime() > now.getTime() ? planned : new Date(now.getTime() + DAY_MS)
}

/** The day a follow-up is due: `months` after the conversation started, on the UK calendar. */
export function followUpDue(conversationStart: Date, months: FollowUpMonths): Date {
  return DateTime.fromJSDate(conversationStart, { zone: CALENDAR_ZONE }).plus({ months }).toJSDate()
}

/** When its email goes: on its day; a day after `now` when that has passed (held recorded very late). */
function followUpTime(conversationStart: Date, months: FollowUpMonths, now: Date): Date {
  const planned = followUpDue(conversationStart, months)
  return planned.getTime() > now.getTime() ? planned : new Date(now.getTime() + DAY_MS)
}

export interface ScheduleDeps {
  jobs: Pick<JobQueue, 'add' | 'remove'>
}

/** Queues the feedback and both follow-ups of a conversation just recorded as held (replacing any queued before). */
export async function scheduleQuestionsAfterConversation(
  deps: ScheduleDeps,
  client: pg.ClientBase,
  conversation: { bookingId: string; startsAt: Date; endsAt: Date; now: Date },
): Promise<void> {
  const { bookingId, now } = conversation
  const feedback: SendEmailPayload = { email: 'conversation-feedback', bookingId }
  await deps.jobs.add('send-email', feedback, {
    client,
    runAt: feedbackTime(conversation.endsAt, now),
    jobKey: feedbackJobKey(bookingId),
    maxAttempts: SEND_EMAIL_MAX_ATTEMPTS,
  })
  for (const months of FOLLOW_UP_MONTHS) {
    const followUp: SendEmailPayload = { email: 'outcome-follow-up', bookingId, months }
    await deps.jobs.add('send-email', followUp, {
      client,
      runAt: followUpTime(conversation.startsAt, months, now),
      jobKey: followUpJobKey(bookingId, months),
      maxAttempts: SEND_EMAIL_MAX_ATTEMPTS,
    })
  }
}

/** Takes every question email of the booking out of the queue (no longer held). */
export async function unscheduleQuestionsAfterConversation(deps: ScheduleDeps, client: pg.ClientBase, bookingId: string): Promise<void> {
  await deps.jobs.remove(feedbackJobKey(bookingId), client)
  await unscheduleFollowUps(deps, client, bookingId)
}

/** "Do not ask again": the follow-ups still to come leave the queue. */
export async function unscheduleFollowUps(deps: ScheduleDeps, client: pg.ClientBase, bookingId: string): Promise<void> {
  for (const months of FOLLOW_UP_MONTHS) await deps.jobs.remove(followUpJobKey(bookingId, months), client)
}
