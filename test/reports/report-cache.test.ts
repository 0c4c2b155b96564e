import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ReportCache } from '../../src/domain/reports/report-cache.js'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { NOW, seedProgrammeHistory, type Seeded } from './seed.js'

/**
 * Reports kept ready (src/domain/reports/report-cache.ts): counted once while
 * nothing they read changes, counted again as soon as something does.
 */

describe('the report cache on its own', () => {
  const clock = new TestClock(new Date(NOW))

  it('keeps a report while live, until a change, for at most a minute', async () => {
    const cache = new ReportCache(clock)
    let counted = 0
    const count = async () => ++counted
    expect(await cache.get('a', count)).toBe(1)
    expect(await cache.get('a', count)).toBe(2) // not live yet: counted, not kept
    cache.goLive()
    expect(await cache.get('a', count)).toBe(3)
    expect(await cache.get('a', count)).toBe(3)
    expect(await cache.get('b', count)).toBe(4)
    cache.changed()
    expect(cache.holdsAny()).toBe(false)
    expect(await cache.get('a', count)).toBe(5)
    clock.advance(59_000)
    expect(await cache.get('a', count)).toBe(5)
    clock.advance(1_000)
    expect(await cache.get('a', count)).toBe(6)
    cache.goOffline()
    expect(await cache.get('a', count)).toBe(7)
    expect(cache.holdsAny()).toBe(false)
  })

  it('holds at most its limits by count and by size, dropping the oldest first, and never keeps a value over the whole size', async () => {
    const bySize = new ReportCache(clock, { maxEntries: 10, maxBytes: 100 })
    bySize.goLive()
    let counted = 0
    const count = async () => ++counted
    const forty = () => 40
    expect(await bySize.get('a', count, forty)).toBe(1)
    expect(await bySize.get('b', count, forty)).toBe(2)
    expect(await bySize.get('a', count, forty)).toBe(1)
    // 120 bytes with c: the oldest (a) goes.
    expect(await bySize.get('c', count, forty)).toBe(3)
    expect(await bySize.get('b', count, forty)).toBe(2)
    expect(await bySize.get('a', count, forty)).toBe(4)
    // a came back, so b (now the oldest) went.
    expect(await bySize.get('c', count, forty)).toBe(3)
    expect(await bySize.get('b', count, forty)).toBe(5)
    // Over the whole size: given, never kept, and nothing else dropped for it.
    expect(await bySize.get('big', count, () => 101)).toBe(6)
    expect(await bySize.get('big', count, () => 101)).toBe(7)
    expect(await bySize.get('b', count, forty)).toBe(5)

    const byCount = new ReportCache(clock, { maxEntries: 2, maxBytes: 1_000_000 })
    byCount.goLive()
    await byCount.get('a', count)
    await byCount.get('b', count)
    await byCount.get('c', count)
    expect(await byCount.get('b', count)).toBe(9)
    expect(await byCount.get('a', count)).toBe(11)
  })

  it('does not keep a report counted while a change arrived (its snapshot may predate the change)', async () => {
    const cache = new ReportCache(clock)
    cache.goLive()
    let counted = 0
    const value = await cache.get('a', async () => {
      cache.changed()
      return ++counted
    })
    expect(value).toBe(1)
    expect(cache.holdsAny()).toBe(false)
    expect(await cache.get('a', async () => ++counted)).toBe(2)
  })
})

describe('programme reports through the app', () => {
  let app: FastifyInstance
  let seeded: Seeded
  let admin: string

  beforeAll(async () => {
    ;({ app } = await buildTestApp({ clock: new TestClock(new Date(NOW)) }))
    seeded = await seedProgrammeHistory(app.pg.pool)
    ;({ admin } = await adminAndCoachSessions(app))
  })

  afterAll(async () => {
    await app?.close()
  })

  const report = async () => {
    const response = await app.inject({
      url: `/api/v1/reports/programme?programme=${seeded.programme.slug}&from=2026-01-01&to=2026-03-31`,
      headers: { cookie: admin },
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }

  it('every table the report counts from tells the running services when it changes', async () => {
    const sources = await Promise.all(
      ['src/repositories/reports.ts', 'src/repositories/outcome-report.ts', 'src/repositories/waitlist-figures.ts'].map((file) => readFile(file, 'utf8')),
    )
    const { rows: tables } = await app.pg.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
    const read = tables.map((t) => t.name).filter((name) => sources.some((source) => new RegExp(`\\b${name}\\b`).test(source)))
    expect(read).toContain('bookings')
    expect(read).toContain('actions')
    const { rows: triggered } = await app.pg.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'report_data_changed'`,
    )
    expect(read.filter((name) => !triggered.some((t) => t.name === name))).toEqual([])
  })

  it('hears its notices and the availability index’s on the one listening connection of the process', async () => {
    await expect.poll(async () => (await report()) && app.reports.holdsAny() && app.availability.isLive()).toBe(true)
    const { rows } = await app.pg.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'career-conversations-listener'`,
    )
    expect(rows[0].n).toBe(1)
    const quiet = { onNotice: () => undefined, onLive: () => undefined, onOffline: () => undefined, keepsAnswers: () => false }
    expect(() => app.changeNotices.subscribe('too_late', quiet)).toThrow(/after the app started listening/)
  })

  it('counts a report once while nothing changes, and again as soon as something does', async () => {
    // Kept once the listener is live (it connects as the app starts).
    await expect.poll(async () => (await report()) && app.reports.holdsAny()).toBe(true)
    const first = await report()
    // A change made straight in the database (by another instance, say) reaches the cache by its notice.
    await app.pg.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'admin'
        WHERE id = (SELECT id FROM bookings WHERE programme_id = $1 AND status = 'booked' AND starts_at BETWEEN '2026-01-01' AND '2026-03-31' ORDER BY starts_at LIMIT 1)`,
      [seeded.programme.id],
    )
    await expect.poll(async () => (await report()).bookings.upcoming).toBe(first.bookings.upcoming - 1)
    expect((await report()).bookings.cancelled).toBe(first.bookings.cancelled + 1)
  })
})
