import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listActiveProgrammes } from '../../../repositories/programmes.js'
import { notBookableProgrammes } from '../../../repositories/programme-bookability.js'
import { checkAnswersPages } from './check-answers.js'
import { chooseDayPages } from './choose-day.js'
import { chooseTimePages } from './choose-time.js'
import { confirmationPages } from './confirmation.js'
import { emailCodePages } from './email-code.js'
import { howToTalkPages } from './how-to-talk.js'
import { journeySteps, ProgrammeParams } from './journey-steps.js'
import { keepTimePages } from './keep-time.js'
import { timeZonePages } from './time-zone.js'
import { yourDetailsPages } from './your-details.js'
import { yourInformationPages } from './your-information.js'

/**
 * The candidate's booking journey, one question per page:
 *
 *   /book                          the programmes open for booking (straight on when there is one)
 *   /book/:programme               → the first page
 *   /book/:programme/day           choose a day (a week at a time)              choose-day.ts
 *   /book/:programme/time          choose a time: holds it for 10 minutes      choose-time.ts
 *   /book/:programme/time-zone     the zone times are shown in                  time-zone.ts
 *   /book/:programme/details       full name, email, phone                      your-details.ts
 *   /book/:programme/email-code    the code that proves their email address     email-code.ts
 *   /book/:programme/contact       phone or video, accessibility needs          how-to-talk.ts
 *   /book/:programme/information   what happens to their information, acknowledged   your-information.ts
 *   /book/:programme/check         check your answers, then book                check-answers.ts
 *   /book/:programme/keep-time     keeps the chosen time for longer (the page's warning)   keep-time.ts
 *   /book/:programme/confirmation  booking complete                             confirmation.ts
 *
 * Every form posts back to its own page, which redirects (303) to the next
 * one, or shows the page again with the NHS error summary (status 400; 409
 * when the time chosen has just been taken). No JavaScript is needed.
 *
 * The answers are kept in the browser, in one sealed cookie (`cc_booking`:
 * AES-256-GCM, so neither readable nor changeable; HttpOnly, SameSite=Lax,
 * Secure in production, Path=/book; it lapses an hour after the last answer).
 * No table holds half-finished bookings, and nothing is left behind when
 * someone walks away. The slot hold's key lives only there too.
 */
const bookPages: FastifyPluginAsyncTypebox = async (app) => {
  // Built once: the cookie, the limit and the step paths every page of the journey shares (journey-steps.ts).
  const steps = journeySteps(app)
  const { base, programmeOr404, render, goTo } = steps

  // ---- /book: which programme ----------------------------------------------------------

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const open = await listActiveProgrammes(app.pg.pool)
    // Not bookable (no active coach, or no working hours in the window): not offered.
    const notBookable = await notBookableProgrammes(app.pg.pool, open.map((programme) => programme.id), app.clock.now())
    const programmes = open.filter((programme) => !notBookable.has(programme.id))
    if (programmes.length === 1) return reply.redirect(base(programmes[0]!), 302)
    return render(reply, 'programmes', 200, {
      programmes: programmes.map((programme) => ({ name: programme.name, href: base(programme) })),
      backLink: { href: '/' },
    })
  })

  app.get('/:programme', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    return goTo(reply, programme, 'day')
  })

  // Autoload loads only this file of the folder: each step's pages are registered from here, in the journey's order.
  await app.register(chooseDayPages, { steps })
  await app.register(chooseTimePages, { steps })
  await app.register(timeZonePages, { steps })
  await app.register(yourDetailsPages, { steps })
  await app.register(emailCodePages, { steps })
  await app.register(howToTalkPages, { steps })
  await app.register(yourInformationPages, { steps })
  await app.register(checkAnswersPages, { steps })
  await app.register(keepTimePages, { steps })
  await app.register(confirmationPages, { steps })
}

export default bookPages
