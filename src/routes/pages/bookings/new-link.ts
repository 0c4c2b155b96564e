import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { emailProblem, requestNewManageLink } from '../../../domain/candidate-space/index.js'
import { errorView, noStore } from '../../../http/candidate-pages.js'

/**
 * "Get a new link", offered on the "This link does not work" page:
 *
 *   GET  /bookings/new-link        enter your email address
 *   POST /bookings/new-link        a new manage link is emailed if, and only if, a live or recent
 *                                  booking exists for it (src/domain/candidate-space/new-link.ts)
 *   GET  /bookings/new-link/sent   the same answer either way
 */
const newLinkPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = {
    ...app.deps,
    maxPerEmail: app.config.LIMIT_NEW_LINKS_PER_EMAIL_PER_HOUR,
    maxPerAddress: app.config.LIMIT_NEW_LINKS_PER_ADDRESS_PER_HOUR,
  }

  function renderForm(reply: FastifyReply, email: string, problem: string | null) {
    noStore(reply)
    const errors = problem ? [{ field: 'email', text: problem, href: '#email' }] : []
    return reply.code(problem ? 400 : 200).view('pages/manage/new-link.njk', { ...errorView(errors), email, backLink: null })
  }

  app.get('/new-link', { schema: { hide: true } }, async (_request, reply) => renderForm(reply, '', null))

  app.post(
    '/new-link',
    {
      schema: { hide: true, body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), email: Type.Optional(Type.String({ maxLength: 1000 })) }) },
      onRequest: app.limits.perAddress(app.limits.rules.anonymousWrites),
    },
    async (request, reply) => {
      const email = request.body.email ?? ''
      const problem = emailProblem(email)
      if (problem) return renderForm(reply, email, problem)
      const outcome = await requestNewManageLink(deps, { email: email.trim(), ip: request.ip })
      request.log.info({ outcome }, 'new manage link requested')
      if (outcome === 'throttled-first') {
        // The answer stays the same (it must not say whether the address has a booking); the refusal is recorded.
        request.log.warn({ limit: 'new-links', ip: request.ip }, 'limit reached')
        await app.audit.recordRequest(request, { action: 'limit.reached', result: 'denied', details: { limit: 'new-links' } })
      }
      return reply.redirect('/bookings/new-link/sent', 303)
    },
  )

  app.get('/new-link/sent', { schema: { hide: true } }, async (_request, reply) => {
    noStore(reply)
    return reply.view('pages/manage/new-link-sent.njk')
  })
}

export default newLinkPages
