import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { REASON_MAX_LENGTH } from '../../../../../domain/booking/rules.js'
import { changeCoach } from '../../../../../domain/coach-changes/index.js'
import { staffRequest } from '../../../../../http/staff-request.js'
import { ErrorBody } from '../../../../../schemas/common.js'
import { inFieldContext } from '../../../../../schemas/field-context.js'

const DeactivateBody = Type.Object(
  {
    reason: Type.String({ maxLength: REASON_MAX_LENGTH, description: 'Why (kept in each moved or cancelled booking’s history)' }),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Only answer the plan: nothing changes' })),
  },
  { additionalProperties: false },
)

const DeactivateReply = Type.Object(
  {
    dryRun: Type.Boolean({ description: 'True when this is only the plan and nothing changed' }),
    affected: Type.Array(
      Type.Object({
        bookingId: Type.String({ format: 'uuid' }),
        reference: Type.String(),
        start: Type.String({ format: 'date-time' }),
        end: Type.String({ format: 'date-time' }),
        outcome: Type.Union([Type.Literal('moved'), Type.Literal('cancelled')], {
          description: 'moved: to another coach free at the same time (fair share); cancelled: nobody is free, the candidate is told with a link to book again',
        }),
        newCoach: Type.Optional(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })),
      }),
      { description: 'Each of the coach’s live conversations that had not started, soonest first' },
    ),
  },
  { additionalProperties: false },
)

/** Coaches, as the programme team changes them. Access: ../autohooks.ts (admins). */
const adminCoachesApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.post(
    '/:id/deactivate',
    {
      schema: {
        tags: ['coaches'],
        operationId: 'deactivateCoach',
        security: [{ session: [] }],
        summary: 'Deactivate a coach, moving or cancelling their booked conversations',
        description:
          'Switches the coach’s staff account off (as the staff page does) and, in the same transaction, moves each of their ' +
          'conversations that has not started to another coach of its programme free at the same time (fair share, as at booking), ' +
          'or cancels it where nobody is free. The candidates and coaches are emailed with calendar updates. ' +
          'With dryRun the answer is the plan and nothing changes. 404 for an unknown coach, 409 no_change when already deactivated, ' +
          '403 for your own account.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: DeactivateBody,
        response: { 200: DeactivateReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const dryRun = request.body.dryRun ?? false
      const result = await inFieldContext('body', () =>
        changeCoach(deps, { coachId: request.params.id, change: { kind: 'deactivate' }, reason: request.body.reason, dryRun }, staffRequest(request)),
      )
      return {
        dryRun,
        affected: result.affected.map((a) => ({
          bookingId: a.bookingId,
          reference: a.reference,
          start: a.startsAt.toISOString(),
          end: a.endsAt.toISOString(),
          outcome: a.outcome,
          ...(a.newCoach ? { newCoach: a.newCoach } : {}),
        })),
      }
    },
  )
}

export default adminCoachesApi
