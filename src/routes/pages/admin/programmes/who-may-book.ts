import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { ProgrammeAccess } from '../../../../domain/booking/types.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { ACCESS_MESSAGES, applyAccessChange, changeProgrammeAccess } from '../../../../domain/programmes/who-may-book-settings.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { findProgrammeAccess } from '../../../../repositories/programme-access.js'
import { findProgrammeRecord } from '../../../../repositories/programme-settings.js'

const Field = Type.Optional(Type.String({ maxLength: 20_000 }))
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const AccessForm = Type.Object({ _csrf: Field, whoMayBook: Field, emailDomains: Field, asksEmailCode: Field, liveBookingsPerEmail: Field })

interface AccessValues {
  whoMayBook: string
  emailDomains: string
  asksEmailCode: string
  liveBookingsPerEmail: string
}

const valuesOf = (access: ProgrammeAccess): AccessValues => ({
  whoMayBook: access.whoMayBook,
  emailDomains: access.emailDomains.join('\n'),
  asksEmailCode: access.asksEmailCode ? 'yes' : 'no',
  liveBookingsPerEmail: String(access.liveBookingsPerEmail),
})

const FORM_ORDER = ['whoMayBook', 'emailDomains', 'asksEmailCode', 'liveBookingsPerEmail']
const inFormOrder = (problems: readonly FieldProblem[]) =>
  [...problems].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field))

/** /admin/programmes/:id/who-may-book: who may book, proof of the address, live bookings per address. Access: ../autohooks.ts (admins). */
const whoMayBookPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  async function programmeOf(id: string) {
    const [record, settings] = await Promise.all([findProgrammeRecord(app.pg.pool, id), findProgrammeAccess(app.pg.pool, id)])
    if (!record || !settings) throw new NotFoundError('There is no such programme')
    return { id: record.id, name: record.name, access: settings.access }
  }

  function render(reply: FastifyReply, programme: { id: string; name: string }, values: AccessValues, problems: FieldProblem[] = []) {
    return reply.code(problems.length > 0 ? 400 : 200).view('pages/admin/programmes/who-may-book.njk', {
      programme,
      values,
      ...errorsView(problems, { whoMayBook: 'whoMayBook', asksEmailCode: 'asksEmailCode' }),
    })
  }

  app.get('/:id/who-may-book', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const programme = await programmeOf(request.params.id)
    return render(reply, programme, valuesOf(programme.access))
  })

  app.post('/:id/who-may-book', { schema: { hide: true, params: IdParams, body: AccessForm } }, async (request, reply) => {
    const programme = await programmeOf(request.params.id)
    const body = request.body
    const typed: AccessValues = {
      whoMayBook: body.whoMayBook ?? '',
      emailDomains: body.emailDomains ?? '',
      asksEmailCode: body.asksEmailCode ?? '',
      liveBookingsPerEmail: body.liveBookingsPerEmail ?? '',
    }
    const problems: FieldProblem[] = []
    if (typed.asksEmailCode !== 'yes' && typed.asksEmailCode !== 'no') problems.push({ field: 'asksEmailCode', message: ACCESS_MESSAGES.asksEmailCode })
    const count = /^\s*\d{1,3}\s*$/.test(typed.liveBookingsPerEmail) ? Number(typed.liveBookingsPerEmail) : Number.NaN
    const change = {
      whoMayBook: typed.whoMayBook,
      // Domains only matter (and are only checked) when they are who may book.
      emailDomains: typed.whoMayBook === 'domains' ? typed.emailDomains.split(/[\s,;]+/) : [],
      asksEmailCode: typed.asksEmailCode === 'yes',
      liveBookingsPerEmail: count,
    }
    // Every problem at once (the NHS error summary), in the order of the form.
    const checked = applyAccessChange(programme.access, change)
    if (!checked.ok) problems.push(...checked.errors)
    try {
      if (problems.length > 0) throw new ValidationError(problems)
      await changeProgrammeAccess(deps, programme.id, change, staffRequest(request))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return render(reply, programme, typed, inFormOrder(error.fields))
    }
    return reply.redirect(`/admin/programmes?changed=${programme.id}`, 303)
  })
}

export default whoMayBookPages
