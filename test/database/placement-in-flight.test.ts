import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inPlacementTransaction, placeWithFirstFreeCoach, type Placement } from '../../src/domain/booking/service/placement.js'
import { findActiveProgramme } from '../../src/repositories/programmes.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { afterEachStatement } from '../support/statements.js'

/**
 * Two placements in one process for the same coach-day: the second passes
 * over the coach the first kept while the first's transaction is still open
 * (its day stays locked until COMMIT), instead of finding the day locked.
 */
describe('placing with the coaches this process has in flight', () => {
  let pool: pg.Pool
  let placement: (startIso: string) => Promise<Placement>
  let amina: string
  let ben: string

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 })
    const fixture = await createProgramme(pool)
    const suffix = fixture.id.slice(-11)
    amina = (await createCoach(pool, fixture, { id: `00000000-0000-4000-8000-${suffix}a` })).id
    ben = (await createCoach(pool, fixture, { id: `00000000-0000-4000-8000-${suffix}b` })).id
    const programme = (await findActiveProgramme(pool, fixture.slug))!
    placement = (startIso) => {
      const start = new Date(startIso)
      return Promise.resolve({ programme, start, end: new Date(start.getTime() + 45 * 60_000), now: new Date('2026-03-02T08:00:00Z') })
    }
  })
  afterAll(async () => {
    await pool.end()
  })

  it('tries first the coach whose day no open placement of this process has kept', async () => {
    let releaseFirst!: () => void
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve))
    let firstKept!: (coachId: string | null) => void
    const firstKeptCoach = new Promise<string | null>((resolve) => (firstKept = resolve))
    const first = inPlacementTransaction(pool, async (client) => {
      const coach = await placeWithFirstFreeCoach(client, [amina, ben], await placement('2026-03-04T09:00:00Z'), () => Promise.resolve())
      firstKept(coach)
      await firstHolds // the rest of the booking's statements, and COMMIT, still to come
      return coach
    })
    let triesOfSecond = 0
    const stopWatching = afterEachStatement(pool, (sql) => {
      // A try begins with its savepoint (the statements after it may go as EXECUTE of a kept plan).
      triesOfSecond += sql.split('SAVEPOINT place_with_coach').length - sql.split('ROLLBACK TO SAVEPOINT place_with_coach').length
    })
    try {
      expect(await firstKeptCoach).toBe(amina)
      triesOfSecond = 0
      const second = await inPlacementTransaction(pool, async (client) =>
        placeWithFirstFreeCoach(client, [amina, ben], await placement('2026-03-04T13:30:00Z'), () => Promise.resolve()),
      )
      expect(second).toBe(ben)
      expect(triesOfSecond).toBe(1) // Ben's day only: Amina's, still locked, was not tried first
    } finally {
      stopWatching()
      releaseFirst()
    }
    expect(await first).toBe(amina)

    // Once the first has ended, its coach is tried first again.
    const third = await inPlacementTransaction(pool, async (client) =>
      placeWithFirstFreeCoach(client, [amina, ben], await placement('2026-03-04T15:00:00Z'), () => Promise.resolve()),
    )
    expect(third).toBe(amina)
  })
})
