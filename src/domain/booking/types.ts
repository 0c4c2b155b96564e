/** The words of booking, as the service and its repositories use them. */
import type { StaffPrincipal } from '../staff/principal.js'

/** booked is live: it holds the coach's time. The others are final. */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'completed', 'no_show'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

export const CONTACT_METHODS = ['video', 'phone'] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]

/** Who made a change. `system` is the service itself (e.g. marking a conversation completed). */
export type BookingActor = 'candidate' | 'coach' | 'admin' | 'system'

export type BookingEventKind = 'booked' | 'rescheduled' | 'reassigned' | 'cancelled' | 'completed' | 'no_show'

export type { StaffPrincipal } from '../staff/principal.js'

/** Who is asking to see or change a booking, once their link or session has been checked. */
export type BookingViewer = { kind: 'candidate' } | { kind: 'staff'; staff: StaffPrincipal }

export interface ProgrammeSettings {
  id: string
  slug: string
  name: string
  durationMinutes: number
  minimumNoticeMinutes: number
  horizonDays: number
  /** Candidates can change or cancel up to this many hours before; 0 (or absent): no cut-off. */
  cancellationCutoffHours?: number
}

export const WHO_MAY_BOOK = ['anyone', 'domains', 'invited'] as const
/** Anyone with the link; only email addresses on the programme's domains; only people invited. */
export type WhoMayBook = (typeof WHO_MAY_BOOK)[number]

/** Who may book a programme, and what they must show. */
export interface ProgrammeAccess {
  whoMayBook: WhoMayBook
  /** Lower case, without "@": for whoMayBook "domains". */
  emailDomains: string[]
  /** Candidates without an invitation prove their email address with a code before booking. */
  asksEmailCode: boolean
  /** Live (booked, not yet ended) bookings one email address may have on the programme. */
  liveBookingsPerEmail: number
}

/** A programme open for booking, as the booking service reads it. */
export interface BookableProgramme extends ProgrammeSettings {
  access: ProgrammeAccess
  /** When the reminders go, in minutes before the conversation (largest first). */
  reminderOffsetsMinutes: number[]
}

/** A booking as people see it (the API and pages pick what they show). */
export interface Booking {
  id: string
  reference: string
  status: BookingStatus
  startsAt: Date
  endsAt: Date
  coachId: string
  coachFirstName: string
  contactMethod: ContactMethod
  /** The link to join a video call: the conversation's own, else the coach's; null for a phone call or when there is none yet. */
  videoLink: string | null
  /** The zone the candidate reads times in. */
  candidateTimeZone: string
  programme: ProgrammeSettings
  candidate: { name: string; email: string; phone: string | null }
  accessibilityNeeds: string | null
  invitationId: string | null
  /** SEQUENCE of its calendar invitation. */
  sequence: number
  /** UID of its calendar events; null for a booking made before there was one (calendar/ics.ts, bookingUid). */
  calendarUid?: string | null
  cancelledAt: Date | null
  cancelledBy: BookingActor | null
  cancellationReason: string | null
  consentNoticeVersion: string
  createdAt: Date
  updatedAt: Date
}
