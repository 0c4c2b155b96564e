import { describe, expect, it } from 'vitest'
import { CalendarFileError } from '../../src/domain/calendar-sync/read-busy-times.js'
import { TOO_SLOW_MESSAGE, readBusyTimesInWorker, readerThreadsStarted } from '../../src/domain/calendar-sync/read-busy-times-in-worker.js'
import { calendarFile, vevent } from './calendar-files.js'

const query = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-05-01T00:00:00Z'),
  coachZone: 'Europe/London',
  coachEmails: ['jo.coach@nhs.example'],
}

/**
 * Calendar files are read in a worker thread with a time limit: ical.js
 * loops for ever on a repeating event no date satisfies
 * (kewisch/ical.js#1038), and in the service's own thread that loop would
 * stop every request.
 */
describe('reading calendar files in a worker', () => {
  it('reads busy times as the reader does, leaving out our own events', async () => {
    const text = calendarFile(
      vevent(['UID:weekly', 'DTSTART;TZID=Europe/London:20260302T100000', 'DTEND;TZID=Europe/London:20260302T110000', 'RRULE:FREQ=WEEKLY;COUNT=2']),
      vevent(['UID:coach-booking-0b7c7a1e-1111-4222-8333-444455556666@careers.example', 'DTSTART:20260304T090000Z', 'DTEND:20260304T094500Z']),
    )
    const busy = await readBusyTimesInWorker([text], query)
    expect(busy.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z'],
      ['2026-03-09T10:00:00.000Z', '2026-03-09T11:00:00.000Z'],
    ])
  })

  it('reads on one thread kept for the next read: files sent at once are answered in turn, each with its own', async () => {
    const oneEvent = (day: string) =>
      calendarFile(vevent([`UID:${day}`, `DTSTART:202603${day}T090000Z`, `DTEND:202603${day}T100000Z`]))
    const before = readerThreadsStarted()
    const answers = await Promise.all(['10', '11', '12', '13'].map((day) => readBusyTimesInWorker([oneEvent(day)], query)))
    expect(answers.map((busy) => busy.map(({ start }) => start.toISOString()))).toEqual(
      ['10', '11', '12', '13'].map((day) => [`2026-03-${day}T09:00:00.000Z`]),
    )
    // One new thread at most (none when an earlier read's is still there), not one a read.
    expect(readerThreadsStarted() - before).toBeLessThanOrEqual(1)
  })

  it('refuses a damaged file with the reader’s words', async () => {
    await expect(readBusyTimesInWorker(['BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:nonsense'], query)).rejects.toBeInstanceOf(CalendarFileError)
  })

  it('gives up on a repeating event no date satisfies, within the limit, and this thread keeps running', async () => {
    // Every 7 days from a Monday, but only on Wednesdays: ical.js never finds the next one.
    const text = calendarFile(
      vevent(['UID:never', 'DTSTART;TZID=Europe/London:20260302T100000', 'DTEND;TZID=Europe/London:20260302T110000', 'RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=WE']),
    )
    let ticks = 0
    const ticking = setInterval(() => ticks++, 50)
    const started = performance.now()
    try {
      const reading = readBusyTimesInWorker([text], query, 1_500)
      await expect(reading).rejects.toThrow(new CalendarFileError(TOO_SLOW_MESSAGE))
    } finally {
      clearInterval(ticking)
    }
    expect(performance.now() - started).toBeLessThan(5_000)
    // The timer kept firing while the worker was stuck: this thread was never blocked.
    expect(ticks).toBeGreaterThan(10)

    // The stuck thread is gone; the next read gets a new one and is answered.
    const threads = readerThreadsStarted()
    const busy = await readBusyTimesInWorker([calendarFile(vevent(['UID:after', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z']))], query)
    expect(busy.map(({ start }) => start.toISOString())).toEqual(['2026-03-10T09:00:00.000Z'])
    expect(readerThreadsStarted()).toBe(threads + 1)
  })
})
