/**
 * Checking each page's answers and turning every problem into what the NHS
 * error summary and the field show: the message and the id it links to.
 *
 * Candidate details, contact and consent go through the booking service's
 * own rules (checkBookingRequest), so a page accepts exactly what
 * createBooking will: only the messages' wording is chosen here.
 */
import type { BookingRequestInput } from '../booking/rules.js'
import { BOOKING_REQUEST_MESSAGES, REASON_MAX_LENGTH, blankToNull, checkBookingRequest } from '../booking/rules.js'
import type { ContactMethod } from '../booking/types.js'
import { CONTACT_METHODS } from '../booking/types.js'
import { ValidationError } from '../errors.js'
import { canonicalTimeZone } from './time-zones.js'

/** One problem as a page shows it: `text` in the summary and by the field, `href` to the field (`#id`). */
export interface FieldError {
  field: string
  text: string
  href: string
}

export type StepResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

export const JOURNEY_MESSAGES = {
  dayMissing: 'Choose a day',
  dayUnavailable: 'Choose a day from the list',
  timeMissing: 'Choose a time',
  timeUnavailable: 'Choose a time from the list',
  slotTaken: 'That time has just been taken. Choose another time',
  sameTime: 'Choose a different time from the one you have booked',
  nameMissing: 'Enter your full name',
  contactMethodMissing: 'Choose how you want to talk to your coach',
  timeZoneMissing: 'Choose your time zone',
  otherTimeZoneUnknown: 'Enter a time zone we recognise, like America/Toronto or Australia/Sydney',
  accessibilityTooLarge: 'Your answer is too long. Shorten it, and tell your coach the rest at the start of the call',
  reasonTooLong: `Your reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
} as const

/** Form values as they arrive: anything may be missing, or not a string. */
export type FormInput = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

function error(field: string, message: string, id = field): FieldError {
  return { field, text: message, href: `#${id}` }
}

/** A value the candidate picked from a list we showed them (a radio). */
function pickFrom(value: unknown, allowed: readonly string[], missing: string, unavailable: string, field: string, id = field): StepResult<string> {
  const picked = text(value).trim()
  if (picked === '') return { ok: false, errors: [error(field, missing, id)] }
  if (!allowed.includes(picked)) return { ok: false, errors: [error(field, unavailable, id)] }
  return { ok: true, value: picked }
}

/** The day, one of the days with free times shown. */
export function checkDayAnswer(form: FormInput, availableDates: readonly string[]): StepResult<string> {
  return pickFrom(form.day, availableDates, JOURNEY_MESSAGES.dayMissing, JOURNEY_MESSAGES.dayUnavailable, 'day')
}

/** The time, one of the free starts shown (as ISO 8601 UTC). */
export function checkTimeAnswer(form: FormInput, availableStarts: readonly string[]): StepResult<string> {
  const start = text(form.start).trim()
  const normalised = Number.isNaN(new Date(start).getTime()) ? start : new Date(start).toISOString()
  return pickFrom(normalised, availableStarts, JOURNEY_MESSAGES.timeMissing, JOURNEY_MESSAGES.timeUnavailable, 'start')
}

/** Runs the booking rules on a request whose other parts are known good, and keeps the problems of `fields`. */
function bookingRuleProblems(input: Partial<BookingRequestInput>, fields: readonly string[]): { field: string; message: string }[] {
  const request: BookingRequestInput = {
    start: '2026-01-01T09:00:00.000Z',
    timeZone: 'Europe/London',
    contactMethod: 'video',
    consent: true,
    ...input,
    candidate: { name: 'Checked elsewhere', email: 'checked@example.com', ...input.candidate },
  }
  try {
    checkBookingRequest(request)
    return []
  } catch (problem) {
    if (!(problem instanceof ValidationError)) throw problem
    return problem.fields.filter((item) => fields.includes(item.field))
  }
}

const FIELD_IDS: Record<string, string> = {
  'candidate.name': 'name',
  'candidate.email': 'email',
  'candidate.phone': 'phone',
  accessibilityNeeds: 'accessibilityNeeds',
  consent: 'consent',
}

function asFieldErrors(problems: { field: string; message: string }[], rewrite: Record<string, string> = {}): FieldError[] {
  return problems.map((problem) => {
    const id = FIELD_IDS[problem.field] ?? problem.field
    return error(id, rewrite[problem.message] ?? problem.message)
  })
}

