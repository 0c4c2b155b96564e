import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { newJourney } from '../../../domain/booking-journey/index.js'
import { openInvitationLink } from '../../../domain/booking/service/index.js'
import { bookingDeps, journeyCookie, noStore } from '../../../http/candidate-pages.js'

/**
 * /invitations/:token, the personal booking link in an invitation email:
 * starts the booking journey for the invitation's programme, with the name,
 * email and phone the programme team gave filled in, and the invitation
 * recorded with the booking. A link that cannot be used (unknown,
 * withdrawn, expired, already used to book) gets "This link does not work";
 * one to a programme closed since gets the closed page.
 */
const invitationPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = bookingDeps(app)
  const journey = journeyCookie(app)

  app.get(
    '/:token',
    { schema: { hide: true, params: Type.Object({ token: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      noStore(reply)
      const link = await openInvitationLink(deps, request.params.token)
      if (!link.usable) {
        if (link.problem === 'closed') return reply.code(404).view('pages/book/closed.njk', { programmeName: link.programmeName })
        return reply.code(404).view('pages/book/invitation-problem.njk', { problem: link.problem })
      }
      const saved = journey.read(request)
      journey.write(
        reply,
        newJourney({
          id: randomUUID(),
          programme: link.programme.slug,
          timeZone: saved?.timeZone,
          invitation: request.params.token,
          prefill: link.invitee,
        }),
      )
      return reply.redirect(`/book/${encodeURIComponent(link.programme.slug)}/day`, 303)
    },
  )
}

export default invitationPages
