import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTimeRange,
  formatDayShort,
  formatTime,
  formatTimeRange,
  isValidTimeZone,
  timeZoneLabel,
  toZonedDateTime,
} from '../../../src/domain/time/index.js'

const LONDON = 'Europe/London'
const NEW_YORK = 'America/New_York'

describe('formatDate', () => {
  it('writes the weekday, day, month and year', () => {
    expect(formatDate('2025-08-06T16:00:00.000Z', LONDON)).toBe('Wednesday 6 August 2025')
    expect(formatDate(new Date('2026-03-02T09:30:00.000Z'), LONDON)).toBe('Monday 2 March 2026')
  })

  it('uses the date in the zone, not in UTC', () => {
    // 11:30pm UTC on 31 July is 12:30am BST on 1 August
    expect(formatDate('2025-07-31T23:30:00Z', LONDON)).toBe('Friday 1 August 2025')
    // 2am UTC on 3 March is still 2 March in New York
    expect(formatDate('2026-03-03T02:00:00Z', NEW_YORK)).toBe('Monday 2 March 2026')
  })

  it('writes a date it has written before the same way, in each zone and for each kind of instant', () => {
    const instant = '2026-03-03T02:00:00Z'
    for (let round = 0; round < 2; round++) {
      expect(formatDate(instant, NEW_YORK)).toBe('Monday 2 March 2026')
      expect(formatDate(instant, LONDON)).toBe('Tuesday 3 March 2026')
      expect(formatDate(new Date(instant), NEW_YORK)).toBe('Monday 2 March 2026')
      expect(() => formatDate(new Date(instant).getTime() as unknown as Date, LONDON), 'a number is no instant').toThrow(RangeError)
    }
  })

  it('defaults to UK time', () => {
    expect(formatDate('2025-07-31T23:30:00Z')).toBe('Friday 1 August 2025')
  })

  it('reads a date on its own as that day, and refuses a day the month does not have', () => {
    expect(formatDate('2026-03-02', 'UTC')).toBe('Monday 2 March 2026')
    expect(formatDate('2024-02-29', 'UTC')).toBe('Thursday 29 February 2024')
    for (const text of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-01-05T10:60:00Z', '5 March 2026']) {
      expect(() => formatDate(text, 'UTC'), text).toThrow(RangeError)
    }
  })

  it('gives the same day for an instant and for its text (property)', () => {
    const zones = [LONDON, NEW_YORK, 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const iso = date.toISOString()
          expect(formatDate(iso, zone)).toBe(formatDate(date, zone))
          expect(formatDate(iso.slice(0, 10), 'UTC')).toBe(formatDate(date, 'UTC'))
          expect(formatDate(`${iso.slice(0, 16)}:00Z`, zone)).toBe(toZonedDateTime(iso.slice(0, 16) + ':00Z', zone).toFormat('cccc d LLLL yyyy'))
        },
      ),
    )
  })
})

describe('formatTime', () => {
  const at = (utc: string, zone = 'UTC') => formatTime(utc, zone)

  it('drops ":00" and uses am and pm without spaces', () => {
    expect(at('2026-01-05T17:00:00Z')).toBe('5pm')
    expect(at('2026-01-05T17:30:00Z')).toBe('5:30pm')
    expect(at('2026-01-05T09:30:00Z')).toBe('9:30am')
    expect(at('2026-01-05T09:05:00Z')).toBe('9:05am')
    expect(at('2026-01-05T10:00:00Z')).toBe('10am')
  })

  it('says midday and midnight', () => {
    expect(at('2026-01-05T12:00:00Z')).toBe('midday')
    expect(at('2026-01-05T00:00:00Z')).toBe('midnight')
    expect(at('2026-01-05T12:30:00Z')).toBe('12:30pm')
    expect(at('2026-01-05T00:30:00Z')).toBe('12:30am')
  })

  it('ignores seconds', () => {
    expect(at('2026-01-05T12:00:59Z')).toBe('midday')
    expect(at('2026-01-05T17:30:45.123Z')).toBe('5:30pm')
  })

  it('shows the time in the zone asked for', () => {
    expect(formatTime('2025-08-06T16:00:00Z', LONDON)).toBe('5pm') // BST
    expect(formatTime('2026-01-05T16:00:00Z', LONDON)).toBe('4pm') // GMT
    expect(formatTime('2026-01-05T17:00:00Z', NEW_YORK)).toBe('midday')
  })

  it('always gives a well-formed time (property)', () => {
    const zones = [LONDON, NEW_YORK, 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const text = formatTime(date, zone)
          expect(text).toMatch(/^(midday|midnight|([1-9]|1[0-2])(:[0-5]\d)?(am|pm))$/)
          expect(text).not.toMatch(/^12(am|pm)$/)
        },
      ),
    )
  })
})

