/**
 * The questions after a conversation: feedback a day after it,
 * and what the candidate has done since at 3 and 12 months. Each is
 * composed when it is sent and only while it is still wanted: the
 * conversation still recorded as held, the feedback not answered or
 * declined, the follow-up not answered and "do not ask again" not chosen.
 * Each carries a personal link of its own that lasts (see
 * src/domain/notes/follow-up-links.ts): the manage link of the booking,
 * straight to its page of questions.
 */
import type pg from 'pg'
import { firstNameOf } from '../domain/booking/rules.js'
import type { FollowUpMonths } from '../domain/outcomes/questions.js'
import { formatDate } from '../domain/time/index.js'
import { findFeedback, listFollowUps } from '../repositories/outcome-answers.js'
import type { BookingForEmail } from './booking-emails.js'
import type { ComposedEmail } from './deliver-email.js'
import { emailWithFollowUpLink, followUpLinkFor } from './follow-up-emails.js'
import { conversationFeedback } from './messages/conversation-feedback.js'
import { outcomeFollowUp } from './messages/outcome-follow-up.js'
import { renderEmail } from './render-email.js'

const feedbackPath = (manageUrl: string) => `${manageUrl}/feedback`
const followUpPath = (manageUrl: string, months: FollowUpMonths) => `${manageUrl}/outcomes/${months}`

/** undefined when the conversation is no longer recorded as held, or they have answered or declined already. */
export async function conversationFeedbackEmail(pool: pg.Pool, booking: BookingForEmail, publicUrl: string, now: Date): Promise<ComposedEmail | undefined> {
  if (booking.status !== 'completed') return undefined
  if (await findFeedback(pool, booking.id)) return undefined
  const link = followUpLinkFor(booking, publicUrl, now)
  const rendered = renderEmail(conversationFeedback, {
    candidateName: booking.candidate.name,
    coachFirstName: firstNameOf(booking.coach.name),
    conversationDate: formatDate(booking.start, booking.candidate.timeZone),
    feedbackUrl: feedbackPath(link.url),
  })
  return emailWithFollowUpLink(booking, 'conversation-feedback', `booking:${booking.id}:conversation-feedback`, link, rendered)
}

/** undefined when no longer held, this follow-up is answered, or they said "do not ask again". */
export async function outcomeFollowUpEmail(
  pool: pg.Pool,
  booking: BookingForEmail,
  months: FollowUpMonths,
  publicUrl: string,
  now: Date,
): Promise<ComposedEmail | undefined> {
  if (booking.status !== 'completed') return undefined
  const followUps = await listFollowUps(pool, booking.id)
  if (followUps.some((row) => row.status === 'stopped' || row.months === months)) return undefined
  const link = followUpLinkFor(booking, publicUrl, now)
  const rendered = renderEmail(outcomeFollowUp, {
    candidateName: booking.candidate.name,
    conversationDate: formatDate(booking.start, booking.candidate.timeZone),
    sinceText: months === 12 ? 'a year' : `${months} months`,
    followUpUrl: followUpPath(link.url, months),
  })
  return emailWithFollowUpLink(booking, 'outcome-follow-up', `booking:${booking.id}:outcome-follow-up-${months}`, link, rendered)
}
