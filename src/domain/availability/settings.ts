/**
 * The settings form: buffer between conversations (a number of minutes),
 * the most conversations in a day, and the time zone (a select of UK time
 * and common zones, plus the coach's current zone when it is another one).
 *
 * Field names: `bufferMinutes`, `dailyMaximum`, `timeZone`.
 */
import { isValidTimeZone, timeZoneLabel } from '../time/index.js'
import type { AvailabilityFieldError, CoachAvailabilitySettings, FormInput, FormResult } from './types.js'
import { fieldError } from './types.js'
import { wholeNumber } from '../forms/whole-number.js'

const BUFFER_MINUTES = { minimum: 0, maximum: 240 } as const
const DAILY_MAXIMUM = { minimum: 1, maximum: 24 } as const

interface TimeZoneChoice {
  value: string
  text: string
}

/** UK time first, then zones coaches are likely to work from; any valid IANA zone is accepted. */
const COACH_TIME_ZONES: readonly TimeZoneChoice[] = [
  { value: 'Europe/London', text: 'UK time (Europe/London)' },
  { value: 'Europe/Dublin', text: 'Ireland (Europe/Dublin)' },
  { value: 'Europe/Lisbon', text: 'Portugal (Europe/Lisbon)' },
  { value: 'Europe/Madrid', text: 'Spain (Europe/Madrid)' },
  { value: 'Europe/Paris', text: 'France (Europe/Paris)' },
  { value: 'Europe/Berlin', text: 'Germany (Europe/Berlin)' },
  { value: 'Europe/Warsaw', text: 'Poland (Europe/Warsaw)' },
  { value: 'Europe/Bucharest', text: 'Romania (Europe/Bucharest)' },
  { value: 'Europe/Athens', text: 'Greece (Europe/Athens)' },
  { value: 'Africa/Lagos', text: 'Nigeria (Africa/Lagos)' },
  { value: 'Asia/Dubai', text: 'United Arab Emirates (Asia/Dubai)' },
  { value: 'Asia/Kolkata', text: 'India (Asia/Kolkata)' },
  { value: 'Asia/Manila', text: 'Philippines (Asia/Manila)' },
  { value: 'Australia/Sydney', text: 'Australia, Sydney (Australia/Sydney)' },
  { value: 'America/New_York', text: 'US Eastern (America/New_York)' },
  { value: 'UTC', text: 'UTC' },
]

/** The select's options, with the current zone added when it is not one of the common ones. */
export function timeZoneChoices(current: string): TimeZoneChoice[] {
  if (COACH_TIME_ZONES.some((choice) => choice.value === current) || !isValidTimeZone(current)) return [...COACH_TIME_ZONES]
  return [...COACH_TIME_ZONES, { value: current, text: `${timeZoneLabel(current)} (${current})` }]
}

export function parseSettingsForm(input: FormInput): FormResult<CoachAvailabilitySettings> {
  const errors: AvailabilityFieldError[] = []

  const buffer = wholeNumber(input.bufferMinutes, BUFFER_MINUTES)
  if (!buffer.ok) {
    const messages = {
      missing: 'Enter the buffer between conversations in minutes, like 15 (or 0 for none)',
      format: 'Buffer between conversations must be a whole number of minutes, like 15',
      low: `Buffer between conversations must be ${BUFFER_MINUTES.minimum} minutes or more`,
      high: `Buffer between conversations must be ${BUFFER_MINUTES.maximum} minutes (4 hours) or less`,
    }
    errors.push(fieldError('bufferMinutes', messages[buffer.problem]))
  }

  const daily = wholeNumber(input.dailyMaximum, DAILY_MAXIMUM)
  if (!daily.ok) {
    const messages = {
      missing: 'Enter the most conversations in a day, like 6',
      format: 'Most conversations in a day must be a whole number, like 6',
      low: `Most conversations in a day must be ${DAILY_MAXIMUM.minimum} or more`,
      high: `Most conversations in a day must be ${DAILY_MAXIMUM.maximum} or fewer`,
    }
    errors.push(fieldError('dailyMaximum', messages[daily.problem]))
  }

  const timeZone = (input.timeZone ?? '').trim()
  if (timeZone === '') errors.push(fieldError('timeZone', 'Select a time zone'))
  else if (timeZone.length > 100 || !isValidTimeZone(timeZone)) errors.push(fieldError('timeZone', 'Select a time zone from the list'))

  if (errors.length > 0 || !buffer.ok || !daily.ok) return { ok: false, errors }
  return { ok: true, value: { bufferMinutes: buffer.value, dailyMaximum: daily.value, timeZone } }
}

/** "None", "1 minute", "15 minutes" */
export function describeBuffer(minutes: number): string {
  if (minutes === 0) return 'None'
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/** "1 conversation", "6 conversations" */
export function describeDailyMaximum(count: number): string {
  return count === 1 ? '1 conversation' : `${count} conversations`
}

/** "UK time (Europe/London)" */
export function describeTimeZone(zone: string): string {
  const known = COACH_TIME_ZONES.find((choice) => choice.value === zone)
  if (known) return known.text
  return isValidTimeZone(zone) ? `${timeZoneLabel(zone)} (${zone})` : zone
}