describe('formatTimeRange', () => {
  it('joins the times with "to"', () => {
    expect(formatTimeRange('2026-03-02T09:30:00Z', '2026-03-02T10:15:00Z', LONDON)).toBe('9:30am to 10:15am')
    expect(formatTimeRange('2026-03-02T11:30:00Z', '2026-03-02T12:15:00Z', LONDON)).toBe('11:30am to 12:15pm')
    expect(formatTimeRange('2026-03-02T11:15:00Z', '2026-03-02T12:00:00Z', LONDON)).toBe('11:15am to midday')
  })

  it('refuses an end before the start', () => {
    expect(() => formatTimeRange('2026-03-02T10:00:00Z', '2026-03-02T09:00:00Z', LONDON)).toThrow(RangeError)
  })
})

describe('formatDateTimeRange', () => {
  it('gives the date, the times and the zone', () => {
    expect(formatDateTimeRange('2026-03-02T09:30:00.000Z', '2026-03-02T10:15:00.000Z', LONDON)).toBe(
      'Monday 2 March 2026, 9:30am to 10:15am (UK time)',
    )
  })

  it('names other zones after their city', () => {
    expect(formatDateTimeRange('2026-03-02T14:30:00Z', '2026-03-02T15:15:00Z', NEW_YORK)).toBe(
      'Monday 2 March 2026, 9:30am to 10:15am (New York time)',
    )
  })

  it('shows both dates when the range crosses midnight in the zone', () => {
    expect(formatDateTimeRange('2026-03-02T23:30:00Z', '2026-03-03T00:15:00Z', LONDON)).toBe(
      'Monday 2 March 2026, 11:30pm to Tuesday 3 March 2026, 12:15am (UK time)',
    )
  })

  describe('on the day the clocks go forward (Sunday 29 March 2026)', () => {
    it('a morning slot is in BST', () => {
      // 9:30am BST = 08:30 UTC
      expect(formatDateTimeRange('2026-03-29T08:30:00Z', '2026-03-29T09:15:00Z', LONDON)).toBe(
        'Sunday 29 March 2026, 9:30am to 10:15am (UK time)',
      )
    })

    it('the hour from 1am to 2am does not exist', () => {
      // 00:30 UTC is 12:30am GMT; 45 minutes later is 2:15am BST
      expect(formatTimeRange('2026-03-29T00:30:00Z', '2026-03-29T01:15:00Z', LONDON)).toBe('12:30am to 2:15am')
    })

    it('the day before is still GMT', () => {
      expect(formatTime('2026-03-28T09:30:00Z', LONDON)).toBe('9:30am')
    })
  })

  describe('on the day the clocks go back (Sunday 25 October 2026)', () => {
    it('a morning slot is in GMT', () => {
      expect(formatDateTimeRange('2026-10-25T09:30:00Z', '2026-10-25T10:15:00Z', LONDON)).toBe(
        'Sunday 25 October 2026, 9:30am to 10:15am (UK time)',
      )
    })

    it('1:30am happens twice', () => {
      expect(formatTime('2026-10-25T00:30:00Z', LONDON)).toBe('1:30am') // BST
      expect(formatTime('2026-10-25T01:30:00Z', LONDON)).toBe('1:30am') // GMT
      expect(formatTimeRange('2026-10-25T00:30:00Z', '2026-10-25T01:15:00Z', LONDON)).toBe('1:30am to 1:15am')
    })

    it('the day before is still BST', () => {
      expect(formatTime('2026-10-24T08:30:00Z', LONDON)).toBe('9:30am')
    })
  })

  describe('a candidate in New York (US clocks change on other dates)', () => {
    it('the gap is 5 hours in winter, 4 hours between the US and UK changes', () => {
      // 8 March 2026: US clocks go forward; UK follows on 29 March
      expect(formatTime('2026-03-02T09:30:00Z', NEW_YORK)).toBe('4:30am')
      expect(formatTime('2026-03-16T09:30:00Z', NEW_YORK)).toBe('5:30am')
      expect(formatTime('2026-03-16T09:30:00Z', LONDON)).toBe('9:30am')
      // After 29 March both are on summer time: 5 hours again
      expect(formatDateTimeRange('2026-03-30T08:30:00Z', '2026-03-30T09:15:00Z', NEW_YORK)).toBe(
        'Monday 30 March 2026, 4:30am to 5:15am (New York time)',
      )
    })

    it('a UK slot on the clocks-go-back Sunday shown in New York', () => {
      expect(formatDateTimeRange('2026-10-25T09:30:00Z', '2026-10-25T10:15:00Z', NEW_YORK)).toBe(
        'Sunday 25 October 2026, 5:30am to 6:15am (New York time)',
      )
    })
  })
})

