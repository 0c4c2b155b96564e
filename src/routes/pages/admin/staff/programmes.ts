/**
 * POST /admin/staff/:id/programmes: the programmes a coach coaches on.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { changeCoach } from '../../../../domain/coach-changes/index.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import { changeCoachProgrammes } from '../../../../domain/staff/manage-accounts.js'
import { findCoachOpenProgrammeIds } from '../../../../repositories/staff.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { IdParams, done, staffAccounts } from './staff-account.js'

const ProgrammesForm = Type.Object(
  {
    programmes: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })])),
    _csrf: Type.Optional(Type.String()),
    // Taking a coach off programmes with conversations booked: the plan page posts back with these.
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    confirm: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
)

const coachProgrammesPage: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps
  const coachChangeDeps = { ...services, availability: app.availability }
  const { coachToDeactivate } = staffAccounts(app)

  /**
   * Taking a coach off programmes where they have conversations booked shows
   * first what happens to each (moved to another coach, or cancelled), then
   * does it in one transaction; programmes added, or left with
   * nothing booked, change at once.
   */
  app.post('/:id/programmes', { schema: { hide: true, params: IdParams, body: ProgrammesForm } }, async (request, reply) => {
    const chosen = [request.body.programmes ?? []].flat()
    const person = await coachToDeactivate(request.params.id)
    const removed = person.coachId ? (await findCoachOpenProgrammeIds(app.pg.pool, person.coachId)).filter((id) => !chosen.includes(id)) : []
    if (person.coachId && removed.length > 0) {
      const reason = (request.body.reason ?? '').trim() || 'The coach no longer coaches on this programme'
      const command = { coachId: person.coachId, change: { kind: 'leave-programmes' as const, programmeIds: removed }, reason }
      const confirmed = request.body.confirm === 'yes'
      const plan = confirmed ? null : await changeCoach(coachChangeDeps, { ...command, dryRun: true }, staffRequest(request))
      if (plan && plan.affected.length > 0) {
        return reply.view('pages/coach-changes/plan.njk', {
          heading: 'Check before you take them off these programmes',
          caption: person.name,
          change: 'Take them off the programmes no longer ticked: they take no more conversations there',
          reason,
          ...conversationsView(plan),
          action: `/admin/staff/${person.id}/programmes`,
          hidden: chosen.map((value) => ({ name: 'programmes', value })),
          buttonText: 'Take them off',
          backHref: `/admin/staff/${person.id}`,
        })
      }
      if (confirmed) {
        const result = await changeCoach(coachChangeDeps, { ...command, dryRun: false }, staffRequest(request))
        // Programmes added at the same time are added now; the ones left are already left.
        await changeCoachProgrammes(services, request.params.id, chosen, staffRequest(request))
        return reply.view('pages/coach-changes/done.njk', {
          heading: 'Programmes changed',
          caption: person.name,
          ...conversationsView(result),
          nextHref: `/admin/staff/${person.id}`,
          nextText: `Back to ${person.name}`,
        })
      }
    }
    await changeCoachProgrammes(services, request.params.id, chosen, staffRequest(request))
    return done(reply, request.params.id, 'programmes')
  })
}

export default coachProgrammesPage
