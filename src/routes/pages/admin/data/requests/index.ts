import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { staffActor } from '../../../../../domain/audit/events.js'
import {
  collectSubjectRecords,
  countRecords,
  eraseSubject,
  exportSubjectData,
  holdsNothing,
  isEmailAddress,
  normaliseSubjectEmail,
  subjectAccessJson,
  subjectAccessView,
  type Requester,
} from '../../../../../domain/data-protection/index.js'
import type { FieldProblem } from '../../../../../domain/errors.js'
import { errorsView } from '../../../../../http/error-summary.js'

/**
 * /admin/data/requests: a person's request about their data, by email
 * address. A copy of everything held (a page, or a JSON file to download:
 * each audited as 'export.subject_access'), or erasure after a confirmation
 * page (audited as 'data.erasure'). Every step is a form post, so the address
 * never sits in a URL, a browser's history or a log. Access: ../../autohooks.ts
 * (admins only).
 */

const FIELD_MAX = 1000
const REQUESTS = ['page', 'json', 'erase'] as const
type RequestKind = (typeof REQUESTS)[number]

const RequestForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  request: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
})

const EraseForm = Type.Object({ email: Type.Optional(Type.String({ maxLength: FIELD_MAX })) })

const MESSAGES = {
  emailMissing: 'Enter their email address',
  emailInvalid: 'Enter an email address in the correct format, like name@example.com',
  requestMissing: 'Select what the person has asked for',
}

function checkEmail(raw: string | undefined): { email: string } | { problem: FieldProblem } {
  const email = normaliseSubjectEmail(raw ?? '')
  if (email === '') return { problem: { field: 'email', message: MESSAGES.emailMissing } }
  if (!isEmailAddress(email)) return { problem: { field: 'email', message: MESSAGES.emailInvalid } }
  return { email }
}

const dataRequests: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { ...app.deps, outboxDir: app.mailer.outboxDir }
  const requesterOf = (request: FastifyRequest): Requester => ({
    actor: staffActor(request.staff!.userId), // ../../autohooks.ts let only admins in
    ip: request.ip,
    requestId: request.id,
  })

  function showForm(reply: FastifyReply, values: { email?: string; request?: string }, problems: FieldProblem[] = [], erased = false) {
    return reply.code(problems.length > 0 ? 400 : 200).view('pages/admin/data/requests/index.njk', {
      values,
      erased,
      requestItems: [
        { value: 'page', text: 'A copy of their data, to read on screen' },
        { value: 'json', text: 'A copy of their data, as a file (JSON)' },
        { value: 'erase', text: 'To erase their data' },
      ].map((item) => ({ ...item, checked: item.value === values.request })),
      ...errorsView(problems, { request: 'request-1' }),
    })
  }

  function refuseStaff(reply: FastifyReply, email: string) {
    return reply.code(409).view('pages/admin/data/requests/staff-account.njk', { email })
  }

  app.get('/', { schema: { hide: true, querystring: Type.Object({ erased: Type.Optional(Type.String({ maxLength: 10 })) }) } }, async (request, reply) =>
    showForm(reply, {}, [], request.query.erased !== undefined),
  )

  app.post('/', { schema: { hide: true, body: RequestForm } }, async (request, reply) => {
    const values = request.body
    const problems: FieldProblem[] = []
    const checked = checkEmail(values.email)
    if ('problem' in checked) problems.push(checked.problem)
    const kind = REQUESTS.find((r) => r === values.request) as RequestKind | undefined
    if (!kind) problems.push({ field: 'request', message: MESSAGES.requestMissing })
    if (problems.length > 0 || !('email' in checked) || !kind) return showForm(reply, values, problems)
    const { email } = checked
    const now = app.clock.now()

    if (kind === 'erase') {
      const records = await collectSubjectRecords(deps, app.pg.pool, email)
      if (records.isStaff) return refuseStaff(reply, email)
      return reply.view('pages/admin/data/requests/erase.njk', { email, counts: countRecords(records), nothing: holdsNothing(records) })
    }

    const records = await exportSubjectData(deps, email, kind === 'json' ? 'json' : 'html', requesterOf(request))
    if (kind === 'json') {
      const stamp = now.toISOString().slice(0, 10)
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="subject-access-${stamp}.json"`)
        .send(JSON.stringify(subjectAccessJson(records, now), null, 2))
    }
    return reply.view('pages/admin/data/requests/export.njk', subjectAccessView(records, now))
  })

  app.post('/erase', { schema: { hide: true, body: EraseForm } }, async (request, reply) => {
    const checked = checkEmail(request.body.email)
    if ('problem' in checked) return showForm(reply, { email: request.body.email, request: 'erase' }, [checked.problem])
    const result = await eraseSubject(deps, checked.email, requesterOf(request))
    if (!result.erased) return refuseStaff(reply, checked.email)
    return reply.redirect('/admin/data/requests?erased=1', 303)
  })
}

export default dataRequests
