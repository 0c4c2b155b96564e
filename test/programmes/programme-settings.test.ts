import { describe, expect, it } from 'vitest'
import { formatDuration } from '../../src/domain/time/index.js'
import { getConversationModel, listConversationModels, preparationFieldKeysFor } from '../../src/domain/conversation-models/index.js'
import {
  NEW_PROGRAMME_DEFAULTS,
  PROGRAMME_MESSAGES,
  changedSettings,
  parseProgrammeForm,
  programmeFormValues,
  reminderChoices,
  type ProgrammeSettingsInput,
} from '../../src/domain/programmes/programme-settings.js'

const good = {
  name: '  Bank   nurses ',
  slug: ' Bank-Nurses ',
  modelKey: 'scan',
  durationMinutes: '60',
  noticeHours: '48',
  horizonDays: '28',
  reminders: ['60', '10080'],
  retentionMonths: '36',
  coachTwoFactor: 'yes',
}

const existing: ProgrammeSettingsInput = { ...NEW_PROGRAMME_DEFAULTS, name: 'Vaccinators', slug: 'vaccinators', reminderOffsetsMinutes: [1440, 30] }

describe('the programme form', () => {
  it('reads a new programme: tidy name, lower-case web address, notice in hours, reminders largest first, open', () => {
    expect(parseProgrammeForm(good, null)).toEqual({
      ok: true,
      value: {
        name: 'Bank nurses',
        slug: 'bank-nurses',
        modelKey: 'scan',
        durationMinutes: 60,
        minimumNoticeMinutes: 48 * 60,
        horizonDays: 28,
        reminderOffsetsMinutes: [10080, 60],
        retentionMonths: 36,
        requireCoachTwoFactor: true,
        active: true,
        // Left out of the form: no cut-off.
        cancellationCutoffHours: 0,
      },
    })
  })

  it('names every field at fault, in the order of the form', () => {
    const result = parseProgrammeForm({}, null)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual([
      'name',
      'slug',
      'modelKey',
      'durationMinutes',
      'noticeHours',
      'horizonDays',
      'retentionMonths',
      'coachTwoFactor',
    ])
  })

  it.each([
    [{ slug: 'bank nurses' }, 'slug', PROGRAMME_MESSAGES.slugFormat],
    [{ slug: '-nurses' }, 'slug', PROGRAMME_MESSAGES.slugFormat],
    [{ slug: 'a'.repeat(61) }, 'slug', PROGRAMME_MESSAGES.slugTooLong],
    [{ name: 'x'.repeat(121) }, 'name', PROGRAMME_MESSAGES.nameTooLong],
    [{ modelKey: 'grow' }, 'modelKey', PROGRAMME_MESSAGES.modelKey],
    [{ durationMinutes: '10' }, 'durationMinutes', 'A conversation must last 15 minutes or more'],
    [{ durationMinutes: '241' }, 'durationMinutes', 'A conversation must last 240 minutes (4 hours) or less'],
    [{ durationMinutes: '45.5' }, 'durationMinutes', 'How long a conversation lasts must be a whole number of minutes, like 45'],
    [{ noticeHours: '-1' }, 'noticeHours', 'The notice must be 0 hours or more'],
    [{ noticeHours: '673' }, 'noticeHours', 'The notice must be 672 hours (4 weeks) or less'],
    [{ horizonDays: '0' }, 'horizonDays', 'Candidates must be able to book at least 1 day ahead'],
    [{ horizonDays: '367' }, 'horizonDays', 'Candidates can book at most 366 days ahead'],
    [{ reminders: ['1440', '45'] }, 'reminders', PROGRAMME_MESSAGES.reminders],
    [{ reminders: 'soon' }, 'reminders', PROGRAMME_MESSAGES.reminders],
    [{ retentionMonths: '121' }, 'retentionMonths', 'Records can be kept for at most 120 months (10 years)'],
    [{ coachTwoFactor: 'maybe' }, 'coachTwoFactor', PROGRAMME_MESSAGES.coachTwoFactor],
  ])('refuses %o', (change, field, message) => {
    expect(parseProgrammeForm({ ...good, ...change }, null)).toEqual({ ok: false, errors: [{ field, message }] })
  })

  it('allows no reminders and no notice', () => {
    const result = parseProgrammeForm({ ...good, reminders: undefined, noticeHours: '0' }, null)
    expect(result.ok && [result.value.reminderOffsetsMinutes, result.value.minimumNoticeMinutes]).toEqual([[], 0])
  })

  it('keeps a programme’s web address when it changes, asks whether it is open, and offers its own reminders too', () => {
    const changed = parseProgrammeForm({ ...good, slug: 'something-else', reminders: ['30'], open: 'no' }, existing)
    expect(changed).toMatchObject({ ok: true, value: { slug: 'vaccinators', reminderOffsetsMinutes: [30], active: false } })
    expect(parseProgrammeForm({ ...good, open: undefined }, existing)).toEqual({ ok: false, errors: [{ field: 'open', message: PROGRAMME_MESSAGES.open }] })
    expect(reminderChoices(existing.reminderOffsetsMinutes)).toEqual([10080, 2880, 1440, 120, 60, 30])
  })

  it('shows the settings as the form reads them, and reads them back unchanged', () => {
    const values = programmeFormValues(existing)
    expect(values).toMatchObject({ noticeHours: '24', reminders: ['1440', '30'], coachTwoFactor: 'no', open: 'yes' })
    const again = parseProgrammeForm(values, existing)
    expect(again.ok && changedSettings(existing, again.value)).toEqual([])
    expect(changedSettings(existing, { ...existing, horizonDays: 7, reminderOffsetsMinutes: [60] })).toEqual(['horizonDays', 'reminderOffsetsMinutes'])
  })

  it.each([
    [10080, '1 week'],
    [2880, '2 days'],
    [1440, '1 day'],
    [120, '2 hours'],
    [60, '1 hour'],
    [30, '30 minutes'],
    [1800, '1 day and 6 hours'],
  ])('describes a reminder %i minutes before as "%s"', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text)
  })
})

describe('changing a programme’s conversation model', () => {
  it('loses no preparation answers: every model asks the same preparation questions (a model that does not must record its own with the answers first)', () => {
    const keys = listConversationModels().map((summary) => [...preparationFieldKeysFor(getConversationModel(summary.key)!)].sort())
    expect(keys.length).toBeGreaterThan(1)
    for (const other of keys.slice(1)) expect(other).toEqual(keys[0])
  })
})
