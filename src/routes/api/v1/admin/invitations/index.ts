import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { inviteCandidate, withdrawInvitation, type InvitationDeps } from '../../../../../domain/booking/service/index.js'
import { NotFoundError } from '../../../../../domain/errors.js'
import { INVITATION_BATCH_MAX, InvitationAuditActions, inviteMany } from '../../../../../domain/invitations/index.js'
import { staffRequest } from '../../../../../http/staff-request.js'
import { listInvitations } from '../../../../../repositories/invitations.js'
import { ErrorBody } from '../../../../../schemas/common.js'
import { inFieldContext } from '../../../../../schemas/field-context.js'
import {
  BatchBody,
  BatchReply,
  CreateInvitationBody,
  IdParams,
  InvitationReply,
  ListQuery,
  ListReply,
  invitationJson,
  newInvitationJson,
} from './schemas.js'

/**
 * /api/v1/admin/invitations: staffing systems (and the programme team's own
 * tools) invite people to book, one at a time or in batches, list
 * invitations and withdraw one. Admins only (../autohooks.ts): the session
 * cookie of an admin account. Each invitation sends its own email, with a
 * personal booking link that works for 60 days.
 */

const security: { [scheme: string]: string[] }[] = [{ session: [] }]
const tags = ['invitations']

const adminInvitationsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps: InvitationDeps = app.deps
  const findListing = async (id: string) =>
    (await listInvitations(app.pg.pool, { now: app.clock.now(), id, limit: 1, offset: 0 })).invitations[0] ?? null

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: 'Invitations, newest first',
        querystring: ListQuery,
        response: { 200: ListReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const { status, programme, limit = 100, offset = 0 } = request.query
      const { invitations, total } = await listInvitations(app.pg.pool, { now: app.clock.now(), status, programmeId: programme, limit, offset })
      return { invitations: invitations.map(invitationJson), total }
    },
  )

  app.post(
    '/',
    {
      schema: {
        tags,
        security,
        summary: 'Invite one person',
        description:
          'Sends them an invitation email with a personal booking link (valid 60 days). 409 already_invited when the ' +
          'address already has a live (sent or booked) invitation to the programme.',
        body: CreateInvitationBody,
        response: { 201: InvitationReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await inFieldContext('body', () => inviteCandidate(deps, request.body, { ...staffRequest(request), via: 'api' }))
      const listing = await findListing(created.id)
      if (!listing) throw new NotFoundError('There is no such invitation') // it was just made: not expected
      reply.code(201)
      return { invitation: invitationJson(listing) }
    },
  )

  app.post(
    '/batch',
    {
      // 1,000 items with long notes do not fit the default 256KB.
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        security,
        summary: `Invite up to ${INVITATION_BATCH_MAX} people`,
        description:
          'Each item is invited on its own, as POST /api/v1/admin/invitations would: the answer is 200 with the ' +
          '`invited` items and an `errors` entry per problem (by index and field) for the items that were not ' +
          '(validation_failed, already_invited, or duplicate_in_batch for an address earlier in the same batch). ' +
          'Sending the same batch again invites nobody twice. 400 only when the batch itself is malformed.',
        body: BatchBody,
        response: { 200: BatchReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
      },
    },
    async (request) => {
      const result = await inFieldContext('body', () => inviteMany(deps, request.body.invitations, staffRequest(request)))
      const programmeIds = [...new Set(result.invited.map((item) => item.programme.id))]
      await app.audit.recordRequest(request, {
        action: InvitationAuditActions.imported,
        subjectType: programmeIds.length === 1 ? 'programme' : null,
        subjectId: programmeIds.length === 1 ? programmeIds[0]! : null,
        result: 'success',
        details: {
          via: 'api',
          rows: request.body.invitations.length,
          invited: result.invited.length,
          notInvited: new Set(result.errors.map((error) => error.index)).size,
          programmeIds: programmeIds.slice(0, 20),
        },
      })
      return {
        invited: result.invited.map(({ index, invitation, programme }) => ({ index, invitation: newInvitationJson(invitation, programme) })),
        errors: result.errors,
      }
    },
  )

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One invitation',
        params: IdParams,
        response: { 200: InvitationReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const listing = await findListing(request.params.id)
      if (!listing) throw new NotFoundError('There is no such invitation')
      return { invitation: invitationJson(listing) }
    },
  )

  app.post(
    '/:id/withdraw',
    {
      schema: {
        tags,
        security,
        summary: 'Withdraw an invitation',
        description:
          'Its link stops working; the address can be invited again. Withdrawing one already withdrawn or expired ' +
          'changes nothing. 409 invitation_used when it was used to book (cancel the booking instead).',
        params: IdParams,
        response: { 200: InvitationReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      await withdrawInvitation(deps, request.params.id, { ...staffRequest(request), via: 'api' })
      const listing = await findListing(request.params.id)
      if (!listing) throw new NotFoundError('There is no such invitation')
      return { invitation: invitationJson(listing) }
    },
  )
}

export default adminInvitationsApi
