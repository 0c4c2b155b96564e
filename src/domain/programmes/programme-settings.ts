/**
 * A programme's settings as the programme team sets them on
 * /admin/programmes: what candidates see (name, web address), how booking
 * works (length, notice, how far ahead, reminders), the conversation model
 * the notes follow, how long records are kept, and whether coaches must use
 * two-factor sign-in. The database's CHECKs hold the same limits.
 *
 * Form fields: name, slug, modelKey, durationMinutes, noticeHours,
 * horizonDays, reminders (minutes before, any number), retentionMonths,
 * coachTwoFactor ('yes' | 'no'), open ('yes' | 'no'), cutoffHours (candidates
 * can change or cancel up to this many hours before; 0 or blank: no cut-off).
 */
import type { FieldProblem } from '../errors.js'
import { listConversationModels } from '../conversation-models/index.js'
import { wholeNumber } from '../forms/whole-number.js'

export interface ProgrammeSettingsInput {
  name: string
  slug: string
  modelKey: string
  durationMinutes: number
  minimumNoticeMinutes: number
  horizonDays: number
  /** Minutes before the start, largest first. */
  reminderOffsetsMinutes: number[]
  retentionMonths: number
  requireCoachTwoFactor: boolean
  active: boolean
  /** Candidates can change or cancel up to this many hours before the conversation; 0: no cut-off. */
  cancellationCutoffHours: number
}

const PROGRAMME_NAME_MAX_LENGTH = 120
const PROGRAMME_SLUG_MAX_LENGTH = 60
const DURATION_MINUTES = { minimum: 15, maximum: 240 } as const
const NOTICE_HOURS = { minimum: 0, maximum: 24 * 28 } as const
const HORIZON_DAYS = { minimum: 1, maximum: 366 } as const
const RETENTION_MONTHS = { minimum: 1, maximum: 120 } as const
const CUTOFF_HOURS = { minimum: 0, maximum: 336 } as const
const HOUR = 60
const DAY = 24 * HOUR

/** The reminders offered; a programme set up otherwise keeps its own as extra choices. */
const STANDARD_REMINDERS: readonly number[] = [7 * DAY, 2 * DAY, DAY, 2 * HOUR, HOUR]
const LONGEST_REMINDER = 14 * DAY

