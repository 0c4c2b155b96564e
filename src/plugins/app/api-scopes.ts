import type { FastifyRequest } from 'fastify'

/**
 * Which API routes a system's token may reach, by scope: one table, so what
 * a scope opens is read in one place (and test/integrations/api-tokens.test.ts
 * checks every route against it). A route not listed takes no token at all,
 * only a person's session: pages, notes, token and staff management.
 */
export const ROUTE_SCOPES: Record<string, readonly string[]> = {
  'GET /api/v1/admin/invitations': ['invitations:write'],
  'POST /api/v1/admin/invitations': ['invitations:write'],
  'POST /api/v1/admin/invitations/batch': ['invitations:write'],
  'GET /api/v1/admin/invitations/:id': ['invitations:write'],
  'POST /api/v1/admin/invitations/:id/withdraw': ['invitations:write'],
  'GET /api/v1/admin/actions': ['actions:read'],
  'GET /api/v1/admin/actions/export': ['actions:read'],
  'GET /api/v1/admin/bookings': ['bookings:read'],
  'GET /api/v1/admin/bookings/:id': ['bookings:read'],
  'GET /api/v1/reports/programme': ['reports:read'],
  'GET /api/v1/reports/programme/export': ['reports:read'],
  'GET /api/v1/events': ['bookings:read', 'actions:read', 'reports:read'],
  'POST /api/v1/admin/webhooks': ['webhooks:manage'],
  'GET /api/v1/admin/webhooks': ['webhooks:manage'],
  'DELETE /api/v1/admin/webhooks/:id': ['webhooks:manage'],
  'POST /api/v1/admin/webhooks/:id/rotate-secret': ['webhooks:manage'],
  'GET /api/v1/admin/webhooks/:id/deliveries': ['webhooks:manage'],
  'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/send-again': ['webhooks:manage'],
}

/** The scopes that open this request's route (any one of them); none when tokens may not use it. */
export function scopesFor(request: FastifyRequest): readonly string[] {
  return ROUTE_SCOPES[`${request.method} ${request.routeOptions.url ?? ''}`] ?? []
}
