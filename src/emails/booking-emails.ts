import { firstNameOf } from '../domain/booking/rules.js'
import { bookingUid, buildBookingIcs, coachUid } from '../domain/calendar/index.js'
import { preparationFormFor, type ConversationModel } from '../domain/conversation-models/index.js'
import { preparationIntro, reflectionIntro } from '../domain/preparation/index.js'
import { formatDateTimeRange, formatDuration } from '../domain/time/index.js'
import { joiningLine } from '../domain/video-links/video-link.js'
import { DateTime } from 'luxon'
import type { BookingEmailRecord as BookingForEmail } from '../repositories/booking-email-records.js'
import type { ComposedEmail } from './deliver-email.js'
import { bookingCancelled } from './messages/booking-cancelled.js'
import { bookingChanged } from './messages/booking-changed.js'
import { bookingCoachChanged } from './messages/booking-coach-changed.js'
import { bookingConfirmation } from './messages/booking-confirmation.js'
import { coachBookingNotice } from './messages/coach-booking-notice.js'
import { preparation } from './messages/preparation.js'
import { reminder } from './messages/reminder.js'
import { videoLinkChanged } from './messages/video-link-changed.js'
import type { AboutTheConversation } from './messages/about-the-conversation.js'
import { renderEmail, type RenderedEmail } from './render-email.js'

/** What booking emails need to know, loaded fresh when the email is sent (src/repositories/booking-email-records.ts). */
export type { BookingEmailRecord as BookingForEmail } from '../repositories/booking-email-records.js'

interface BookingLinks {
  publicUrl: string
  /** A fresh personal link to the candidate's own page for this booking. */
  manageUrl: string
}

/** "Alex will phone you on …", or "By video" (the link goes beside it), or "By video: your coach will send you a link …". */
function contactLine(booking: BookingForEmail): string {
  return joiningLine({
    contactMethod: booking.contactMethod,
    videoLink: booking.videoLink,
    coachFirstName: firstNameOf(booking.coach.name),
    phone: booking.candidate.phone,
  })
}

/** What every email to the candidate about their (live) conversation says of it, on their clock. */
function aboutTheConversation(booking: BookingForEmail, links: BookingLinks): AboutTheConversation {
  return {
    candidateName: booking.candidate.name,
    when: whenFor(booking, booking.candidate.timeZone),
    contactLine: contactLine(booking),
    videoLink: booking.videoLink,
    coachFirstName: firstNameOf(booking.coach.name),
    reference: booking.reference,
    manageUrl: links.manageUrl,
  }
}

const whenFor = (booking: BookingForEmail, zone: string) => formatDateTimeRange(booking.start, booking.end, zone)

function calendar(booking: BookingForEmail, links: BookingLinks, method: 'REQUEST' | 'CANCEL', now: Date) {
  const host = new URL(links.publicUrl).hostname
  return {
    method,
    filename: method === 'CANCEL' ? 'cancelled.ics' : 'career-conversation.ics',
    content: buildBookingIcs({
      uid: bookingUid(booking.id, host, booking.calendarUid),
      sequence: booking.sequence,
      method,
      start: booking.start,
      end: booking.end,
      summary: `Career conversation with ${firstNameOf(booking.coach.name)}`,
      description: `Reference ${booking.reference}. ${contactLine(booking)}${booking.videoLink ? `: ${booking.videoLink}` : ''}. Manage your booking: ${links.manageUrl}`,
      location: booking.videoLink ?? undefined,
      organizer: { name: 'Career conversations', email: `no-reply@${host}` },
      attendee: { name: booking.candidate.name, email: booking.candidate.email },
      now,
    }),
  }
}

function toCandidate(
  kind: string,
  dedupeKey: string,
  booking: BookingForEmail,
  rendered: RenderedEmail,
  extra: Partial<ComposedEmail> = {},
): ComposedEmail {
  return { kind, dedupeKey, bookingId: booking.id, to: booking.candidate.email, ...rendered, ...extra }
}

