/**
 * What completing a conversation's notes tells the email side, inside the
 * same transaction (so the lock on the notes and the emails commit together):
 * the summary goes to the candidate at once, and a check-in on their actions
 * is scheduled CHECK_IN_DELAY_DAYS after the conversation, with a job key per
 * booking (adding it again moves it; removing it cancels it).
 */
import type pg from 'pg'
import type { JobQueue } from '../domain/ports/job-queue.js'
import { SEND_EMAIL_MAX_ATTEMPTS, type SendEmailPayload } from '../domain/ports/email-jobs.js'
import { DAY_MS } from '../domain/slots/zone-time.js'

const CHECK_IN_DELAY_DAYS = 28

const checkInJobKey = (bookingId: string) => `booking:${bookingId}:action-check-in`

/** Four weeks after the conversation; a day after `now` when that has passed (notes completed very late). */
function checkInTime(conversationStart: Date, now: Date): Date {
  const planned = new Date(conversationStart.getTime() + CHECK_IN_DELAY_DAYS * DAY_MS)
  return planned.getTime() > now.getTime() ? planned : new Date(now.getTime() + DAY_MS)
}

export async function enqueueConversationFollowUps(
  deps: { jobs: Pick<JobQueue, 'add'> },
  client: pg.ClientBase,
  change: { bookingId: string; conversationStart: Date; now: Date },
): Promise<void> {
  const summary: SendEmailPayload = { email: 'conversation-summary', bookingId: change.bookingId }
  await deps.jobs.add('send-email', summary, { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
  const checkIn: SendEmailPayload = { email: 'action-check-in', bookingId: change.bookingId }
  await deps.jobs.add('send-email', checkIn, {
    client,
    runAt: checkInTime(change.conversationStart, change.now),
    jobKey: checkInJobKey(change.bookingId),
    maxAttempts: SEND_EMAIL_MAX_ATTEMPTS,
  })
}
