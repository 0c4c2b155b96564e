import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { changeCoach } from '../../../../domain/coach-changes/index.js'
import { NotFoundError } from '../../../../domain/errors.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { findAvailabilityCoach } from '../../../../repositories/availability.js'
import { describeTimeZone } from '../../../../domain/availability/index.js'
import { listCoaches } from '../../../../repositories/availability.js'
import availabilityPages from '../../coach/availability/availability-pages.js'

/**
 * /admin/coaches: every coach, with a link to change their availability at
 * /admin/coaches/:coachId/availability (the same pages and checks a coach
 * uses for their own; an unknown coach is a 404). Access: ../autohooks.ts.
 */
const adminCoaches: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const coaches = await listCoaches(app.pg.pool)
    return reply.view('pages/availability/coaches.njk', {
      coaches: coaches.map((coach) => ({ ...coach, timeZone: describeTimeZone(coach.timeZone) })),
    })
  })

  await app.register(availabilityPages, { scope: 'admin', prefix: '/:coachId/availability' })

  // The coach's conversations that clash with their time off, days off or hours (a coach asked the team to
  // move them, or availability changed around them): the plan, then confirm (src/domain/coach-changes).
  const deps = app.deps
  const CoachParams = Type.Object({ coachId: Type.String({ format: 'uuid' }) })
  const ConfirmForm = Type.Object(
    { confirm: Type.Optional(Type.Literal('yes')), reason: Type.Optional(Type.String({ maxLength: 2000 })), _csrf: Type.Optional(Type.String()) },
    { additionalProperties: false },
  )
  const CLASH_REASON = 'The coach is not available then'

  app.get('/:coachId/clashes', { schema: { hide: true, params: CoachParams } }, async (request, reply) => {
    const coach = await findAvailabilityCoach(app.pg.pool, request.params.coachId)
    if (!coach) throw new NotFoundError('There is no such coach')
    const plan = await changeCoach(deps, { coachId: coach.id, change: { kind: 'clashes' }, reason: CLASH_REASON, dryRun: true }, staffRequest(request))
    return reply.view('pages/coach-changes/plan.njk', {
      heading: 'Conversations that clash with their availability',
      caption: coach.name,
      change: 'Move each conversation booked when the coach has time off, a day off or no working hours',
      reason: CLASH_REASON,
      ...conversationsView(plan),
      action: `/admin/coaches/${coach.id}/clashes`,
      hidden: [],
      buttonText: plan.affected.length > 0 ? 'Move or cancel these conversations' : 'Continue',
      backHref: `/admin/coaches/${coach.id}/availability`,
    })
  })

  app.post('/:coachId/clashes', { schema: { hide: true, params: CoachParams, body: ConfirmForm } }, async (request, reply) => {
    const coach = await findAvailabilityCoach(app.pg.pool, request.params.coachId)
    if (!coach) throw new NotFoundError('There is no such coach')
    if (request.body.confirm !== 'yes') return reply.redirect(`/admin/coaches/${coach.id}/clashes`, 303)
    const result = await changeCoach(deps, { coachId: coach.id, change: { kind: 'clashes' }, reason: CLASH_REASON, dryRun: false }, staffRequest(request))
    return reply.view('pages/coach-changes/done.njk', {
      heading: 'Conversations moved or cancelled',
      caption: coach.name,
      ...conversationsView(result),
      nextHref: `/admin/coaches/${coach.id}/availability`,
      nextText: 'Back to their availability',
    })
  })
}

export default adminCoaches
