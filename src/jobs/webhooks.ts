import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { deliverOnce, dispatchEvent, type WebhookDeps } from '../domain/integrations/webhooks.js'
import { firstNameOf } from '../domain/booking/rules.js'
import { deliverEmail } from '../emails/deliver-email.js'
import { webhookSwitchedOff } from '../emails/messages/webhook-switched-off.js'
import { renderEmail } from '../emails/render-email.js'
import { listActiveAdmins } from '../repositories/staff.js'
import { findEndpoint } from '../repositories/webhooks.js'

const EventPayload = Type.Object({ eventId: Type.String({ format: 'uuid' }) })
const DeliveryPayload = Type.Object({ deliveryId: Type.String({ format: 'uuid' }) })

/** WEBHOOKS_ALLOW_PRIVATE, or on outside production. */
export function webhookDeps(app: FastifyInstance): WebhookDeps {
  const setting = app.config.WEBHOOKS_ALLOW_PRIVATE
  return {
    ...app.deps,
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

const SwitchedOffPayload = Type.Object({ endpointId: Type.String({ format: 'uuid' }), lastError: Type.String({ maxLength: 300 }) })

/** `webhook-switched-off`: each active admin is told, once (the delivery's dedupe key). */
export function webhookSwitchedOffTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(SwitchedOffPayload, payload)) return helpers.logger.error('webhook-switched-off: payload does not match its schema; dropped')
    const endpoint = await findEndpoint(app.pg.pool, payload.endpointId)
    if (!endpoint?.disabledAt) return
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl: app.config.PUBLIC_URL }
    for (const admin of await listActiveAdmins(app.pg.pool)) {
      const rendered = renderEmail(webhookSwitchedOff, {
        adminFirstName: firstNameOf(admin.name),
        url: endpoint.url,
        lastError: payload.lastError,
        pageUrl: `${app.config.PUBLIC_URL}/admin/integrations/webhooks/${endpoint.id}`,
      })
      const email = { kind: 'webhook-switched-off', dedupeKey: `webhook-switched-off:${endpoint.id}:${endpoint.disabledAt.toISOString()}:${admin.staffUserId}`, to: admin.email, ...rendered }
      await deliverEmail(deps, email, { jobPayload: payload, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    }
  }
}
