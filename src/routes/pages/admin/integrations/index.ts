import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { API_SCOPES, createApiToken, listApiTokens, revokeApiToken } from '../../../../domain/integrations/api-tokens.js'
import { EVENT_TYPES } from '../../../../domain/integrations/events.js'
import { createEndpoint, removeEndpoint, rotateSecret, sendAgain } from '../../../../domain/integrations/webhooks.js'
import { formatDate, formatTime } from '../../../../domain/time/index.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { webhookDeps } from '../../../../jobs/webhooks.js'
import { findEndpoint, listDeliveries, listEndpoints } from '../../../../repositories/webhooks.js'

const Field = Type.Optional(Type.String({ maxLength: 2000 }))
const Many = Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })]))
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const SCOPE_TEXT: Record<string, string> = {
  'invitations:write': 'Invite people and see invitations',
  'bookings:read': 'Read bookings and booking events',
  'actions:read': 'Read follow-up actions',
  'reports:read': 'Read programme figures',
  'webhooks:manage': 'Manage webhooks',
}

/**
 * /admin/integrations: API tokens for other systems and webhook endpoints
 * (src/domain/integrations). A token or a signing secret is shown once, on
 * the page that follows its creation, and never again. Access: ../autohooks.ts (admins).
 */
const integrationPages: FastifyPluginAsyncTypebox = async (app) => {
  const tokenDeps = app.deps
  const hookDeps = webhookDeps(app)
  const when = (date: Date | null) => (date ? `${formatTime(date)} on ${formatDate(date)}` : null)

  async function renderIndex(reply: FastifyReply, extra: { shown?: { kind: 'token' | 'secret'; name: string; value: string }; problems?: FieldProblem[]; values?: Record<string, unknown> } = {}) {
    const now = app.clock.now()
    const [tokens, endpoints] = await Promise.all([listApiTokens(app.pg.pool), listEndpoints(app.pg.pool)])
    const values = { name: '', scopes: [] as string[], url: '', events: [] as string[], description: '', ...extra.values }
    return reply.code(extra.problems?.length ? 400 : 200).view('pages/admin/integrations/index.njk', {
      shown: extra.shown ?? null,
      tokens: tokens.map((token) => ({
        ...token,
        scopesText: token.scopes.join(', '),
        state: token.revokedAt ? 'Revoked' : token.expiresAt <= now ? 'Expired' : 'Active',
        live: !token.revokedAt && token.expiresAt > now,
        expiresText: when(token.expiresAt),
        lastUsedText: token.lastUsedAt ? `${when(token.lastUsedAt)} from ${token.lastUsedIp}` : 'Not used yet',
      })),
      endpoints: endpoints.map((endpoint) => ({ ...endpoint, eventsText: endpoint.events.join(', ') })),
      values,
      scopeItems: API_SCOPES.map((scope) => ({ value: scope, text: `${SCOPE_TEXT[scope]} (${scope})`, checked: (values.scopes as string[]).includes(scope) })),
      eventItems: EVENT_TYPES.map((type) => ({ value: type, text: type, checked: (values.events as string[]).includes(type) })),
      ...errorsView(extra.problems ?? [], { scopes: 'scopes', events: 'events' }),
    })
  }

  const list = (value: string | string[] | undefined) => [value ?? []].flat().filter((item) => item !== '')

  app.get('/', { schema: { hide: true } }, async (_request, reply) => renderIndex(reply))

  app.post('/tokens', { schema: { hide: true, body: Type.Object({ _csrf: Field, name: Field, scopes: Many }) } }, async (request, reply) => {
    const values = { name: request.body.name ?? '', scopes: list(request.body.scopes) }
    try {
      const created = await createApiToken(tokenDeps, values, staffRequest(request))
      return renderIndex(reply, { shown: { kind: 'token', name: created.record.name, value: created.token } })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderIndex(reply, { problems: error.fields, values })
    }
  })

  app.post('/tokens/:id/revoke', { schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Field }) } }, async (request, reply) => {
    await revokeApiToken(tokenDeps, request.params.id, staffRequest(request))
    return reply.redirect('/admin/integrations', 303)
  })

  app.post('/webhooks', { schema: { hide: true, body: Type.Object({ _csrf: Field, url: Field, events: Many, description: Field }) } }, async (request, reply) => {
    const values = { url: (request.body.url ?? '').trim(), events: list(request.body.events), description: request.body.description ?? '' }
    try {
      const created = await createEndpoint(hookDeps, values, staffRequest(request))
      return renderIndex(reply, { shown: { kind: 'secret', name: created.endpoint.url, value: created.secret } })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderIndex(reply, { problems: error.fields, values })
    }
  })

  app.get('/webhooks/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const endpoint = await findEndpoint(app.pg.pool, request.params.id)
    if (!endpoint) throw new NotFoundError('There is no such webhook')
    const deliveries = await listDeliveries(app.pg.pool, endpoint.id)
    return reply.view('pages/admin/integrations/webhook.njk', {
      endpoint: { ...endpoint, eventsText: endpoint.events.join(', '), disabledText: when(endpoint.disabledAt) },
      deliveries: deliveries.map((delivery) => ({ ...delivery, lastAttemptText: when(delivery.lastAttemptAt) ?? 'Not yet', deliveredText: when(delivery.deliveredAt) })),
    })
  })

  app.post('/webhooks/:id/deliveries/:deliveryId/send-again', { schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }), deliveryId: Type.String({ format: 'uuid' }) }), body: Type.Object({ _csrf: Field }) } }, async (request, reply) => {
    await sendAgain(hookDeps, request.params.id, request.params.deliveryId, staffRequest(request))
    return reply.redirect(`/admin/integrations/webhooks/${request.params.id}`, 303)
  })

  app.post('/webhooks/:id/rotate-secret', { schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Field }) } }, async (request, reply) => {
    const endpoint = await findEndpoint(app.pg.pool, request.params.id)
    if (!endpoint) throw new NotFoundError('There is no such webhook')
    const secret = await rotateSecret(hookDeps, endpoint.id, staffRequest(request))
    return renderIndex(reply, { shown: { kind: 'secret', name: endpoint.url, value: secret } })
  })

  app.post('/webhooks/:id/remove', { schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Field }) } }, async (request, reply) => {
    await removeEndpoint(hookDeps, request.params.id, staffRequest(request))
    return reply.redirect('/admin/integrations', 303)
  })
}

export default integrationPages
