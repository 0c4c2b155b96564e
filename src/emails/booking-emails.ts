import { bookingUid, buildBookingIcs } from '../domain/calendar/index.js'
import { preparationAreas, preparationIntro, reflectionIntro, reflectionQuestions } from '../domain/preparation/index.js'
import { formatDateTimeRange } from '../domain/time/index.js'
import type { ComposedEmail } from './deliver-email.js'
import { bookingCancelled } from './messages/booking-cancelled.js'
import { bookingChanged } from './messages/booking-changed.js'
import { bookingCoachChanged } from './messages/booking-coach-changed.js'
import { bookingConfirmation } from './messages/booking-confirmation.js'
import { coachBookingNotice } from './messages/coach-booking-notice.js'
import { preparation } from './messages/preparation.js'
import { reminder } from './messages/reminder.js'
import { renderEmail, type EmailMessage, type RenderedEmail } from './render-email.js'

/** What booking emails need to know, loaded fresh when the email is sent. */
export interface BookingForEmail {
  id: string
  reference: string
  status: 'booked' | 'cancelled' | 'completed' | 'no_show'
  start: Date
  end: Date
  /** ICS SEQUENCE: 0 when booked, higher after every change. */
  sequence: number
  previousStart?: Date
  previousEnd?: Date
  cancelledBy?: 'candidate' | 'coach' | 'admin' | null
  candidate: { name: string; email: string; phone: string | null; timeZone: string }
  contactMethod: 'video' | 'phone'
  accessibilityNeeds: string | null
  coach: { name: string; email: string; timeZone: string }
  programme: { name: string; slug: string }
}