export function confirmationEmail(booking: BookingForEmail, links: BookingLinks, now: Date, preparationIncluded: boolean): ComposedEmail {
  const rendered = renderEmail(bookingConfirmation, {
    ...aboutTheConversation(booking, links),
    preparationIncluded,
  })
  return toCandidate('booking-confirmation', `booking:${booking.id}:confirmation`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function changedEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const zone = booking.candidate.timeZone
  const rendered = renderEmail(bookingChanged, {
    ...aboutTheConversation(booking, links),
    previousWhen:
      booking.previousStart && booking.previousEnd ? formatDateTimeRange(booking.previousStart, booking.previousEnd, zone) : 'an earlier time',
  })
  return toCandidate('booking-changed', `booking:${booking.id}:changed:${booking.sequence}`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function coachChangedEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const rendered = renderEmail(bookingCoachChanged, aboutTheConversation(booking, links))
  return toCandidate('booking-coach-changed', `booking:${booking.id}:coach-changed:${booking.sequence}`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

/** The candidate's video link changed; `changeId` tells one change's email from another's. */
export function videoLinkChangedEmail(booking: BookingForEmail, links: BookingLinks, now: Date, changeId: string): ComposedEmail {
  const rendered = renderEmail(videoLinkChanged, aboutTheConversation(booking, links))
  return toCandidate('video-link-changed', `booking:${booking.id}:video-link:${changeId}`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function cancelledEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const rendered = renderEmail(bookingCancelled, {
    candidateName: booking.candidate.name,
    when: whenFor(booking, booking.candidate.timeZone),
    reference: booking.reference,
    cancelledLine:
      booking.cancelledBy === 'candidate'
        ? 'You cancelled your career conversation. Thank you for letting us know.'
        : 'We are sorry, we have had to cancel your career conversation.',
    bookAgainUrl: `${links.publicUrl}/book/${booking.programme.slug}`,
    waitlistUrl: `${links.publicUrl}/book/${booking.programme.slug}/waitlist`,
  })
  return toCandidate('booking-cancelled', `booking:${booking.id}:cancelled`, booking, rendered, {
    calendar: calendar(booking, links, 'CANCEL', now),
  })
}

const MINUTE_MS = 60_000
const DAY_MINUTES = 24 * 60

/**
 * How far off the call is, from `now` (when the reminder is sent): "is
 * tomorrow", "starts in 2 hours", "starts in 1 week". On time that is what the
 * programme chose (a week, 2 days, a day, hours before); sent late (a worker
 * that was down) it is what is left, so a day-before reminder sent that
 * morning says "starts in 4 hours", never "tomorrow".
 */
export function reminderHeadline(start: Date, now: Date, timeZone: string): string {
  const minutes = (start.getTime() - now.getTime()) / MINUTE_MS
  // A job runs a moment after its time: 5-minute steps keep "2 hours" from reading "1 hour and 59 minutes".
  let left = Math.max(5, Math.round(minutes / 5) * 5)
  if (left > 2 * DAY_MINUTES) left = Math.round(left / DAY_MINUTES) * DAY_MINUTES
  else if (left > DAY_MINUTES) left = Math.round(left / 60) * 60
  const startDay = DateTime.fromJSDate(start, { zone: timeZone }).startOf('day')
  const tomorrow = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days: 1 })
  if (left === DAY_MINUTES || (startDay.equals(tomorrow) && left >= 12 * 60 && left <= DAY_MINUTES)) return 'Your career conversation is tomorrow'
  return `Your career conversation starts in ${formatDuration(left)}`
}

/**
 * A reminder whose moment has passed is not sent: when a nearer one of the
 * programme's reminders (`offsets`, minutes before the start) is due by `now`
 * as well, that one goes instead (both waited on a worker that was down), and
 * none goes once the conversation has started.
 */
export function reminderStillDue(start: Date, now: Date, offsetMinutes: number, offsets: readonly number[]): boolean {
  if (start.getTime() <= now.getTime()) return false
  return !offsets.some((other) => other < offsetMinutes && start.getTime() - other * MINUTE_MS <= now.getTime())
}

/** `now`: when it is sent (the wording counts from it); by default the moment it was meant for. */
export function reminderEmail(booking: BookingForEmail, links: BookingLinks, offsetMinutes: number, now?: Date): ComposedEmail {
  const sentAt = now ?? new Date(booking.start.getTime() - offsetMinutes * MINUTE_MS)
  const headline = reminderHeadline(booking.start, sentAt, booking.candidate.timeZone)
  const rendered = renderEmail(reminder, { ...aboutTheConversation(booking, links), headline })
  const startKey = booking.start.toISOString()
  return toCandidate('reminder', `booking:${booking.id}:reminder:${offsetMinutes}:${startKey}`, booking, rendered)
}

/** The same questions as the candidate's preparation form: the programme's conversation model, stage by stage. */
export function preparationEmail(booking: BookingForEmail, links: BookingLinks, model: ConversationModel): ComposedEmail {
  const form = preparationFormFor(model)
  const rendered = renderEmail(preparation, {
    candidateName: booking.candidate.name,
    coachFirstName: firstNameOf(booking.coach.name),
    when: whenFor(booking, booking.candidate.timeZone),
    intro: preparationIntro,
    areas: form.sections.map((area) => ({
      title: area.title,
      intro: area.intro,
      questions: area.questions.map((question) => question.label),
    })),
    reflectionIntro,
    reflectionQuestions: form.reflectionQuestions.map((question) => question.label),
    prepareUrl: `${links.manageUrl}#prepare`,
  })
  return toCandidate('preparation', `booking:${booking.id}:preparation`, booking, rendered)
}

/** For the coach: "Phone: 07700 900123", "Video: https://…", or "Video (no link yet: add one on your conversations page)". */
function coachContactLine(booking: BookingForEmail): string {
  if (booking.contactMethod === 'phone') return `Phone: ${booking.candidate.phone ?? 'not given'}`
  return booking.videoLink ? `Video: ${booking.videoLink}` : 'Video (no link yet: add one on your conversations page)'
}

type CoachNoticeKind = 'booked' | 'changed' | 'cancelled' | 'moved-away'

export function coachNoticeEmail(booking: BookingForEmail, links: BookingLinks, now: Date, notice: CoachNoticeKind): ComposedEmail {
  const zone = booking.coach.timeZone
  const when = whenFor(booking, zone)
  const headlines: Record<CoachNoticeKind, string> = {
    booked: 'New career conversation booked',
    changed: 'Career conversation moved',
    cancelled: 'Career conversation cancelled',
    'moved-away': 'Career conversation moved to another coach',
  }
  const summaries: Record<CoachNoticeKind, string> = {
    booked: `${booking.candidate.name} has booked a career conversation with you.`,
    changed: `${booking.candidate.name} has a new time for their career conversation with you.`,
    cancelled: `The career conversation with ${booking.candidate.name} is cancelled.`,
    'moved-away': `The career conversation with ${booking.candidate.name} has moved to another coach. You no longer need to keep this time.`,
  }
  const removes = notice === 'cancelled' || notice === 'moved-away'
  const rows = [
    { label: removes ? 'Was' : 'When', value: when },
    ...(notice === 'changed' && booking.previousStart && booking.previousEnd
      ? [{ label: 'Was', value: formatDateTimeRange(booking.previousStart, booking.previousEnd, zone) }]
      : []),
    { label: 'How', value: coachContactLine(booking) },
    ...(booking.accessibilityNeeds ? [{ label: 'Accessibility needs', value: booking.accessibilityNeeds }] : []),
    { label: 'Reference', value: booking.reference },
  ]
  const rendered = renderEmail(coachBookingNotice, {
    coachFirstName: firstNameOf(booking.coach.name),
    headline: headlines[notice],
    summary: summaries[notice],
    rows,
    dashboardUrl: `${links.publicUrl}/coach`,
  })
  const host = new URL(links.publicUrl).hostname
  return {
    kind: `coach-${notice}`,
    dedupeKey: `booking:${booking.id}:coach-${notice}:${booking.sequence}`,
    bookingId: booking.id,
    to: booking.coach.email,
    ...rendered,
    calendar: {
      method: removes ? 'CANCEL' : 'REQUEST',
      filename: 'career-conversation.ics',
      content: buildBookingIcs({
        uid: coachUid(booking.id, host, booking.calendarUid),
        sequence: booking.sequence,
        method: removes ? 'CANCEL' : 'REQUEST',
        start: booking.start,
        end: booking.end,
        summary: `Career conversation (${booking.reference})`,
        description: `Career conversation ${booking.reference}. ${coachContactLine(booking)}. Details: ${links.publicUrl}/coach`,
        location: removes ? undefined : (booking.videoLink ?? undefined),
        organizer: { name: 'Career conversations', email: `no-reply@${host}` },
        attendee: { name: booking.coach.name, email: booking.coach.email },
        now,
      }),
    },
  }
}

/** To the coach a booking moved away from: their old time, with a calendar cancellation. */
export function previousCoachNoticeEmail(
  booking: BookingForEmail,
  previousCoach: BookingForEmail['coach'],
  links: BookingLinks,
  now: Date,
): ComposedEmail | undefined {
  if (!booking.previousStart || !booking.previousEnd) return undefined
  const asTheyHadIt = { ...booking, coach: previousCoach, start: booking.previousStart, end: booking.previousEnd }
  return coachNoticeEmail(asTheyHadIt, links, now, 'moved-away')
}
