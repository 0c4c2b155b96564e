import { describe, expect, it } from 'vitest'
import type { CoachLoad } from '../../../src/domain/booking/coach-choice.js'
import { KeptCoachLoads, type CoachWeek } from '../../../src/domain/booking/kept-coach-loads.js'
import { AvailabilityIndex } from '../../../src/domain/slots/index.js'

const MONDAY = new Date('2026-03-02T00:00:00Z')
const NEXT_MONDAY = new Date('2026-03-09T00:00:00Z')
const week = (coachId: string, start = MONDAY, end = NEXT_MONDAY): CoachWeek => ({ coachId, start, end })

/** The real index (no database behind it: only its change notices matter here) and a reader that counts what it is asked. */
function setUp() {
  const index = new AvailabilityIndex({ schedules: () => Promise.resolve([]) })
  const kept = new KeptCoachLoads(index)
  const asked: string[][] = []
  let count = 0
  const read = (weeks: readonly CoachWeek[]): Promise<CoachLoad[]> => {
    asked.push(weeks.map((w) => `${w.coachId}@${w.start.toISOString().slice(0, 10)}`))
    count++
    return Promise.resolve(weeks.map((w) => ({ coachId: w.coachId, conversationsThatWeek: count, lastAssignedAt: null })))
  }
  return { index, kept, asked, read }
}

describe('fair share loads kept between bookings', () => {
  it('reads each coach-week once while the index hears nothing of the coach, in the order asked', async () => {
    const { index, kept, asked, read } = setUp()
    index.goLive()
    const first = await kept.loads([week('a'), week('b')], read)
    expect(first.map((l) => [l.coachId, l.conversationsThatWeek])).toEqual([['a', 1], ['b', 1]])
    const again = await kept.loads([week('b'), week('a'), week('c')], read)
    expect(again.map((l) => [l.coachId, l.conversationsThatWeek])).toEqual([['b', 1], ['a', 1], ['c', 2]])
    expect(asked).toEqual([['a@2026-03-02', 'b@2026-03-02'], ['c@2026-03-02']])
    // Another week of the same coach is another load.
    await kept.loads([week('a', NEXT_MONDAY, new Date('2026-03-16T00:00:00Z'))], read)
    expect(asked.at(-1)).toEqual(['a@2026-03-09'])
  })

  it('reads a coach again after a notice for them, and every coach after a notice for everything', async () => {
    const { index, kept, asked, read } = setUp()
    index.goLive()
    await kept.loads([week('a'), week('b')], read)
    index.changed({ kind: 'coach', id: 'b' })
    const loads = await kept.loads([week('a'), week('b')], read)
    expect(asked.at(-1)).toEqual(['b@2026-03-02'])
    expect(loads.map((l) => l.conversationsThatWeek)).toEqual([1, 2])
    index.changed({ kind: 'all' })
    await kept.loads([week('a'), week('b')], read)
    expect(asked.at(-1)).toEqual(['a@2026-03-02', 'b@2026-03-02'])
  })

  it('keeps nothing while the index is not live (a notice could be missed)', async () => {
    const { index, kept, asked, read } = setUp()
    await kept.loads([week('a')], read)
    await kept.loads([week('a')], read)
    expect(asked).toHaveLength(2)
    index.goLive()
    await kept.loads([week('a')], read)
    index.goOffline()
    await kept.loads([week('a')], read)
    expect(asked).toHaveLength(4)
  })

  it('reads again a load whose coach changed while it was being read', async () => {
    const { index, kept, asked } = setUp()
    index.goLive()
    const during = (weeks: readonly CoachWeek[]): Promise<CoachLoad[]> => {
      asked.push(weeks.map((w) => w.coachId))
      // The booking that changes the coach commits while this read is under way.
      index.changed({ kind: 'coach', id: 'a' })
      return Promise.resolve(weeks.map((w) => ({ coachId: w.coachId, conversationsThatWeek: 0, lastAssignedAt: null })))
    }
    await kept.loads([week('a')], during)
    await kept.loads([week('a')], during)
    expect(asked).toEqual([['a'], ['a']])
  })
})
