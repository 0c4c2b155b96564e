import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { EVENT_TYPES } from '../../../../domain/integrations/events.js'
import { createEndpoint, removeEndpoint, rotateSecret, sendAgain } from '../../../../domain/integrations/webhooks.js'
import { NotFoundError } from '../../../../domain/errors.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { webhookDeps } from '../../../../jobs/webhooks.js'
import { findEndpoint, listDeliveries, listEndpoints, type WebhookDeliveryRecord, type WebhookEndpointRecord } from '../../../../repositories/webhooks.js'
import { ErrorBody } from '../../../../schemas/common.js'
import { inFieldContext } from '../../../../schemas/field-context.js'

const Endpoint = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(Type.String()),
  active: Type.Boolean({ description: 'False once switched off after failing for a day' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
const Delivery = Type.Object({
  id: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid' }),
  eventType: Type.String(),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const endpointJson = (endpoint: WebhookEndpointRecord) => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.events,
  active: endpoint.active,
  disabledAt: endpoint.disabledAt?.toISOString() ?? null,
  createdAt: endpoint.createdAt.toISOString(),
})
const deliveryJson = (delivery: WebhookDeliveryRecord) => ({
  id: delivery.id,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  lastStatusCode: delivery.lastStatusCode,
  lastError: delivery.lastError,
  lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
})

/**
 * Webhook endpoints of other systems (src/domain/integrations/webhooks.ts):
 * the programme team, or an API token with `webhooks:manage`.
 */
const webhooks: FastifyPluginAsyncTypebox = async (app) => {
  const deps = webhookDeps(app)

  app.post(
    '/webhooks',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Register a webhook endpoint; its signing secret is in this answer only',
        description: 'Deliveries are signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature). A URL on a private, loopback or link-local address is refused.',
        body: Type.Object(
          {
            url: Type.String({ maxLength: 2000 }),
            events: Type.Array(Type.Union(EVENT_TYPES.map((type) => Type.Literal(type))), { minItems: 1, maxItems: EVENT_TYPES.length, uniqueItems: true }),
            description: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), secret: Type.String(), endpoint: Endpoint }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await inFieldContext('body', () => createEndpoint(deps, request.body, staffRequest(request)))
      reply.code(201)
      return { id: created.endpoint.id, secret: created.secret, endpoint: endpointJson(created.endpoint) }
    },
  )

  app.get(
    '/webhooks',
    { schema: { tags: ['integrations'], summary: 'The webhook endpoints', response: { 200: Type.Object({ webhooks: Type.Array(Endpoint) }), 401: ErrorBody, 403: ErrorBody } } },
    async () => ({ webhooks: (await listEndpoints(app.pg.pool)).map(endpointJson) }),
  )

  app.delete(
    '/webhooks/:id',
    { schema: { tags: ['integrations'], summary: 'Remove a webhook endpoint', params: IdParams, response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      await removeEndpoint(deps, request.params.id, staffRequest(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags: ['integrations'],
        summary: 'A new signing secret for the endpoint; the old one stops at once',
        params: IdParams,
        response: { 200: Type.Object({ secret: Type.String() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ secret: await rotateSecret(deps, request.params.id, staffRequest(request)) }),
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The endpoint\'s latest 100 deliveries, newest first: status, attempts, last answer',
        params: IdParams,
        response: { 200: Type.Object({ deliveries: Type.Array(Delivery) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      if (!(await findEndpoint(app.pg.pool, request.params.id))) throw new NotFoundError('There is no such webhook')
      return { deliveries: (await listDeliveries(app.pg.pool, request.params.id)).map(deliveryJson) }
    },
  )

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/send-again',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Send a failed delivery again',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), deliveryId: Type.String({ format: 'uuid' }) }),
        response: { 202: Type.Null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await sendAgain(deps, request.params.id, request.params.deliveryId, staffRequest(request))
      return reply.code(202).send(null)
    },
  )
}

export default webhooks
