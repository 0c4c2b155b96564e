import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import {
  changeCoachProgrammes,
  changeRole,
  createStaffAccount,
  resetTwoFactor,
  setAccountActive,
} from '../../../../domain/staff/manage-accounts.js'
import { NEW_ACCOUNT_LINK_MS } from '../../../../domain/staff/password-links.js'
import { formatDate } from '../../../../domain/time/index.js'
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
  },
  { additionalProperties: false },
)
const EmptyForm = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false })
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
    programmes: person.programmes,
    programmesText: person.programmes.length > 0 ? person.programmes.join(', ') : person.coachId ? 'None' : 'Not a coach',
    addedOn: formatDate(person.createdAt),
  }
}

const adminStaff: FastifyPluginAsyncTypebox = async (app) => {
  const services = { pool: app.pg.pool, clock: app.clock, audit: app.audit, jobs: app.jobs }

  app.get(
    '/',
    { schema: { hide: true, querystring: Type.Object({ added: Type.Optional(Type.String({ format: 'uuid' })) }) } },
    async (request, reply) => {
      const staff = await listStaff(app.pg.pool)
      const added = request.query.added ? staff.find((person) => person.id === request.query.added) : undefined
      return reply.view('pages/staff/admin-staff-list.njk', {
        staff: staff.map(personView),
        added: added ? { name: added.name, hours: NEW_ACCOUNT_LINK_MS / 3_600_000 } : null,
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

  app.post('/:id/programmes', { schema: { hide: true, params: IdParams, body: ProgrammesForm } }, async (request, reply) => {
    await changeCoachProgrammes(services, request.params.id, [request.body.programmes ?? []].flat(), staffRequest(request))
    return done(reply, request.params.id, 'programmes')
  })

  app.post('/:id/deactivate', { schema: { hide: true, params: IdParams, body: EmptyForm } }, async (request, reply) => {
    await setAccountActive(services, request.params.id, false, staffRequest(request))
    return done(reply, request.params.id, 'deactivated')
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