export interface BookingLinks {
  publicUrl: string
  /** A fresh personal link to the candidate's own page for this booking. */
  manageUrl: string
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

function contactLine(booking: BookingForEmail): string {
  return booking.contactMethod === 'phone'
    ? `${firstName(booking.coach.name)} will phone you on ${booking.candidate.phone ?? 'the number you gave'}`
    : 'By video: your coach will email you a link to join before the call'
}

const whenFor = (booking: BookingForEmail, zone: string) => formatDateTimeRange(booking.start, booking.end, zone)

function calendar(booking: BookingForEmail, links: BookingLinks, method: 'REQUEST' | 'CANCEL', now: Date) {
  const host = new URL(links.publicUrl).hostname
  return {
    method,
    filename: method === 'CANCEL' ? 'cancelled.ics' : 'career-conversation.ics',
    content: buildBookingIcs({
      uid: bookingUid(booking.id, host),
      sequence: booking.sequence,
      method,
      start: booking.start,
      end: booking.end,
      summary: `Career conversation with ${firstName(booking.coach.name)}`,
      description: `Reference ${booking.reference}. ${contactLine(booking)}. Manage your booking: ${links.manageUrl}`,
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

function render<Model extends object>(message: EmailMessage<Model>, model: Model) {
  return renderEmail(message, model)
}

export function confirmationEmail(booking: BookingForEmail, links: BookingLinks, now: Date, preparationIncluded: boolean): ComposedEmail {
  const rendered = render(bookingConfirmation, {
    candidateName: booking.candidate.name,
    when: whenFor(booking, booking.candidate.timeZone),
    contactLine: contactLine(booking),
    coachFirstName: firstName(booking.coach.name),
    reference: booking.reference,
    manageUrl: links.manageUrl,
    preparationIncluded,
  })
  return toCandidate('booking-confirmation', `booking:${booking.id}:confirmation`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function changedEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const zone = booking.candidate.timeZone
  const rendered = render(bookingChanged, {
    candidateName: booking.candidate.name,
    when: whenFor(booking, zone),
    previousWhen:
      booking.previousStart && booking.previousEnd ? formatDateTimeRange(booking.previousStart, booking.previousEnd, zone) : 'an earlier time',
    contactLine: contactLine(booking),
    coachFirstName: firstName(booking.coach.name),
    reference: booking.reference,
    manageUrl: links.manageUrl,
  })
  return toCandidate('booking-changed', `booking:${booking.id}:changed:${booking.sequence}`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function coachChangedEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const rendered = render(bookingCoachChanged, {
    candidateName: booking.candidate.name,
    when: whenFor(booking, booking.candidate.timeZone),
    contactLine: contactLine(booking),
    coachFirstName: firstName(booking.coach.name),
    reference: booking.reference,
    manageUrl: links.manageUrl,
  })
  return toCandidate('booking-coach-changed', `booking:${booking.id}:coach-changed:${booking.sequence}`, booking, rendered, {
    calendar: calendar(booking, links, 'REQUEST', now),
  })
}

export function cancelledEmail(booking: BookingForEmail, links: BookingLinks, now: Date): ComposedEmail {
  const rendered = render(bookingCancelled, {
    candidateName: booking.candidate.name,
    when: whenFor(booking, booking.candidate.timeZone),
    reference: booking.reference,
    cancelledLine:
      booking.cancelledBy === 'candidate'
        ? 'You cancelled your career conversation. Thank you for letting us know.'
        : 'We are sorry, we have had to cancel your career conversation.',
    bookAgainUrl: `${links.publicUrl}/book/${booking.programme.slug}`,
  })
  return toCandidate('booking-cancelled', `booking:${booking.id}:cancelled`, booking, rendered, {
    calendar: calendar(booking, links, 'CANCEL', now),
  })
}

export function reminderEmail(booking: BookingForEmail, links: BookingLinks, offsetMinutes: number): ComposedEmail {
  const headline =
    offsetMinutes >= 24 * 60
      ? 'Your career conversation is tomorrow'
      : `Your career conversation starts in ${offsetMinutes >= 120 ? `${Math.round(offsetMinutes / 60)} hours` : offsetMinutes === 60 ? '1 hour' : `${offsetMinutes} minutes`}`
  const rendered = render(reminder, {
    candidateName: booking.candidate.name,
    headline,
    when: whenFor(booking, booking.candidate.timeZone),
    contactLine: contactLine(booking),
    coachFirstName: firstName(booking.coach.name),
    reference: booking.reference,
    manageUrl: links.manageUrl,
  })
  const startKey = booking.start.toISOString()
  return toCandidate('reminder', `booking:${booking.id}:reminder:${offsetMinutes}:${startKey}`, booking, rendered)
}

export function preparationEmail(booking: BookingForEmail, links: BookingLinks): ComposedEmail {
  const rendered = render(preparation, {
    candidateName: booking.candidate.name,
    coachFirstName: firstName(booking.coach.name),
    when: whenFor(booking, booking.candidate.timeZone),
    intro: preparationIntro,
    areas: preparationAreas.map((area) => ({
      title: area.title,
      intro: area.intro,
      questions: area.questions.map((question) => question.label),
    })),
    reflectionIntro,
    reflectionQuestions: reflectionQuestions.map((question) => question.label),
    prepareUrl: `${links.manageUrl}#prepare`,
  })
  return toCandidate('preparation', `booking:${booking.id}:preparation`, booking, rendered)
}

export type CoachNoticeKind = 'booked' | 'changed' | 'cancelled' | 'moved-away'

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
    { label: 'How', value: booking.contactMethod === 'phone' ? `Phone: ${booking.candidate.phone ?? 'not given'}` : 'Video' },
    ...(booking.accessibilityNeeds ? [{ label: 'Accessibility needs', value: booking.accessibilityNeeds }] : []),
    { label: 'Reference', value: booking.reference },
  ]
  const rendered = renderEmail(coachBookingNotice, {
    coachFirstName: firstName(booking.coach.name),
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
        uid: `coach-${bookingUid(booking.id, host)}`,
        sequence: booking.sequence,
        method: removes ? 'CANCEL' : 'REQUEST',
        start: booking.start,
        end: booking.end,
        summary: `Career conversation (${booking.reference})`,
        description: `Career conversation ${booking.reference}. Details: ${links.publicUrl}/coach`,
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
