import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { deliverOnce, dispatchEvent, type WebhookDeps } from '../domain/integrations/webhooks.js'

const EventPayload = Type.Object({ eventId: Type.String({ format: 'uuid' }) })
const DeliveryPayload = Type.Object({ deliveryId: Type.String({ format: 'uuid' }) })

/** WEBHOOKS_ALLOW_PRIVATE, or on outside production. */
export function webhookDeps(app: FastifyInstance): WebhookDeps {
  const setting = app.config.WEBHOOKS_ALLOW_PRIVATE
  return {
    pool: app.pg.pool,
    clock: app.clock,
    audit: app.audit,
    jobs: app.jobs,
    secret: app.config.SESSION_SECRET,
    allowPrivate: setting === undefined ? app.config.NODE_ENV !== 'production' : setting === '1',
    timeoutMs: app.config.WEBHOOK_TIMEOUT_MS,
  }
}

/** `dispatch-webhooks`: an event (enqueued with its change) becomes one delivery job per endpoint listening. */
export function dispatchWebhooksTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(EventPayload, payload)) return helpers.logger.error('dispatch-webhooks: payload does not match its schema; dropped')
    const count = await dispatchEvent(webhookDeps(app), payload.eventId)
    helpers.logger.info(`dispatch-webhooks: ${count} deliveries`)
  }
}

/** `deliver-webhook`: one attempt at one delivery; a failure is thrown, so the worker tries again with backoff. */
export function deliverWebhookTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(DeliveryPayload, payload)) return helpers.logger.error('deliver-webhook: payload does not match its schema; dropped')
    const result = await deliverOnce(webhookDeps(app), payload.deliveryId, { lastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    helpers.logger.info(`deliver-webhook: ${result}`)
  }
}
