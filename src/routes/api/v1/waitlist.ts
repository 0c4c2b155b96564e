import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ForbiddenError, UnauthorizedError } from '../../../domain/errors.js'
import { InsufficientScopeError } from '../../../domain/integrations/api-tokens.js'
import { joinWaitlist } from '../../../domain/waitlist/join.js'
import { waitlistManageUrl } from '../../../domain/waitlist/links.js'
import { leaveWaitlist, openPlace, type WaitlistViewer } from '../../../domain/waitlist/manage.js'
import { bearerToken } from '../../../http/booking-credentials.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'
import { ManageHeaders } from '../../../schemas/booking.js'
import { JoinWaitlistBody, JoinedWaitlistReply, WaitlistEntryReply, WaitlistParams, waitlistEntryJson } from '../../../schemas/waitlist.js'

/**
 * The waitlist: joining when no time suits, and seeing or leaving a place.
 *
 * Who: anyone may join (the same gates as booking). An entry opens to its
 * person with `Authorization: Bearer <token from manageUrl>`, and to any
 * admin signed in. A wrong or expired token, or another entry's, gets the
 * same 404; neither a token nor an admin session, a 401.
 */
const security: { [scheme: string]: string[] }[] = [{ manageToken: [] }, { session: [] }]

function viewerOf(request: FastifyRequest): WaitlistViewer {
  if (request.apiToken) throw new InsufficientScopeError([])
  if (request.staff?.role === 'admin') return { kind: 'admin' }
  const token = bearerToken(request)
  if (token === null && request.staff) throw new ForbiddenError()
  if (token === null) throw new UnauthorizedError('Send the token from your waitlist link as a Bearer token')
  return { kind: 'link', token }
}

const waitlist: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.post(
    '/waitlist',
    {
      schema: {
        tags: ['booking'],
        summary: 'Join a programme\'s waitlist',
        description:
          'For when no time suits: the candidate says which days, parts of the day and dates would, and is offered ' +
          'the first such time that frees up or opens (held for them, with an email to book it). The same gates as ' +
          'POST /api/v1/bookings: 403 not_eligible, 422 email_not_proven or email_code_wrong, 429 too_many_requests ' +
          'with Retry-After. Joining again with the same address changes the preferences and keeps the place in line. ' +
          'A confirmation email goes to the address with a link to see, change or leave the waitlist.',
        body: JoinWaitlistBody,
        response: { 201: JoinedWaitlistReply, 400: ErrorBody, 403: ErrorBody, 422: ErrorBody, 429: ErrorBody },
      },
      onRequest: app.limits.perAddress(app.limits.rules.anonymousWrites),
    },
    async (request, reply) => {
      const joined = await inFieldContext('body', () => joinWaitlist(deps, request.body, { ip: request.ip, requestId: request.id }))
      const place = await openPlace(deps, joined.entryId, { kind: 'admin' })
      reply.code(201)
      return { entry: waitlistEntryJson(place), manageUrl: waitlistManageUrl(app.config.PUBLIC_URL, joined.manageToken) }
    },
  )

  app.get(
    '/waitlist/:id',
    {
      schema: {
        tags: ['booking'],
        summary: 'A place on the waitlist, for its person (the token of their link) or an admin',
        security,
        params: WaitlistParams,
        headers: ManageHeaders,
        response: { 200: WaitlistEntryReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ entry: waitlistEntryJson(await openPlace(deps, request.params.id, viewerOf(request))) }),
  )

  app.delete(
    '/waitlist/:id',
    {
      schema: {
        tags: ['booking'],
        summary: 'Leave the waitlist (an admin: take someone off it)',
        description: 'A time held for them is let go and offered to the next person. Leaving twice answers as the first time did.',
        security,
        params: WaitlistParams,
        headers: ManageHeaders,
        response: { 200: WaitlistEntryReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      onRequest: app.limits.perAddress(app.limits.rules.anonymousWrites),
    },
    async (request) => ({ entry: waitlistEntryJson(await leaveWaitlist(deps, request.params.id, viewerOf(request))) }),
  )
}

export default waitlist