describe('formatDayShort', () => {
  it('takes a calendar date as that day', () => {
    expect(formatDayShort('2026-03-02', LONDON)).toBe('Monday 2 March')
    expect(formatDayShort('2026-03-29', NEW_YORK)).toBe('Sunday 29 March')
    expect(formatDayShort('2026-10-25')).toBe('Sunday 25 October')
  })

  it('takes an instant as the day in the zone', () => {
    expect(formatDayShort('2026-03-29T23:30:00Z', LONDON)).toBe('Monday 30 March')
    expect(formatDayShort('2026-03-29T23:30:00Z', NEW_YORK)).toBe('Sunday 29 March')
    expect(formatDayShort(new Date('2026-03-02T09:30:00Z'), LONDON)).toBe('Monday 2 March')
  })

  it('refuses an impossible date', () => {
    expect(() => formatDayShort('2026-02-30', LONDON)).toThrow(RangeError)
  })
})

describe('timeZoneLabel', () => {
  it('calls UK time UK time, all year', () => {
    expect(timeZoneLabel('Europe/London')).toBe('UK time')
    expect(timeZoneLabel('GB')).toBe('UK time')
    expect(timeZoneLabel('Europe/Belfast')).toBe('UK time')
  })

  it('names other zones after the last part of their name', () => {
    expect(timeZoneLabel('America/New_York')).toBe('New York time')
    expect(timeZoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time')
    expect(timeZoneLabel('Asia/Kolkata')).toBe('Kolkata time')
    expect(timeZoneLabel('Europe/Dublin')).toBe('Dublin time')
    expect(timeZoneLabel('america/los_angeles')).toBe('Los Angeles time')
  })

  it('writes UTC and fixed offsets plainly', () => {
    expect(timeZoneLabel('UTC')).toBe('UTC')
    expect(timeZoneLabel('Etc/UTC')).toBe('UTC')
    expect(timeZoneLabel('Etc/GMT+5')).toBe('UTC-5')
    expect(timeZoneLabel('Etc/GMT-10')).toBe('UTC+10')
  })
})

describe('bad input', () => {
  it('rejects unknown zones', () => {
    expect(isValidTimeZone('Europe/Londonn')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone(NEW_YORK)).toBe(true)
    expect(() => formatDate('2026-03-02T09:30:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError)
    expect(() => timeZoneLabel('Nowhere')).toThrow(RangeError)
  })

  it('rejects instants that are not dates', () => {
    expect(() => formatDate('not a date', LONDON)).toThrow(RangeError)
    expect(() => formatTime(new Date(Number.NaN), LONDON)).toThrow(RangeError)
  })

  it('reads an ISO string without an offset as UTC', () => {
    expect(formatTime('2025-08-06T16:00:00', LONDON)).toBe('5pm')
  })
})
