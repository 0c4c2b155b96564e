import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { purgeExpiredEmailCodes } from '../repositories/email-codes.js'
import { purgeEndedCounters } from '../repositories/limit-counters.js'
import { purgeExpiredHolds } from '../repositories/slot-holds.js'

/**
 * Every hour at 20 past (see the crontab in the jobs plugin): removes what
 * has run out and already counts for nothing: expired slot holds, expired
 * email codes and the limits' counters of ended windows. This keeps the
 * tables small (and the codes' rows no longer than needed).
 */
export const PURGE_SLOT_HOLDS_CRONTAB = '20 * * * * purge-slot-holds ?max=1'

export function purgeSlotHoldsTask(app: FastifyInstance): Task {
  return async () => {
    const now = app.clock.now()
    const removed = {
      holds: await purgeExpiredHolds(app.pg.pool, now),
      emailCodes: await purgeExpiredEmailCodes(app.pg.pool, now),
      limitCounters: await purgeEndedCounters(app.pg.pool, now),
    }
    if (removed.holds + removed.emailCodes + removed.limitCounters > 0) app.log.info({ removed }, 'purge-slot-holds: expired rows removed')
  }
}
