/**
 * Booking rules that need no database: what a booking request must contain,
 * and when a booking can still be changed.
 */
import type { FieldProblem } from '../errors.js'
import { ValidationError, type ConflictError } from '../errors.js'
import { isValidTimeZone } from '../time/index.js'
import { BookingCancelledError, BookingPastError, ChangeCutoffPassedError } from './errors.js'
import type { Booking, ContactMethod } from './types.js'

/**
 * The version of the notice the candidate acknowledges when booking (who sees
 * the notes, how long they are kept). Change it whenever the notice's words
 * change; each booking records the version its candidate saw.
 */
export const CONSENT_NOTICE_VERSION = '2026-11-v1'

export const NAME_MAX_LENGTH = 200
export const EMAIL_MAX_LENGTH = 254
export const PHONE_MAX_LENGTH = 30
export const ACCESSIBILITY_NEEDS_MAX_LENGTH = 2000
export const REASON_MAX_LENGTH = 1000

/** What a booking request carries, before it is checked. */
export interface BookingRequestInput {
  start: string
  timeZone: string
  candidate: { name: string; email: string; phone?: string | null }
  contactMethod: ContactMethod
  accessibilityNeeds?: string | null
  consent: boolean
}

/** A checked request: trimmed, email in lower case, blanks as null. */
interface BookingRequest {
  start: Date
  timeZone: string
  candidate: { name: string; email: string; phone: string | null }
  contactMethod: ContactMethod
  accessibilityNeeds: string | null
}

export const BOOKING_REQUEST_MESSAGES = {
  startInvalid: 'Choose a time from the list',
  timeZoneUnknown: 'Enter a real time zone, like Europe/London',
  nameMissing: 'Enter your name',
  nameTooLong: `Your name must be ${NAME_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  emailMissing: 'Enter your email address',
  emailInvalid: 'Enter an email address in the correct format, like name@example.com',
  phoneMissing: 'Enter a phone number, so your coach can call you',
  phoneInvalid: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982',
  accessibilityTooLong: `Accessibility needs must be ${ACCESSIBILITY_NEEDS_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  consentMissing: 'Confirm that you have read how your information is used',
} as const

/** Deliberately plain: something@something.something, no spaces, one @. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** Digits with spaces, brackets, dots or hyphens, an optional leading +; 7 to 15 digits (E.164). */
const PHONE = /^\+?[0-9 ()\-.]+$/

/** Checks a request; every problem is reported, each with its field (e.g. "candidate.phone"). */
export function checkBookingRequest(input: BookingRequestInput): BookingRequest {
  const problems: FieldProblem[] = []
  const start = new Date(input.start)
  if (typeof input.start !== 'string' || Number.isNaN(start.getTime())) {
    problems.push({ field: 'start', message: BOOKING_REQUEST_MESSAGES.startInvalid })
  }
  const timeZone = (input.timeZone ?? '').trim()
  if (!isValidTimeZone(timeZone)) problems.push({ field: 'timeZone', message: BOOKING_REQUEST_MESSAGES.timeZoneUnknown })

  const name = (input.candidate?.name ?? '').trim().replace(/\s+/g, ' ')
  if (name === '') problems.push({ field: 'candidate.name', message: BOOKING_REQUEST_MESSAGES.nameMissing })
  else if (name.length > NAME_MAX_LENGTH) problems.push({ field: 'candidate.name', message: BOOKING_REQUEST_MESSAGES.nameTooLong })

  const email = (input.candidate?.email ?? '').trim().toLowerCase()
  if (email === '') problems.push({ field: 'candidate.email', message: BOOKING_REQUEST_MESSAGES.emailMissing })
  else if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email)) {
    problems.push({ field: 'candidate.email', message: BOOKING_REQUEST_MESSAGES.emailInvalid })
  }

  const phone = blankToNull(input.candidate?.phone)
  if (phone === null) {
    if (input.contactMethod === 'phone') problems.push({ field: 'candidate.phone', message: BOOKING_REQUEST_MESSAGES.phoneMissing })
  } else if (!isPhoneNumber(phone)) {
    problems.push({ field: 'candidate.phone', message: BOOKING_REQUEST_MESSAGES.phoneInvalid })
  }

  const accessibilityNeeds = blankToNull(input.accessibilityNeeds)
  if (accessibilityNeeds !== null && accessibilityNeeds.length > ACCESSIBILITY_NEEDS_MAX_LENGTH) {
    problems.push({ field: 'accessibilityNeeds', message: BOOKING_REQUEST_MESSAGES.accessibilityTooLong })
  }
  if (input.consent !== true) problems.push({ field: 'consent', message: BOOKING_REQUEST_MESSAGES.consentMissing })

  if (problems.length > 0) throw new ValidationError(problems)
  return { start, timeZone, candidate: { name, email, phone }, contactMethod: input.contactMethod, accessibilityNeeds }
}

/** Deliberately plain: something@something.something, no spaces, one @. */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text)
}

export function isPhoneNumber(text: string): boolean {
  if (text.length > PHONE_MAX_LENGTH || !PHONE.test(text)) return false
  const digits = text.replace(/\D/g, '').length
  return digits >= 7 && digits <= 15
}

/** Throws the 409 that says why a booking can no longer be changed or cancelled. */
export function requireChangeable(booking: Pick<Booking, 'status' | 'startsAt'>, now: Date): void {
  const refusal = changeRefusal(booking, now)
  if (refusal) throw refusal
}

function changeRefusal(booking: Pick<Booking, 'status' | 'startsAt'>, now: Date): ConflictError | null {
  if (booking.status === 'cancelled') return new BookingCancelledError()
  if (booking.status !== 'booked' || booking.startsAt.getTime() <= now.getTime()) return new BookingPastError()
  return null
}

/** The last instant a candidate can change or cancel online (the programme's cut-off), or null when there is no cut-off. */
function changeCutoff(booking: Pick<Booking, 'startsAt' | 'programme'>): Date | null {
  const hours = booking.programme.cancellationCutoffHours ?? 0
  return hours > 0 ? new Date(booking.startsAt.getTime() - hours * 60 * 60 * 1000) : null
}

/** Whether the programme's cut-off for candidates' changes has passed. */
function pastChangeCutoff(booking: Pick<Booking, 'startsAt' | 'programme'>, now: Date): boolean {
  const cutoff = changeCutoff(booking)
  return cutoff !== null && now.getTime() >= cutoff.getTime()
}

/** For candidates: 409 change_cutoff_passed once the programme's cut-off has passed. */
export function requireBeforeChangeCutoff(booking: Pick<Booking, 'startsAt' | 'programme'>, now: Date): void {
  if (pastChangeCutoff(booking, now)) throw new ChangeCutoffPassedError(booking.programme.cancellationCutoffHours ?? 0)
}

/**
 * Why a candidate cannot change or cancel this booking online now (the error
 * the change and cancel services would refuse with: cancelled, past, or past
 * the programme's cut-off), or null when they can. For pages that decide
 * what to offer before anything is asked.
 */
export function candidateChangeRefusal(booking: Pick<Booking, 'status' | 'startsAt' | 'programme'>, now: Date): ConflictError | null {
  return changeRefusal(booking, now) ?? (pastChangeCutoff(booking, now) ? new ChangeCutoffPassedError(booking.programme.cancellationCutoffHours ?? 0) : null)
}

/** Trimmed text, or null when missing or blank. */
export function blankToNull(text: string | null | undefined): string | null {
  const trimmed = typeof text === 'string' ? text.trim() : ''
  return trimmed === '' ? null : trimmed
}

/** "Amina Okafor" → "Amina": what a candidate is told of their coach. */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName
}
