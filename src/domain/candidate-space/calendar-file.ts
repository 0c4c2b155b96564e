import { bookingUid, buildBookingIcs, type IcsMethod } from '../calendar/index.js'
import type { Booking } from '../booking/types.js'
import { joiningLine } from '../video-links/video-link.js'

/**
 * The "add to calendar" file on the candidate's page: the same event (UID and
 * sequence) as the invitation in their emails, so calendars update one entry
 * rather than adding a second; a cancelled booking gives a cancellation.
 */
export function candidateCalendarFile(booking: Booking, publicUrl: string, managePath: string, now: Date): { method: IcsMethod; content: string } {
  const host = new URL(publicUrl).hostname
  const method: IcsMethod = booking.status === 'cancelled' ? 'CANCEL' : 'REQUEST'
  const how = joiningLine({ ...booking, phone: booking.candidate.phone })
  const join = booking.videoLink ? `: ${booking.videoLink}` : ''
  return {
    method,
    content: buildBookingIcs({
      uid: bookingUid(booking.id, host, booking.calendarUid),
      sequence: booking.sequence,
      method,
      start: booking.startsAt,
      end: booking.endsAt,
      summary: `Career conversation with ${booking.coachFirstName}`,
      description: `Reference ${booking.reference}. ${how}${join}. Your booking: ${publicUrl}${managePath}`,
      location: booking.videoLink ?? undefined,
      organizer: { name: 'Career conversations', email: `no-reply@${host}` },
      attendee: { name: booking.candidate.name, email: booking.candidate.email },
      now,
    }),
  }
}
