/**
 * /admin/staff/:id/deactivate: an admin's account is deactivated at once; a
 * coach's first says why, then shows the plan for their booked conversations
 * (each moved to a free coach or cancelled), then does it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { changeCoach } from '../../../../domain/coach-changes/index.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import { setAccountActive } from '../../../../domain/staff/manage-accounts.js'
import type { StaffListEntry } from '../../../../repositories/staff.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { IdParams, done, staffAccounts } from './staff-account.js'

/** Deactivating: a coach's account first says why, then shows the plan for their conversations (confirm: "yes" to go ahead). */
const DeactivateForm = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    confirm: Type.Optional(Type.Literal('yes')),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

const deactivatePages: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps
  const coachChangeDeps = { ...services, availability: app.availability }
  const { coachToDeactivate } = staffAccounts(app)

  function renderReason(reply: FastifyReply, person: StaffListEntry, reason: string, problems: FieldProblem[] = []) {
    return reply.code(problems.length > 0 ? 400 : 200).view('pages/coach-changes/reason.njk', {
      heading: 'Deactivate account',
      caption: person.name,
      intro: 'They will be signed out at once and will not be able to sign in or reset their password. Their records stay. Each conversation booked with them that has not happened yet moves to another coach who is free at the same time, or is cancelled where nobody is.',
      action: `/admin/staff/${person.id}/deactivate`,
      reason,
      hidden: [],
      backLink: { href: `/admin/staff/${person.id}`, text: 'Back' },
      ...errorsView(problems),
    })
  }

  app.get('/:id/deactivate', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const person = await coachToDeactivate(request.params.id)
    if (!person.coachId || !person.active) return reply.redirect(`/admin/staff/${person.id}`, 303)
    return renderReason(reply, person, '')
  })

  app.post('/:id/deactivate', { schema: { hide: true, params: IdParams, body: DeactivateForm } }, async (request, reply) => {
    const person = await coachToDeactivate(request.params.id)
    if (!person.coachId) {
      await setAccountActive(services, request.params.id, false, staffRequest(request))
      return done(reply, request.params.id, 'deactivated')
    }
    const reason = (request.body.reason ?? '').trim()
    const dryRun = request.body.confirm !== 'yes'
    let result
    try {
      result = await changeCoach(coachChangeDeps, { coachId: person.coachId, change: { kind: 'deactivate' }, reason, dryRun }, staffRequest(request))
    } catch (error) {
      if (error instanceof ValidationError) return renderReason(reply, person, reason, error.fields)
      throw error
    }
    if (dryRun) {
      return reply.view('pages/coach-changes/plan.njk', {
        heading: 'Check before you deactivate this account',
        caption: person.name,
        change: 'Deactivate their account: they are signed out and take no more conversations',
        reason,
        ...conversationsView(result),
        action: `/admin/staff/${person.id}/deactivate`,
        hidden: [],
        buttonText: 'Deactivate account',
        backHref: `/admin/staff/${person.id}`,
      })
    }
    return reply.view('pages/coach-changes/done.njk', {
      heading: 'Account deactivated',
      caption: person.name,
      ...conversationsView(result),
      nextHref: `/admin/staff/${person.id}`,
      nextText: `Back to ${person.name}`,
    })
  })
}

export default deactivatePages
