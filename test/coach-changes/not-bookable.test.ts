/**
 * A programme with no active coach, or none with working hours in its
 * booking window, is not offered to candidates (DECISIONS.md, "Not
 * bookable"); the admin's programme list says why. One whose times are all
 * taken is still offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'

describe('programmes that are not bookable', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-02T08:00:00.000Z')
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('offers only programmes with an active coach who has working hours in the window, and tells the admin why the others are not', async () => {
    const pool = t.app.pg.pool
    const open = await createProgramme(pool, { slug: 'nb-open' })
    await createCoach(pool, open)
    await createProgramme(pool, { slug: 'nb-no-coach' })
    const inactive = await createProgramme(pool, { slug: 'nb-inactive-coach' })
    const gone = await createCoach(pool, inactive)
    await pool.query('UPDATE staff_users SET active = false WHERE id = $1', [gone.staffUserId])
    const noHours = await createProgramme(pool, { slug: 'nb-no-hours' })
    await createCoach(pool, noHours, { weekdays: [] })
    // A two-day window (Monday and Tuesday) with a coach who works Saturdays only; then extra hours on Tuesday make it bookable.
    const shortWindow = await createProgramme(pool, { slug: 'nb-short-window', horizonDays: 1, minimumNoticeMinutes: 0 })
    const saturday = await createCoach(pool, shortWindow, { weekdays: [6] })

    const slugs = async () => ((await t.app.inject('/api/v1/programmes')).json().programmes as { slug: string }[]).map((p) => p.slug).filter((s) => s.startsWith('nb-'))
    expect(await slugs()).toEqual(['nb-open'])
    const book = await t.app.inject('/book')
    expect(book.statusCode).toBe(302)
    expect(book.headers.location).toBe('/book/nb-open')
    // Its own booking pages say it is not taking bookings, rather than "every time has been booked".
    for (const slug of ['nb-no-coach', 'nb-inactive-coach', 'nb-no-hours', 'nb-short-window']) {
      const closed = await t.app.inject(`/book/${slug}/day`)
      expect(closed.statusCode, slug).toBe(404)
      expect(closed.body).toContain('Not taking bookings at the moment')
    }
    expect((await t.app.inject('/book/nb-open/day')).statusCode).toBe(200)

    await pool.query(`INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, '2026-03-03', 'extra_hours', 540, 720)`, [saturday.id])
    expect((await slugs()).sort()).toEqual(['nb-open', 'nb-short-window'])

    const admin = await createStaff(t.app, { role: 'admin' })
    const cookie = await startSession(t.app, admin.id)
    const page = await t.app.inject({ url: '/admin/programmes', headers: { cookie } })
    const rowOf = (slug: string) => page.body.split('<tr').find((row) => row.includes(`/book/${slug}<`)) ?? ''
    expect(rowOf('nb-no-coach')).toContain('Not bookable: no active coach is on this programme')
    expect(rowOf('nb-inactive-coach')).toContain('Not bookable: no active coach is on this programme')
    expect(rowOf('nb-no-hours')).toContain('Not bookable: none of its coaches has working hours in the booking window')
    expect(rowOf('nb-open')).not.toContain('Not bookable')
    expect(rowOf('nb-short-window')).not.toContain('Not bookable')
    // The programme's own page says it too, and why.
    const programmePage = async (id: string) => (await t.app.inject({ url: `/admin/programmes/${id}`, headers: { cookie } })).body
    expect(await programmePage(noHours.id)).toContain('Not bookable: none of its coaches has working hours in the booking window')
    expect(await programmePage(inactive.id)).toContain('Not bookable: no active coach is on this programme')
    expect(await programmePage(open.id)).not.toContain('id="not-bookable"')
  })
})
