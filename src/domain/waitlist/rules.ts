/**
 * What joining the waitlist must contain, checked without the database:
 * every problem is reported at once, each with its field (as the API names
 * it: "candidate.email", "preferences.days"...). The candidate's details are
 * checked by the booking's own rules, so both say the same things.
 */
import type { FieldProblem } from '../errors.js'
import { ValidationError } from '../errors.js'
import { BOOKING_REQUEST_MESSAGES, checkBookingRequest } from '../booking/rules.js'
import type { ContactMethod } from '../booking/types.js'
import { isValidTimeZone } from '../time/index.js'
import { PARTS_OF_DAY, type PartOfDay, type WaitlistPreferences } from './preferences.js'
import { readIsoDate } from '../time/date-input.js'

export interface PreferencesInput {
  days: readonly number[]
  partsOfDay: readonly string[]
  from?: string | null
  to?: string | null
  timeZone: string
}

export interface JoinRequestInput {
  candidate: { name: string; email: string; phone?: string | null }
  contactMethod: ContactMethod
  /** What would help them take part, as a booking asks; given to the booking when they take an offer. */
  accessibilityNeeds?: string | null
  preferences: PreferencesInput
  consent: boolean
}

export interface JoinRequest {
  candidate: { name: string; email: string; phone: string | null }
  contactMethod: ContactMethod
  accessibilityNeeds: string | null
  preferences: WaitlistPreferences
}

export const WAITLIST_MESSAGES = {
  daysMissing: 'Select the days of the week that suit you',
  partsMissing: 'Select the parts of the day that suit you',
  dateInvalid: (which: 'from' | 'to') => `The date ${which === 'from' ? 'you can start from' : 'you can do until'} must be a real date`,
  toBeforeFrom: 'The last date must be the same as or after the first date',
  toPast: 'The last date must be today or in the future',
  timeZoneUnknown: BOOKING_REQUEST_MESSAGES.timeZoneUnknown,
} as const

/** A date as YYYY-MM-DD, or null when it is not a real one. */
export function realDate(text: string): string | null {
  return readIsoDate(text.trim(), { from: 1, to: 9999 })
}

/** Checks the days, parts of the day, dates and zone; problems are named `${prefix}days` and so on. */
export function preferenceProblems(input: PreferencesInput, today: (zone: string) => string, prefix = 'preferences.'): { problems: FieldProblem[]; value: WaitlistPreferences } {
  const problems: FieldProblem[] = []
  const days = [...new Set(input.days ?? [])].filter((day) => Number.isInteger(day) && day >= 1 && day <= 7).sort()
  if (days.length === 0 || days.length !== new Set(input.days ?? []).size) problems.push({ field: `${prefix}days`, message: WAITLIST_MESSAGES.daysMissing })
  const partsOfDay = PARTS_OF_DAY.filter((part) => (input.partsOfDay ?? []).includes(part)) as PartOfDay[]
  if (partsOfDay.length === 0 || (input.partsOfDay ?? []).some((part) => !PARTS_OF_DAY.includes(part as PartOfDay))) {
    problems.push({ field: `${prefix}partsOfDay`, message: WAITLIST_MESSAGES.partsMissing })
  }
  const timeZone = (input.timeZone ?? '').trim()
  const zoneOk = isValidTimeZone(timeZone)
  if (!zoneOk) problems.push({ field: `${prefix}timeZone`, message: WAITLIST_MESSAGES.timeZoneUnknown })
  const from = input.from && input.from.trim() !== '' ? realDate(input.from) : null
  if (input.from && input.from.trim() !== '' && !from) problems.push({ field: `${prefix}from`, message: WAITLIST_MESSAGES.dateInvalid('from') })
  const to = input.to && input.to.trim() !== '' ? realDate(input.to) : null
  if (input.to && input.to.trim() !== '' && !to) problems.push({ field: `${prefix}to`, message: WAITLIST_MESSAGES.dateInvalid('to') })
  else if (to && from && to < from) problems.push({ field: `${prefix}to`, message: WAITLIST_MESSAGES.toBeforeFrom })
  else if (to && zoneOk && to < today(timeZone)) problems.push({ field: `${prefix}to`, message: WAITLIST_MESSAGES.toPast })
  return { problems, value: { days, partsOfDay, from, to, timeZone } }
}

/** Checks a request to join; throws ValidationError with every problem. */
export function checkJoinRequest(input: JoinRequestInput, today: (zone: string) => string): JoinRequest {
  const problems: FieldProblem[] = []
  let candidate: JoinRequest['candidate'] = { name: '', email: '', phone: null }
  let accessibilityNeeds: string | null = null
  try {
    // The booking's rules for the person and their needs (a stand-in time and zone: only those fields are read here).
    const checked = checkBookingRequest({
      start: new Date(0).toISOString(),
      timeZone: 'UTC',
      candidate: input.candidate,
      contactMethod: input.contactMethod,
      accessibilityNeeds: input.accessibilityNeeds,
      consent: input.consent,
    })
    candidate = checked.candidate
    accessibilityNeeds = checked.accessibilityNeeds
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    problems.push(...error.fields)
  }
  const preferences = preferenceProblems(input.preferences ?? { days: [], partsOfDay: [], timeZone: '' }, today)
  problems.push(...preferences.problems)
  if (problems.length > 0) throw new ValidationError(problems)
  return { candidate, contactMethod: input.contactMethod, accessibilityNeeds, preferences: preferences.value }
}
