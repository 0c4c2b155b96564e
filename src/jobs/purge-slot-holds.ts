import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { purgeExpiredHolds } from '../repositories/slot-holds.js'

/**
 * Every hour at 20 past (see the crontab in the jobs plugin): removes the
 * slot holds that have expired. Expired holds already stop counting when
 * slots are listed and booked; this keeps the table small.
 */
export const PURGE_SLOT_HOLDS_CRONTAB = '20 * * * * purge-slot-holds ?max=1'

export function purgeSlotHoldsTask(app: FastifyInstance): Task {
  return async () => {
    const removed = await purgeExpiredHolds(app.pg.pool, app.clock.now())
    if (removed > 0) app.log.info({ removed }, 'purge-slot-holds: expired holds removed')
  }
}