interface DetailsAnswer {
  name: string
  email: string
  phone: string | null
}

/** Full name and email address (required), phone number (optional here; needed later for a phone call). */
export function checkDetailsAnswer(form: FormInput): StepResult<DetailsAnswer> {
  const name = text(form.name)
  const email = text(form.email)
  const phone = text(form.phone)
  const problems = bookingRuleProblems({ candidate: { name, email, phone } }, ['candidate.name', 'candidate.email', 'candidate.phone'])
  if (problems.length > 0) {
    return { ok: false, errors: asFieldErrors(problems, { [BOOKING_REQUEST_MESSAGES.nameMissing]: JOURNEY_MESSAGES.nameMissing }) }
  }
  return {
    ok: true,
    value: {
      name: name.trim().replace(/\s+/g, ' '),
      email: email.trim().toLowerCase(),
      phone: blankToNull(phone),
    },
  }
}

interface ContactAnswer {
  contactMethod: ContactMethod
  /** The phone number given for a phone call; null for a video call (the one from "your details" is kept). */
  phone: string | null
  accessibilityNeeds: string | null
}

/**
 * Phone or video, and any accessibility needs. A phone call needs a phone
 * number: the one from "your details", or, when none was given there, the
 * one typed on this page (its field shows only then).
 */
export function checkContactAnswer(form: FormInput, knownPhone: string | null): StepResult<ContactAnswer> {
  const errors: FieldError[] = []
  const method = CONTACT_METHODS.find((candidate) => candidate === text(form.contactMethod))
  if (!method) errors.push(error('contactMethod', JOURNEY_MESSAGES.contactMethodMissing))
  const typedPhone = typeof form.phone === 'string' ? form.phone : null
  const phone = method === 'phone' ? (typedPhone ?? knownPhone ?? '') : ''
  const accessibilityNeeds = text(form.accessibilityNeeds)
  errors.push(
    ...asFieldErrors(
      bookingRuleProblems(
        { contactMethod: method ?? 'video', candidate: { name: 'Checked elsewhere', email: 'checked@example.com', phone }, accessibilityNeeds },
        ['candidate.phone', 'accessibilityNeeds'],
      ),
    ),
  )
  if (errors.length > 0 || !method) return { ok: false, errors }
  return { ok: true, value: { contactMethod: method, phone: method === 'phone' ? blankToNull(phone) : null, accessibilityNeeds: blankToNull(accessibilityNeeds) } }
}

/** The acknowledgement of how their information is used: a ticked box. */
export function checkInformationAnswer(form: FormInput): StepResult<true> {
  const ticked = [form.consent].flat().some((value) => value === 'yes')
  if (!ticked) return { ok: false, errors: [error('consent', BOOKING_REQUEST_MESSAGES.consentMissing)] }
  return { ok: true, value: true }
}

/**
 * A zone from the list (`timeZone`), or another typed in (`otherTimeZone`,
 * under "My time zone is not listed"): what is typed wins, as the page says.
 */
export function checkTimeZoneAnswer(form: FormInput): StepResult<string> {
  const typed = text(form.otherTimeZone).trim()
  if (typed !== '') {
    const zone = canonicalTimeZone(typed)
    if (!zone) return { ok: false, errors: [error('otherTimeZone', JOURNEY_MESSAGES.otherTimeZoneUnknown)] }
    return { ok: true, value: zone }
  }
  const zone = canonicalTimeZone(text(form.timeZone))
  if (!zone) return { ok: false, errors: [error('timeZone', JOURNEY_MESSAGES.timeZoneMissing)] }
  return { ok: true, value: zone }
}

/** The optional reason for cancelling. */
export function checkCancelReason(form: FormInput): StepResult<string | null> {
  const reason = blankToNull(text(form.reason))
  if (reason !== null && reason.length > REASON_MAX_LENGTH) return { ok: false, errors: [error('reason', JOURNEY_MESSAGES.reasonTooLong)] }
  return { ok: true, value: reason }
}

/** An error on one field, e.g. from the service after the page's own checks passed. */
export function fieldError(field: string, message: string, id = field): FieldError {
  return error(field, message, id)
}
