/**
 * To the coach of a conversation cancelled because its candidate asked for
 * their information to be erased (src/domain/data-protection/erasure.ts):
 * the booking is gone by the time this is sent, so the job's payload carries
 * what the coach needs, and nothing about the candidate. The calendar
 * cancellation has the UID and a higher SEQUENCE than the invitation the
 * coach had, so their calendar drops the event.
 */
import { firstNameOf } from '../domain/booking/rules.js'
import { buildBookingIcs, coachUid } from '../domain/calendar/index.js'
import { formatDateTimeRange } from '../domain/time/index.js'
import type { ComposedEmail } from './deliver-email.js'
import { coachBookingNotice } from './messages/coach-booking-notice.js'
import { renderEmail } from './render-email.js'

interface ErasedConversation {
  bookingId: string
  start: Date
  end: Date
  /** The calendar sequence after the cancellation. */
  sequence: number
  /** The booking's stored calendar UID, carried in the job's payload; null or absent for a booking made before there was one. */
  calendarUid?: string | null
}

export function coachErasureNoticeEmail(
  coach: { name: string; email: string; timeZone: string },
  conversation: ErasedConversation,
  publicUrl: string,
  now: Date,
): ComposedEmail {
  const when = formatDateTimeRange(conversation.start, conversation.end, coach.timeZone)
  const rendered = renderEmail(coachBookingNotice, {
    coachFirstName: firstNameOf(coach.name),
    headline: 'Career conversation cancelled',
    summary: 'This career conversation is cancelled: the candidate asked us to delete their information. You no longer need to keep this time.',
    // No reference or name: erasure removes every copy that carries them, and this goes out after it.
    rows: [{ label: 'Was', value: when }],
    dashboardUrl: `${publicUrl}/coach`,
  })
  const host = new URL(publicUrl).hostname
  return {
    kind: 'coach-cancelled',
    dedupeKey: `booking:${conversation.bookingId}:coach-erased:${conversation.sequence}`,
    to: coach.email,
    ...rendered,
    calendar: {
      method: 'CANCEL',
      filename: 'career-conversation.ics',
      content: buildBookingIcs({
        uid: coachUid(conversation.bookingId, host, conversation.calendarUid),
        sequence: conversation.sequence,
        method: 'CANCEL',
        start: conversation.start,
        end: conversation.end,
        summary: 'Career conversation',
        description: 'Career conversation, cancelled.',
        organizer: { name: 'Career conversations', email: `no-reply@${host}` },
        attendee: { name: coach.name, email: coach.email },
        now,
      }),
    },
  }
}
