import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import checkAndJoinPages from './check-and-join.js'
import informationPage from './information.js'
import { ProgrammeParams, joinSteps } from './join-step.js'
import { firstUnanswered } from '../../../http/waitlist-journey.js'
import waitlistManagePages from './manage.js'
import preferencePages from './preferences.js'
import yourDetailsPages from './your-details.js'

/**
 * Joining a programme's waitlist, one question per page (NHS pattern):
 *
 *   /waitlist/:programme               → the first page (from "None of these times suit me")
 *   /waitlist/:programme/details       full name, email, phone                 ./your-details.ts
 *   /waitlist/:programme/contact       phone or video
 *   /waitlist/:programme/days          which days of the week suit             ./preferences.ts
 *   /waitlist/:programme/times         which parts of the day suit
 *   /waitlist/:programme/dates         from and to (optional)
 *   /waitlist/:programme/information   what happens to their information, acknowledged   ./information.ts
 *   /waitlist/:programme/check         check your answers, then join           ./check-and-join.ts
 *   /waitlist/:programme/email-code    the code, on programmes that ask for proof of the address
 *   /waitlist/:programme/confirmation  on the waitlist
 *
 * Every form posts back to its own page, which redirects (303) to the next
 * unanswered one (the check page once all are), or shows the page again
 * with the NHS error summary (400). No JavaScript is needed. The answers
 * live in the sealed cookie of journey.ts; what the steps share is in
 * join-step.ts. Someone who came from an invitation's booking journey carries
 * its invitation (/book/:programme/waitlist).
 */
const waitlistPages: FastifyPluginAsyncTypebox = async (app) => {
  // Autoload loads only a folder's index: the manage pages (/waitlist/manage/:token...) and the join journey's steps are registered here.
  await app.register(waitlistManagePages)
  const { stepPath, programmeOr404, journeyOf } = joinSteps(app)

  app.get('/:programme', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    return reply.redirect(stepPath(programme, firstUnanswered(journeyOf(request, programme))), 303)
  })

  await app.register(yourDetailsPages)
  await app.register(preferencePages)
  await app.register(informationPage)
  await app.register(checkAndJoinPages)
}

export default waitlistPages
