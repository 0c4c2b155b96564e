import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../helper.js'
import {
  bookingBody,
  buildTestAppWithCoach,
  createProgramme,
  EVERY_DAY,
  listSlotStarts,
  NEW_YORK,
  postBooking,
  type ProgrammeFixture,
} from '../../support/booking-fixtures.js'

const MINUTE = 60_000

describe('GET /api/v1/slots', () => {
  let t: TestApp
  let programme: ProgrammeFixture

  beforeAll(async () => {
    // every day, 9am to 5pm on the coach's clock in London
    ;({ t, programme } = await buildTestAppWithCoach({ weekdays: EVERY_DAY }))
  })
  afterAll(async () => {
    await t.app.close()
  })

  const get = (query: Record<string, string>) => t.app.inject(`/api/v1/slots?${new URLSearchParams(query)}`)

  /** First slot of each day, as the coach's local time → UTC. */
  function firstPerLocalDay(starts: string[], zone = 'Europe/London'): Record<string, string> {
    const first: Record<string, string> = {}
    for (const start of starts) {
      const day = DateTime.fromISO(start, { zone }).toFormat('yyyy-MM-dd')
      first[day] ??= `${DateTime.fromISO(start, { zone }).toFormat('HH:mm')} = ${start}`
    }
    return first
  }

  it('lists free slots as UTC instants, sorted, in the documented shape', async () => {
    const response = await get({ programme: programme.slug, from: '2026-03-03', to: '2026-03-03', timeZone: 'Europe/London' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.timeZone).toBe('Europe/London')
    expect(body.slots[0]).toEqual({ start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' })
    expect(body.slots).toHaveLength(10)
    const starts = body.slots.map((s: { start: string }) => s.start)
    expect(starts).toEqual([...new Set(starts)].sort())
  })

  it('takes the programme by id as well as by slug, and defaults the zone to Europe/London', async () => {
    const response = await get({ programme: programme.id, from: '2026-03-03', to: '2026-03-03' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ timeZone: 'Europe/London', slots: expect.arrayContaining([]) })
    expect(response.json().slots).toHaveLength(10)
  })

  it('never offers a time before the minimum notice', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const starts = await listSlotStarts(t.app, programme, '2026-03-02', '2026-03-03')
    expect(starts[0]).toBe('2026-03-03T09:00:00.000Z')
  })

  it('keeps 9am at 9am in London across the clocks going forward (Sunday 29 March 2026)', async () => {
    t.clock.set('2026-03-23T08:00:00.000Z')
    const starts = await listSlotStarts(t.app, programme, '2026-03-28', '2026-03-30')
    expect(firstPerLocalDay(starts)).toEqual({
      '2026-03-28': '09:00 = 2026-03-28T09:00:00.000Z', // GMT
      '2026-03-29': '09:00 = 2026-03-29T08:00:00.000Z', // BST from 1am that day
      '2026-03-30': '09:00 = 2026-03-30T08:00:00.000Z',
    })
    // 45 minutes apart in real time on every day, the change day included
    for (let i = 1; i < starts.length; i++) {
      const gap = (Date.parse(starts[i]!) - Date.parse(starts[i - 1]!)) / MINUTE
      expect(gap === 45 || gap > 8 * 60).toBe(true)
    }
  })

  it('keeps 9am at 9am in London across the clocks going back (Sunday 25 October 2026)', async () => {
    t.clock.set('2026-10-19T08:00:00.000Z')
    const starts = await listSlotStarts(t.app, programme, '2026-10-24', '2026-10-26')
    expect(firstPerLocalDay(starts)).toEqual({
      '2026-10-24': '09:00 = 2026-10-24T08:00:00.000Z', // BST
      '2026-10-25': '09:00 = 2026-10-25T09:00:00.000Z', // GMT from 2am that day
      '2026-10-26': '09:00 = 2026-10-26T09:00:00.000Z',
    })
    const last = starts.filter((s) => s.startsWith('2026-10-25')).pop()
    expect(last).toBe('2026-10-25T15:45:00.000Z') // 3:45pm GMT, ending at 4:30pm, before 5pm
  })

  it('reads the dates in the candidate’s zone: a New York day of a London coach', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    // Monday 9 March 2026 in New York (EDT, UTC-4 since 8 March) runs 04:00Z to 04:00Z next day:
    // all of the London coach's Monday (GMT, 9am to 5pm = 09:00Z to 17:00Z), nothing of Tuesday's.
    const response = await get({ programme: programme.slug, from: '2026-03-09', to: '2026-03-09', timeZone: NEW_YORK })
    expect(response.statusCode).toBe(200)
    const { timeZone, slots } = response.json()
    expect(timeZone).toBe(NEW_YORK)
    expect(slots[0]).toEqual({ start: '2026-03-09T09:00:00.000Z', end: '2026-03-09T09:45:00.000Z' })
    expect(slots.at(-1)).toEqual({ start: '2026-03-09T15:45:00.000Z', end: '2026-03-09T16:30:00.000Z' })
    expect(slots).toHaveLength(10)
    // in New York that is 5am to 12:30pm
    expect(DateTime.fromISO(slots[0].start, { zone: NEW_YORK }).toFormat('HH:mm')).toBe('05:00')

    // booking one from New York: the same instant, whatever offset the client writes it with
    const booked = await postBooking(
      t.app,
      bookingBody(programme, '2026-03-09T05:45:00-04:00', { timeZone: NEW_YORK }),
    )
    expect(booked.statusCode).toBe(201)
    expect(booked.json().booking).toMatchObject({ start: '2026-03-09T09:45:00.000Z', end: '2026-03-09T10:30:00.000Z', timeZone: NEW_YORK })
    const after = await get({ programme: programme.slug, from: '2026-03-09', to: '2026-03-09', timeZone: NEW_YORK })
    expect(after.json().slots.map((s: { start: string }) => s.start)).not.toContain('2026-03-09T09:45:00.000Z')
  })

  it('answers bad dates, zones and ranges with 400, each field and the reason', async () => {
    const cases: [Record<string, string>, { field: string; message: string }[]][] = [
      [{ from: '2026-02-30', to: '2026-03-03' }, [{ field: 'querystring.from', message: 'Enter a real date, like 2026-03-02' }]],
      [{ from: '2026-03-03', to: 'tomorrow' }, [{ field: 'querystring.to', message: 'Enter a real date, like 2026-03-02' }]],
      [
        { from: '2026-03-03', to: '2026-03-03', timeZone: 'Europe/Atlantis' },
        [{ field: 'querystring.timeZone', message: 'Enter a real time zone, like Europe/London' }],
      ],
      [
        { from: '2026-03-10', to: '2026-03-03' },
        [{ field: 'querystring.to', message: 'The end date must be the same as or after the start date' }],
      ],
      [{ from: '2026-03-01', to: '2026-06-02' }, [{ field: 'querystring.to', message: 'Choose a range of 93 days or fewer' }]],
    ]
    for (const [query, fields] of cases) {
      const response = await get({ programme: programme.slug, ...query })
      expect(response.statusCode, JSON.stringify(query)).toBe(400)
      expect(response.json()).toMatchObject({ error: 'validation_failed', fields, requestId: expect.any(String) })
    }
    // 93 days is fine
    expect((await get({ programme: programme.slug, from: '2026-03-01', to: '2026-06-01' })).statusCode).toBe(200)
  })

  it('answers an unknown programme with 400 on the programme field (with any other problem), a missing one likewise', async () => {
    const unknown = await get({ programme: 'no-such-programme', from: '2026-03-03', to: 'nope' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields).toEqual([
      { field: 'querystring.programme', message: expect.stringMatching(/no programme/) },
      { field: 'querystring.to', message: 'Enter a real date, like 2026-03-02' },
    ])
    const missing = await get({ from: '2026-03-03', to: '2026-03-03' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().fields).toEqual([{ field: 'querystring.programme', message: 'is required' }])
  })

  it('offers nothing for an inactive programme', async () => {
    const closed = await createProgramme(t.app.pg.pool)
    await t.app.pg.query('UPDATE programmes SET active = false WHERE id = $1', [closed.id])
    const response = await get({ programme: closed.slug, from: '2026-03-03', to: '2026-03-03' })
    expect(response.statusCode).toBe(400)
  })
})
