import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzOperations } from './openapi-operations.js'
import { buildFuzzWorld, Referee, type FuzzWorld } from './support.js'

/** Half of the OpenAPI document's operations (1 of 0 and 1; the other half is in openapi-1.test.ts, run alongside). */
describe('OpenAPI operations under generated junk (share 2 of 2)', () => {
  let world: FuzzWorld
  beforeAll(async () => {
    world = await buildFuzzWorld()
  })
  afterAll(async () => {
    await world.app.close()
  })

  it('never answers 5xx, and a refused request changes nothing in the database', async () => {
    const referee = new Referee(world)
    await referee.start()
    const sent = await fuzzOperations(world, referee, { index: 1, of: 2 }, 1200)
    console.log(`${sent} requests`, Object.fromEntries(referee.statuses))
    expect(sent).toBeGreaterThan(300)
    // Not all refusals: some generated requests get through, so the checks reach the handlers.
    const accepted = [...referee.statuses].filter(([status]) => status < 400).reduce((sum, [, count]) => sum + count, 0)
    expect(accepted).toBeGreaterThan(0)
  }, 60_000)
})
