/**
 * /admin/staff/:id: one person's account, and the changes that take effect at
 * once: their role, reactivating the account, resetting two-factor sign-in.
 * Their programmes are ./programmes.ts; deactivating is ./deactivate.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../../../domain/errors.js'
import { changeRole, resetTwoFactor, setAccountActive } from '../../../../domain/staff/manage-accounts.js'
import { findCoachOpenProgrammeIds, findStaffListEntry, listProgrammesForStaff } from '../../../../repositories/staff.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { CHANGES, EmptyForm, IdParams, done, personView, type Change } from './staff-account.js'

const RoleForm = Type.Object(
  { role: Type.Optional(Type.String({ maxLength: 20 })), _csrf: Type.Optional(Type.String()) },
  { additionalProperties: false },
)

const personPages: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps

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

  app.post('/:id/role', { schema: { hide: true, params: IdParams, body: RoleForm } }, async (request, reply) => {
    await changeRole(services, request.params.id, request.body.role ?? '', staffRequest(request))
    return done(reply, request.params.id, 'role')
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

export default personPages
