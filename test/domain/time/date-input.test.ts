import { describe, expect, it } from 'vitest'
import { dateInputValues, enterDateMessage, isPreciseInstant, readDateInput, readIsoDate } from '../../../src/domain/time/date-input.js'

describe('the NHS date input (day, month, year boxes)', () => {
  it('reads a real date, and says which boxes are wrong otherwise', () => {
    expect(readDateInput({ day: ' 7 ', month: '3', year: '2026' }, 'Start date')).toEqual({ kind: 'date', iso: '2026-03-07' })
    expect(readDateInput({}, 'Start date')).toEqual({ kind: 'blank' })
    expect(readDateInput({ day: '7', year: '2026' }, 'Start date')).toEqual({ kind: 'problem', parts: ['month'], message: 'Start date must include a month' })
    expect(readDateInput({ day: '31', month: '2', year: '2026' }, 'Start date')).toEqual({ kind: 'problem', parts: ['day', 'month', 'year'], message: 'Start date must be a real date' })
    expect(readDateInput({ day: '1', month: '2', year: '26' }, 'Start date')).toMatchObject({ parts: ['year'], message: 'Start date must include a year with 4 numbers, like 2026' })
    expect(enterDateMessage('The start date')).toBe('Enter the start date')
    expect(dateInputValues('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' })
  })
})

describe('dates and instants from queries, API fields and cursors', () => {
  it('reads YYYY-MM-DD only when it is a real date within the years given', () => {
    expect(readIsoDate('2026-03-27')).toBe('2026-03-27')
    expect(readIsoDate('2028-02-29')).toBe('2028-02-29')
    for (const bad of ['2026-02-29', '2026-13-01', '2026-3-27', ' 2026-03-27', '27/03/2026', '2026-03-27T00:00:00Z', '', 20260327, null, undefined]) {
      expect(readIsoDate(bad), String(bad)).toBeNull()
    }
    expect(readIsoDate('1899-12-31')).toBeNull()
    expect(readIsoDate('1999-12-31', { from: 2000, to: 2100 })).toBeNull()
    expect(readIsoDate('2100-12-31', { from: 2000, to: 2100 })).toBe('2100-12-31')
  })

  it('takes an instant with microseconds as a keyset cursor carries it, and nothing looser', () => {
    expect(isPreciseInstant('2026-03-27T09:30:00.123456Z')).toBe(true)
    for (const bad of ['2026-03-27T09:30:00Z', '2026-03-27T09:30:00.123Z', '2026-02-30T09:30:00.123456Z', '2026-03-27T25:30:00.123456Z', 5, null]) {
      expect(isPreciseInstant(bad), String(bad)).toBe(false)
    }
  })
})
