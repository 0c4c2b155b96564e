/**
 * /admin/staff/new: add a coach or admin, who is emailed a link to choose
 * their password.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { createStaffAccount } from '../../../../domain/staff/manage-accounts.js'
import { listProgrammesForStaff } from '../../../../repositories/staff.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'

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

const newAccountPage: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps

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
}

export default newAccountPage
