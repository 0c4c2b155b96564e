import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { deliverEmail } from '../emails/deliver-email.js'
import { waitlistJoinedEmail, waitlistOfferEmail } from '../emails/waitlist-emails.js'

const Id = Type.String({ format: 'uuid' })
const WaitlistEmailPayload = Type.Union([
  Type.Object({ email: Type.Literal('waitlist-joined'), entryId: Id, requestId: Id }),
  Type.Object({ email: Type.Literal('waitlist-offer'), offerId: Id }),
])
type WaitlistEmailPayload = Static<typeof WaitlistEmailPayload>

/**
 * `waitlist-email`: composes one of the waitlist's emails from the entry and
 * offer as they are now (no offer email once the offer has ended) and
 * delivers it once (the deliveries row's unique key). A thrown error makes
 * graphile-worker retry with backoff.
 */
export function waitlistEmailTask(app: FastifyInstance): Task {
  const publicUrl = app.config.PUBLIC_URL
  return async (rawPayload, helpers) => {
    if (!Value.Check(WaitlistEmailPayload, rawPayload)) {
      helpers.logger.error('waitlist-email: payload does not match its schema; dropped')
      return
    }
    const payload = rawPayload
    const now = app.clock.now()
    const email =
      payload.email === 'waitlist-joined'
        ? await waitlistJoinedEmail(app.pg.pool, payload, publicUrl, now)
        : await waitlistOfferEmail(app.pg.pool, payload, publicUrl, now)
    if (!email) return
    const attempt = { jobPayload: payload, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts }
    helpers.logger.info(`waitlist-email: ${email.kind} ${await deliverEmail({ pool: app.pg.pool, mailer: app.mailer, publicUrl }, email, attempt)}`)
  }
}
