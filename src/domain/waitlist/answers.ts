/**
 * The waitlist pages' answers: days, parts of the day and dates as a form
 * sends them (checkbox lists, and the NHS date input's day, month and year
 * fields), checked with the NHS error messages; each error names the field
 * the summary links to.
 */
import { DateTime } from 'luxon'
import type { FieldError, FormInput, StepResult } from '../booking-journey/answers.js'
import { fieldError } from '../booking-journey/answers.js'
import { PARTS_OF_DAY, type PartOfDay } from './preferences.js'
import { WAITLIST_MESSAGES } from './rules.js'

const list = (value: unknown): string[] => [value].flat().filter((item): item is string => typeof item === 'string')
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

export function checkDaysAnswer(form: FormInput): StepResult<number[]> {
  const days = [...new Set(list(form.days).map(Number))].filter((day) => Number.isInteger(day) && day >= 1 && day <= 7).sort()
  if (days.length === 0) return { ok: false, errors: [fieldError('days', WAITLIST_MESSAGES.daysMissing)] }
  return { ok: true, value: days }
}

export function checkPartsOfDayAnswer(form: FormInput): StepResult<PartOfDay[]> {
  const chosen = list(form.partsOfDay)
  const parts = PARTS_OF_DAY.filter((part) => chosen.includes(part))
  if (parts.length === 0) return { ok: false, errors: [fieldError('partsOfDay', WAITLIST_MESSAGES.partsMissing)] }
  return { ok: true, value: [...parts] }
}

export interface DatesAnswer {
  from: string | null
  to: string | null
}

/** The date typed in `${name}-day`, `-month`, `-year`: null when all are blank, 'invalid' when not a real date. */
function typedDate(form: FormInput, name: string): string | null | 'invalid' {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(form[`${name}-${part}`]))
  if (!day && !month && !year) return null
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) return 'invalid'
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) })
  return date.isValid ? date.toISODate() : 'invalid'
}

/** Optional first and last dates; the last not before the first, nor before today on their clock. */
export function checkDatesAnswer(form: FormInput, today: string): StepResult<DatesAnswer> {
  const errors: FieldError[] = []
  const from = typedDate(form, 'from')
  const to = typedDate(form, 'to')
  if (from === 'invalid') errors.push(fieldError('from', WAITLIST_MESSAGES.dateInvalid('from'), 'from-day'))
  if (to === 'invalid') errors.push(fieldError('to', WAITLIST_MESSAGES.dateInvalid('to'), 'to-day'))
  else if (to && from && from !== 'invalid' && to < from) errors.push(fieldError('to', WAITLIST_MESSAGES.toBeforeFrom, 'to-day'))
  else if (to && to < today) errors.push(fieldError('to', WAITLIST_MESSAGES.toPast, 'to-day'))
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { from: from as string | null, to: to as string | null } }
}

/** A YYYY-MM-DD date as the three fields of the NHS date input. */
export function dateFields(date: string | null): { day: string; month: string; year: string } {
  if (!date) return { day: '', month: '', year: '' }
  const [year, month, day] = date.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}
