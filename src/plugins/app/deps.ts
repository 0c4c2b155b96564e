import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
import type { DomainDeps, Notifier } from '../../domain/ports/index.js'
import { EVENT_TYPE_OF_CHANGE, announceBookingEvent } from '../../domain/integrations/events.js'
import { KeptCoachLoads } from '../../domain/booking/kept-coach-loads.js'
import { enqueueBookingNotifications, enqueueVideoLinkNotice, type NotificationDeps } from '../../emails/booking-notifications.js'
import { enqueueConversationFollowUps } from '../../emails/follow-up-notifications.js'
import { enqueueWriteBackIfAny } from '../../repositories/calendar-write-backs.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** What the domain's services need, built once (src/domain/ports). */
    deps: DomainDeps
  }
}

/**
 * Every booking change, in its own transaction: other systems hear of it
 * (the event feed and webhooks), the emails are queued, and the coach's
 * CalDAV calendar (and any earlier coach's) is kept in step. None waits on
 * another, so their statements are issued together (one message where the
 * transaction sends statements together).
 */
function createNotifier(deps: NotificationDeps): Notifier {
  return {
    async bookingChanged(client, change) {
      await Promise.all([
        announceBookingEvent(client, { type: EVENT_TYPE_OF_CHANGE[change.kind], bookingId: change.bookingId, occurredAt: deps.clock.now() }),
        enqueueBookingNotifications(deps, client, change),
        enqueueWriteBackIfAny(client, change.bookingId),
      ])
    },
    async videoLinkChanged(client, booking) {
      await Promise.all([
        enqueueVideoLinkNotice(deps, client, booking),
        enqueueWriteBackIfAny(client, booking.id), // the event in the coach's calendar carries the link
      ])
    },
    conversationHeld: (client, conversation) => enqueueConversationFollowUps(deps, client, conversation),
  }
}

/**
 * `app.deps`, the composition root: the domain's ports wired to what
 * implements them (the pool, the graphile-worker queue, the emails, the
 * clock, the availability index, the limits, the audit log), built once.
 * Routes and jobs pass it to the domain's services; nothing else assembles
 * dependency objects.
 */
export default fp<AppOptions>(
  async (app, options) => {
    app.decorate('deps', {
      pool: app.pg.pool,
      jobs: app.jobs,
      notifier: createNotifier({ jobs: app.jobs, clock: app.clock }),
      clock: app.clock,
      availability: app.availability,
      coachLoads: new KeptCoachLoads(app.availability),
      reports: app.reports,
      limits: app.limits,
      audit: app.audit,
      secret: options.config.SESSION_SECRET,
    })
  },
  { name: 'deps', dependencies: ['postgres', 'jobs', 'availability', 'reports', 'limits', 'audit'] },
)
