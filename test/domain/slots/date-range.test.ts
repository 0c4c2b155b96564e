import { describe, it, expect } from 'vitest'
import { ValidationError } from '../../../src/domain/errors.js'
import {
  MAXIMUM_QUERY_DAYS,
  parseSlotQuery,
  requireSlotQuery,
  slotQueryInterval,
} from '../../../src/domain/slots/index.js'

const REAL_DATE = 'Enter a real date, like 2026-03-02'

describe('parseSlotQuery', () => {
  it('accepts real dates and a known zone', () => {
    expect(parseSlotQuery({ from: '2026-03-02', to: '2026-03-08', timeZone: 'America/New_York' })).toEqual({
      ok: true,
      value: { from: '2026-03-02', to: '2026-03-08', timeZone: 'America/New_York' },
    })
  })

  it('accepts a single day and trims spaces', () => {
    expect(parseSlotQuery({ from: ' 2026-03-02 ', to: '2026-03-02', timeZone: ' Europe/London ' })).toEqual({
      ok: true,
      value: { from: '2026-03-02', to: '2026-03-02', timeZone: 'Europe/London' },
    })
  })

  it('uses Europe/London when no zone is given', () => {
    for (const timeZone of [undefined, '', '  ']) {
      const result = parseSlotQuery({ from: '2026-03-02', to: '2026-03-03', timeZone })
      expect(result.ok && result.value.timeZone).toBe('Europe/London')
    }
  })

  it.each([
    ['2026-02-30', 'no such day'],
    ['2026-02-29', 'not a leap year'],
    ['2026-13-01', 'no such month'],
    ['2026-3-2', 'single digits'],
    ['02/03/2026', 'UK format'],
    ['2026-03-02T09:00', 'a time too'],
    ['tomorrow', 'words'],
  ])('rejects %s (%s)', (from) => {
    expect(parseSlotQuery({ from, to: '2026-03-05', timeZone: 'Europe/London' })).toEqual({
      ok: false,
      errors: [{ field: 'from', message: REAL_DATE }],
    })
  })

  it('accepts 29 February in a leap year', () => {
    expect(parseSlotQuery({ from: '2028-02-29', to: '2028-03-01' }).ok).toBe(true)
  })

  it('rejects values that are not text', () => {
    expect(parseSlotQuery({ from: 20260302, to: ['2026-03-02'] })).toEqual({
      ok: false,
      errors: [
        { field: 'from', message: REAL_DATE },
        { field: 'to', message: REAL_DATE },
      ],
    })
  })

  it('asks for missing dates', () => {
    expect(parseSlotQuery({ to: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'from', message: 'Enter a start date' },
        { field: 'to', message: 'Enter an end date' },
      ],
    })
  })

  it.each(['Europe/Londres', 'Mars/Olympus', 'GMT+25', 'London'])('rejects the unknown zone %s', (timeZone) => {
    expect(parseSlotQuery({ from: '2026-03-02', to: '2026-03-03', timeZone })).toEqual({
      ok: false,
      errors: [{ field: 'timeZone', message: 'Enter a real time zone, like Europe/London' }],
    })
  })

  it('rejects an end date before the start date', () => {
    expect(parseSlotQuery({ from: '2026-03-02', to: '2026-03-01' })).toEqual({
      ok: false,
      errors: [{ field: 'to', message: 'The end date must be the same as or after the start date' }],
    })
  })

  it(`allows ${MAXIMUM_QUERY_DAYS} days counting both ends, and no more`, () => {
    // 1 January to 3 April 2026 is 93 days including both
    expect(parseSlotQuery({ from: '2026-01-01', to: '2026-04-03' }).ok).toBe(true)
    expect(parseSlotQuery({ from: '2026-01-01', to: '2026-04-04' })).toEqual({
      ok: false,
      errors: [{ field: 'to', message: 'Choose a range of 93 days or fewer' }],
    })
    // across a year end and a leap day
    expect(parseSlotQuery({ from: '2027-12-30', to: '2028-03-31' }).ok).toBe(true)
    expect(parseSlotQuery({ from: '2027-12-30', to: '2028-04-01' }).ok).toBe(false)
  })

  it('reports every problem at once', () => {
    const result = parseSlotQuery({ from: '2026-02-30', to: 'soon', timeZone: 'Nowhere' })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['from', 'to', 'timeZone'])
  })
})

describe('requireSlotQuery', () => {
  it('returns the query or throws a ValidationError with the fields', () => {
    expect(requireSlotQuery({ from: '2026-03-02', to: '2026-03-02' }).timeZone).toBe('Europe/London')
    try {
      requireSlotQuery({ from: '2026-03-02', to: '2026-02-01' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fields).toEqual([
        { field: 'to', message: 'The end date must be the same as or after the start date' },
      ])
    }
  })
})

describe('slotQueryInterval', () => {
  const hours = (i: { start: number; end: number }) => (i.end - i.start) / 3_600_000

  it('covers the candidate’s days from midnight to midnight after the end date', () => {
    const i = slotQueryInterval({ from: '2026-03-02', to: '2026-03-03', timeZone: 'America/New_York' })
    expect(new Date(i.start).toISOString()).toBe('2026-03-02T05:00:00.000Z')
    expect(new Date(i.end).toISOString()).toBe('2026-03-04T05:00:00.000Z')
  })

  it('follows daylight saving: 23 and 25 hour days', () => {
    expect(hours(slotQueryInterval({ from: '2026-03-08', to: '2026-03-08', timeZone: 'America/New_York' }))).toBe(23)
    expect(hours(slotQueryInterval({ from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/London' }))).toBe(23)
    expect(hours(slotQueryInterval({ from: '2026-10-25', to: '2026-10-25', timeZone: 'Europe/London' }))).toBe(25)
  })

  it('throws for a query that has not been checked', () => {
    expect(() => slotQueryInterval({ from: '2026-02-30', to: '2026-03-01', timeZone: 'UTC' })).toThrow(RangeError)
    expect(() => slotQueryInterval({ from: '2026-03-02', to: '2026-03-01', timeZone: 'UTC' })).toThrow(RangeError)
    expect(() => slotQueryInterval({ from: '2026-01-01', to: '2026-04-04', timeZone: 'UTC' })).toThrow(RangeError)
    expect(() => slotQueryInterval({ from: '2026-03-02', to: '2026-03-02', timeZone: 'Mars/Olympus' })).toThrow(RangeError)
  })
})