/** New programmes start from these (the database's defaults). */
export const NEW_PROGRAMME_DEFAULTS: Omit<ProgrammeSettingsInput, 'name' | 'slug'> = {
  modelKey: 'four-stage',
  durationMinutes: 45,
  minimumNoticeMinutes: DAY,
  horizonDays: 56,
  reminderOffsetsMinutes: [DAY, HOUR],
  retentionMonths: 24,
  requireCoachTwoFactor: false,
  active: true,
  cancellationCutoffHours: 0,
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export const PROGRAMME_MESSAGES = {
  name: 'Enter the programme’s name',
  nameTooLong: `The name must be ${PROGRAMME_NAME_MAX_LENGTH} characters or fewer`,
  slug: 'Enter a web address name, like vaccinators',
  slugFormat: 'The web address name can only have lower-case letters, numbers and hyphens between them, like bank-nurses',
  slugTooLong: `The web address name must be ${PROGRAMME_SLUG_MAX_LENGTH} characters or fewer`,
  slugTaken: 'Another programme already uses this web address name',
  modelKey: 'Select the conversation model',
  reminders: 'Select reminders from the list',
  coachTwoFactor: 'Select yes if coaches must use two-factor sign-in',
  open: 'Select yes if the programme is open for booking',
} as const

type NumberMessages = Record<'missing' | 'format' | 'low' | 'high', string>

const NUMBER_MESSAGES: Record<'durationMinutes' | 'noticeHours' | 'horizonDays' | 'retentionMonths' | 'cutoffHours', NumberMessages> = {
  cutoffHours: {
    missing: 'Enter the cut-off in hours, like 24 (or 0 for none)',
    format: 'The cut-off must be a whole number of hours, like 24',
    low: 'The cut-off must be 0 hours or more',
    high: `The cut-off must be ${CUTOFF_HOURS.maximum} hours (2 weeks) or less`,
  },
  durationMinutes: {
    missing: 'Enter how long a conversation lasts in minutes, like 45',
    format: 'How long a conversation lasts must be a whole number of minutes, like 45',
    low: `A conversation must last ${DURATION_MINUTES.minimum} minutes or more`,
    high: `A conversation must last ${DURATION_MINUTES.maximum} minutes (4 hours) or less`,
  },
  noticeHours: {
    missing: 'Enter the notice candidates must give in hours, like 24 (or 0 for none)',
    format: 'The notice must be a whole number of hours, like 24',
    low: 'The notice must be 0 hours or more',
    high: `The notice must be ${NOTICE_HOURS.maximum} hours (4 weeks) or less`,
  },
  horizonDays: {
    missing: 'Enter how many days ahead candidates can book, like 56',
    format: 'How far ahead candidates can book must be a whole number of days, like 56',
    low: `Candidates must be able to book at least ${HORIZON_DAYS.minimum} day ahead`,
    high: `Candidates can book at most ${HORIZON_DAYS.maximum} days ahead`,
  },
  retentionMonths: {
    missing: 'Enter how many months to keep candidates’ records, like 24',
    format: 'How long to keep records must be a whole number of months, like 24',
    low: `Records must be kept for at least ${RETENTION_MONTHS.minimum} month`,
    high: `Records can be kept for at most ${RETENTION_MONTHS.maximum} months (10 years)`,
  },
}

export type ProgrammeForm = Partial<
  Record<'name' | 'slug' | 'modelKey' | 'durationMinutes' | 'noticeHours' | 'horizonDays' | 'retentionMonths' | 'coachTwoFactor' | 'open' | 'cutoffHours', string>
> & {
  reminders?: string | string[]
}

/**
 * Reads the programme form. `current` is the programme being changed (its
 * web address stays, since sent links use it; its own reminders stay
 * choosable), or null for a new one.
 */
export function parseProgrammeForm(
  form: ProgrammeForm,
  current: ProgrammeSettingsInput | null,
): { ok: true; value: ProgrammeSettingsInput } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = []

  const name = (form.name ?? '').trim().replace(/\s+/g, ' ')
  if (name === '') errors.push({ field: 'name', message: PROGRAMME_MESSAGES.name })
  else if (name.length > PROGRAMME_NAME_MAX_LENGTH) errors.push({ field: 'name', message: PROGRAMME_MESSAGES.nameTooLong })

  let slug = current?.slug ?? ''
  if (!current) {
    slug = (form.slug ?? '').trim().toLowerCase()
    if (slug === '') errors.push({ field: 'slug', message: PROGRAMME_MESSAGES.slug })
    else if (slug.length > PROGRAMME_SLUG_MAX_LENGTH) errors.push({ field: 'slug', message: PROGRAMME_MESSAGES.slugTooLong })
    else if (!SLUG.test(slug)) errors.push({ field: 'slug', message: PROGRAMME_MESSAGES.slugFormat })
  }

  const modelKey = (form.modelKey ?? '').trim()
  if (!listConversationModels().some((model) => model.key === modelKey)) errors.push({ field: 'modelKey', message: PROGRAMME_MESSAGES.modelKey })

  const number = (field: keyof typeof NUMBER_MESSAGES, range: { minimum: number; maximum: number }): number | null => {
    const read = wholeNumber(form[field], range)
    if (read.ok) return read.value
    errors.push({ field, message: NUMBER_MESSAGES[field][read.problem] })
    return null
  }
  const durationMinutes = number('durationMinutes', DURATION_MINUTES)
  const noticeHours = number('noticeHours', NOTICE_HOURS)
  const horizonDays = number('horizonDays', HORIZON_DAYS)

  const allowed = new Set(reminderChoices(current?.reminderOffsetsMinutes ?? []))
  const picked = [form.reminders ?? []].flat().map((value) => value.trim()).filter((value) => value !== '')
  const reminders = [...new Set(picked.map(Number))]
  if (reminders.some((minutes) => !allowed.has(minutes))) errors.push({ field: 'reminders', message: PROGRAMME_MESSAGES.reminders })

  const retentionMonths = number('retentionMonths', RETENTION_MONTHS)
  // Left out (a form from before the setting): the programme keeps what it has.
  const cutoffHours = (form.cutoffHours ?? '').trim() === '' ? (current?.cancellationCutoffHours ?? 0) : number('cutoffHours', CUTOFF_HOURS)

  const yesNo = (field: 'coachTwoFactor' | 'open', message: string): boolean | null => {
    if (form[field] === 'yes') return true
    if (form[field] === 'no') return false
    errors.push({ field, message })
    return null
  }
  const requireCoachTwoFactor = yesNo('coachTwoFactor', PROGRAMME_MESSAGES.coachTwoFactor)
  const active = current ? yesNo('open', PROGRAMME_MESSAGES.open) : true

  if (
    errors.length > 0 ||
    durationMinutes === null ||
    noticeHours === null ||
    horizonDays === null ||
    retentionMonths === null ||
    cutoffHours === null ||
    requireCoachTwoFactor === null ||
    active === null
  ) {
    return { ok: false, errors }
  }
  return {
    ok: true,
    value: {
      name,
      slug,
      modelKey,
      durationMinutes,
      minimumNoticeMinutes: noticeHours * HOUR,
      horizonDays,
      reminderOffsetsMinutes: reminders.sort((a, b) => b - a),
      retentionMonths,
      requireCoachTwoFactor,
      active,
      cancellationCutoffHours: cutoffHours,
    },
  }
}

/** The reminders to offer, largest first: the standard ones and any the programme already has. */
export function reminderChoices(current: readonly number[]): number[] {
  const choices = new Set([...STANDARD_REMINDERS, ...current.filter((minutes) => minutes > 0 && minutes <= LONGEST_REMINDER)])
  return [...choices].sort((a, b) => b - a)
}

/** The settings as the form shows them (numbers as typed text). */
export function programmeFormValues(settings: ProgrammeSettingsInput): Required<Omit<ProgrammeForm, 'reminders'>> & { reminders: string[] } {
  return {
    name: settings.name,
    slug: settings.slug,
    modelKey: settings.modelKey,
    durationMinutes: String(settings.durationMinutes),
    // A notice set in minutes elsewhere shows rounded up to whole hours.
    noticeHours: String(Math.ceil(settings.minimumNoticeMinutes / HOUR)),
    horizonDays: String(settings.horizonDays),
    reminders: settings.reminderOffsetsMinutes.map(String),
    retentionMonths: String(settings.retentionMonths),
    coachTwoFactor: settings.requireCoachTwoFactor ? 'yes' : 'no',
    open: settings.active ? 'yes' : 'no',
    cutoffHours: String(settings.cancellationCutoffHours),
  }
}

/** The names of the settings that differ, for the audit log. */
export function changedSettings(before: ProgrammeSettingsInput, after: ProgrammeSettingsInput): string[] {
  return (Object.keys(after) as (keyof ProgrammeSettingsInput)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  )
}
