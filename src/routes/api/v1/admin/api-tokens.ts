import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_SCOPES, createApiToken, listApiTokens, revokeApiToken } from '../../../../domain/integrations/api-tokens.js'
import { staffRequest } from '../../../../http/staff-request.js'
import type { ApiTokenRecord } from '../../../../repositories/api-tokens.js'
import { ErrorBody } from '../../../../schemas/common.js'
import { inFieldContext } from '../../../../schemas/field-context.js'

const Scope = Type.Union(API_SCOPES.map((scope) => Type.Literal(scope)))
const ApiToken = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedIp: Type.Union([Type.String(), Type.Null()], { description: 'The address it was last used from' }),
})

const tokenJson = (token: ApiTokenRecord) => ({
  id: token.id,
  name: token.name,
  scopes: token.scopes,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt.toISOString(),
  revokedAt: token.revokedAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  lastUsedIp: token.lastUsedIp,
})

/**
 * API tokens for other systems (src/domain/integrations/api-tokens.ts). Only
 * a person signed in as an admin manages them: no token can make or see
 * another (they are not in src/plugins/app/api-scopes.ts).
 */
const apiTokens: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.post(
    '/api-tokens',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Create an API token for another system; the token is in this answer only',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Scope, { minItems: 1, maxItems: API_SCOPES.length, uniqueItems: true }),
            expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'A year from now when left out; 2 years at most' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), token: Type.String(), apiToken: ApiToken }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await inFieldContext('body', () => createApiToken(deps, request.body, staffRequest(request)))
      reply.code(201)
      return { id: created.record.id, token: created.token, apiToken: tokenJson(created.record) }
    },
  )

  app.get(
    '/api-tokens',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The API tokens, newest first, without the tokens themselves',
        response: { 200: Type.Object({ apiTokens: Type.Array(ApiToken) }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async () => ({ apiTokens: (await listApiTokens(app.pg.pool)).map(tokenJson) }),
  )

  app.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Revoke an API token: it is refused from now on',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ apiToken: ApiToken }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ apiToken: tokenJson(await revokeApiToken(deps, request.params.id, staffRequest(request))) }),
  )
}

export default apiTokens
