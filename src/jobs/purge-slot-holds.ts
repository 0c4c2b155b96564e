import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { purgeExpiredEmailCodes } from '../repositories/email-codes.js'
import { purgeEndedCounters } from '../repositories/limit-counters.js'
import { purgeEventsBefore } from '../repositories/integration-events.js'
import { EVENT_DAYS } from '../domain/integrations/events.js'
import { purgeExpiredHolds } from '../repositories/slot-holds.js'

/**
 * Every hour at 20 past (see the crontab in the jobs plugin): removes what
 * has run out and already counts for nothing: expired slot holds, expired
 * email codes, the limits' counters of ended windows, and events for other
 * systems older than the feed keeps (30 days). This keeps the
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
      events: await purgeEventsBefore(app.pg.pool, new Date(now.getTime() - EVENT_DAYS * 24 * 60 * 60 * 1000)),
    }
    if (removed.holds + removed.emailCodes + removed.limitCounters + removed.events > 0) app.log.info({ removed }, 'purge-slot-holds: expired rows removed')
  }
}
