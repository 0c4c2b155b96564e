import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { changeCoach } from '../../../../domain/coach-changes/index.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import {
  changeCoachProgrammes,
  changeRole,
  createStaffAccount,
  resetTwoFactor,
  setAccountActive,
} from '../../../../domain/staff/manage-accounts.js'
import { NEW_ACCOUNT_LINK_MS } from '../../../../domain/staff/password-links.js'
import { formatDate, formatDuration } from '../../../../domain/time/index.js'
import { findCoachOpenProgrammeIds, findStaffListEntry, listProgrammesForStaff, listStaff, type StaffListEntry } from '../../../../repositories/staff.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'

/**
 * /admin/staff: the programme team looks after staff accounts (access:
 * ../autohooks.ts, admins only). List everyone; add a coach or admin (who is
 * emailed a link to choose their password); on one person's page change the programmes they coach on,
 * their role, deactivate or reactivate the account, or reset their
 * two-factor sign-in. The rules are in src/domain/staff/manage-accounts.ts.
 */

const FIELD_MAX = 1000
const NewStaffForm = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
    email: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
    role: Type.Optional(Type.String({ maxLength: 20 })),
    programmes: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })])),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)
const RoleForm = Type.Object(
  { role: Type.Optional(Type.String({ maxLength: 20 })), _csrf: Type.Optional(Type.String()) },
  { additionalProperties: false },
)
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
const EmptyForm = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false })
/** Deactivating: a coach's account first says why, then shows the plan for their conversations (confirm: "yes" to go ahead). */
const DeactivateForm = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    confirm: Type.Optional(Type.Literal('yes')),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const CHANGES = ['role', 'deactivated', 'reactivated', 'two-factor', 'programmes'] as const
type Change = (typeof CHANGES)[number]

const ROLE_TEXT = { coach: 'Coach', admin: 'Admin' } as const

function personView(person: StaffListEntry) {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    role: person.role,
    roleText: ROLE_TEXT[person.role],
    active: person.active,
    twoFactor: person.twoFactor,
    isCoach: person.coachId !== null,
    programmes: person.programmes,
    programmesText: person.programmes.length > 0 ? person.programmes.join(', ') : person.coachId ? 'None' : 'Not a coach',
    addedOn: formatDate(person.createdAt),
  }
}

const adminStaff: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps
  const coachChangeDeps = { ...services, availability: app.availability }

  app.get(
    '/',
    { schema: { hide: true, querystring: Type.Object({ added: Type.Optional(Type.String({ format: 'uuid' })) }) } },
    async (request, reply) => {
      const staff = await listStaff(app.pg.pool)
      const added = request.query.added ? staff.find((person) => person.id === request.query.added) : undefined
      return reply.view('pages/staff/admin-staff-list.njk', {
        staff: staff.map(personView),
        added: added ? { name: added.name, linkWorksFor: formatDuration(NEW_ACCOUNT_LINK_MS / 60_000) } : null,
        me: request.staff!.userId,
      })
    },
  )

  async function renderNew(reply: FastifyReply, statusCode: number, values: { name?: string; email?: string; role?: string; programmes: string[] }, problems: FieldProblem[] = []) {
    const programmes = await listProgrammesForStaff(app.pg.pool)
    return reply.code(statusCode).view('pages/staff/admin-staff-new.njk', {
      values,
      roleItems: [
        { value: 'coach', text: 'Coach', hint: { text: 'Keeps their availability, holds career conversations and writes the notes' }, checked: values.role === 'coach' },
        { value: 'admin', text: 'Admin (programme team)', hint: { text: 'Invites candidates, looks after coaches and staff accounts, sees every record. Must use two-factor sign-in' }, checked: values.role === 'admin' },
      ],
      programmeItems: programmes.map((programme) => ({
        value: programme.id,
        text: programme.name,
        hint: programme.requireCoachTwoFactor ? { text: 'Coaches on this programme must use two-factor sign-in' } : undefined,
        checked: values.programmes.includes(programme.id),
      })),
      ...errorsView(problems, { role: 'role', programmes: 'programmes' }),
    })
  }

  app.get('/new', { schema: { hide: true } }, async (_request, reply) => renderNew(reply, 200, { programmes: [] }))

  app.post('/new', { schema: { hide: true, body: NewStaffForm } }, async (request, reply) => {
    const body = request.body
    const values = {
      name: (body.name ?? '').trim(),
      email: (body.email ?? '').trim(),
      role: body.role ?? '',
      programmes: [body.programmes ?? []].flat(),
    }
    try {
      const id = await createStaffAccount(
        services,
        { name: values.name, email: values.email, role: values.role, programmeIds: values.role === 'coach' ? values.programmes : [] },
        staffRequest(request),
      )
      return reply.redirect(`/admin/staff?added=${id}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) return renderNew(reply, 400, values, error.fields)
      throw error
    }
  })

  app.get(
    '/:id',
    {
      schema: {
        hide: true,
        params: IdParams,
        querystring: Type.Object({ changed: Type.Optional(Type.Union(CHANGES.map((change) => Type.Literal(change)))) }),
      },
    },
    async (request, reply) => {
      const person = await findStaffListEntry(app.pg.pool, request.params.id)
      if (!person) throw new NotFoundError('There is no staff account with that id')
      const changed = request.query.changed as Change | undefined
      const onProgrammes = person.coachId ? new Set(await findCoachOpenProgrammeIds(app.pg.pool, person.coachId)) : null
      const programmeItems = onProgrammes
        ? (await listProgrammesForStaff(app.pg.pool)).map((programme) => ({
            value: programme.id,
            text: programme.name,
            hint: programme.requireCoachTwoFactor ? { text: 'Coaches on this programme must use two-factor sign-in' } : undefined,
            checked: onProgrammes.has(programme.id),
          }))
        : null
      return reply.view('pages/staff/admin-staff-person.njk', {
        programmeItems,
        person: personView(person),
        isMe: person.id === request.staff!.userId,
        changed: changed ?? null,
        roleItems: [
          { value: 'coach', text: 'Coach', checked: person.role === 'coach' },
          { value: 'admin', text: 'Admin (programme team)', checked: person.role === 'admin' },
        ],
      })
    },
  )

  const done = (reply: FastifyReply, id: string, change: Change) => reply.redirect(`/admin/staff/${id}?changed=${change}`, 303)

  app.post('/:id/role', { schema: { hide: true, params: IdParams, body: RoleForm } }, async (request, reply) => {
    await changeRole(services, request.params.id, request.body.role ?? '', staffRequest(request))
    return done(reply, request.params.id, 'role')
  })

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

  /** A coach's account: why, then the plan for their booked conversations, then done (src/domain/coach-changes). */
  async function coachToDeactivate(id: string) {
    const person = await findStaffListEntry(app.pg.pool, id)
    if (!person) throw new NotFoundError('There is no staff account with that id')
    return person
  }

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

  app.post('/:id/reactivate', { schema: { hide: true, params: IdParams, body: EmptyForm } }, async (request, reply) => {
    await setAccountActive(services, request.params.id, true, staffRequest(request))
    return done(reply, request.params.id, 'reactivated')
  })

  app.post('/:id/two-factor/reset', { schema: { hide: true, params: IdParams, body: EmptyForm } }, async (request, reply) => {
    await resetTwoFactor(services, request.params.id, staffRequest(request))
    return done(reply, request.params.id, 'two-factor')
  })
}

export default adminStaff
