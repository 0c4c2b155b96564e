import type { FastifyRequest } from 'fastify'
import type { BookingCredentials } from '../domain/booking/service/index.js'
import { InsufficientScopeError } from '../domain/integrations/api-tokens.js'

/** The bearer token, if the request carries one (any other scheme is ignored). */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S*)\s*$/i.exec(header)
  return match ? (match[1] ?? '') : null
}

/**
 * Who is asking for a booking: a manage link's token, and/or the member of
 * staff signed in. A system's API token opens no candidate's booking: 403
 * insufficient_scope (its scopes reach the programme team's API only).
 */
export function credentialsOf(request: FastifyRequest): BookingCredentials {
  if (request.apiToken) throw new InsufficientScopeError([])
  return { manageToken: bearerToken(request), staff: request.staff ?? null }
}
