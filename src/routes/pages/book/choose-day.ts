import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { checkDayAnswer, dateInZone, nextStep, withDay, type AvailableDay, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import { newWaitlistJourney, waitlistCookie } from '../../../http/waitlist-journey.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { dayPageView, errorView, loadAvailableDays } from '../../../http/candidate-pages.js'

/**
 * Choose a day (a week at a time): /book/:programme/day; and, for "None of
 * these times suit me", the way into the waitlist.
 */
export const chooseDayPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, journey, base, choosingPaths, journeyOf, programmeOr404, openStep, render, goTo, common } = steps
  const waitlist = waitlistCookie(app)

  /** `days`: the days on offer, when the caller has them already. */
  async function renderDay(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, week: string | null, errors: FieldError[], days?: AvailableDay[]) {
    days ??= await loadAvailableDays(deps, programme, state.timeZone, state.holdKey)
    return render(reply, 'day', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      ...dayPageView(days, state, week, choosingPaths(programme)),
      // "None of these times suit me": the waitlist, carrying the invitation and time zone.
      waitlistHref: `${base(programme)}/waitlist`,
      backLink: { href: '/' },
    })
  }

  /** Into the waitlist's own journey (Path=/waitlist), with this journey's invitation and time zone. */
  app.get('/:programme/waitlist', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    const state = journeyOf(request, programme)
    waitlist.write(reply, newWaitlistJourney(programme.slug, { invitation: state.invitation, timeZone: state.timeZone, prefill: { name: state.name, email: state.email, phone: state.phone } }))
    return reply.redirect(`/waitlist/${encodeURIComponent(programme.slug)}`, 303)
  })

  app.get(
    '/:programme/day',
    { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ week: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      return renderDay(reply, page.programme, page.state, request.query.week ?? null, [])
    },
  )

  app.post(
    '/:programme/day',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ day: field(), week: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme, state } = page
      const days = await loadAvailableDays(deps, programme, state.timeZone, state.holdKey)
      const answer = checkDayAnswer(request.body, days.map((day) => day.date))
      if (!answer.ok) return renderDay(reply, programme, state, request.body.week ?? null, answer.errors, days)
      const next = withDay(state, answer.value, state.start ? dateInZone(state.start, state.timeZone) : null)
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'day'))
    },
  )
}
