/**
 * The join journey's questions about when suits them:
 *   /waitlist/:programme/days          which days of the week suit
 *   /waitlist/:programme/times         which parts of the day suit
 *   /waitlist/:programme/time-zone     the zone those days and times are in (the booking journey's page)
 *   /waitlist/:programme/dates         from and to (optional)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { checkTimeZoneAnswer } from '../../../domain/booking-journey/index.js'
import type { BookableProgramme } from '../../../domain/booking/types.js'
import { timeZoneLabel } from '../../../domain/time/index.js'
import { checkDatesAnswer, checkDaysAnswer, checkPartsOfDayAnswer, dateFields } from '../../../domain/waitlist/answers.js'
import { todayIn } from '../../../domain/waitlist/preferences.js'
import { errorView, timeZoneChoicesView } from '../../../http/candidate-pages.js'
import type { WaitlistJourney } from '../../../http/waitlist-journey.js'
import { DATE_FIELDS, Form, ProgrammeParams, field, joinSteps, listField } from './join-step.js'
import { dayItems, partOfDayItems } from './view.js'

const preferencePages: FastifyPluginAsyncTypebox = async (app) => {
  const { journey, base, stepPath, openStep, render, next } = joinSteps(app)

  // ---- days and parts of the day -------------------------------------------------------------
  app.get('/:programme/days', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'days')
    if (!page) return reply
    return render(reply, page.programme, 'days', [], { items: dayItems(page.state.days ?? []) })
  })
  app.post('/:programme/days', { schema: { hide: true, params: ProgrammeParams, body: Form({ days: listField() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'days')
    if (!page) return reply
    const answer = checkDaysAnswer(request.body)
    if (!answer.ok) return render(reply, page.programme, 'days', answer.errors, { items: dayItems([]) })
    return next(reply, page.programme, { ...page.state, days: answer.value })
  })
  const timesView = (state: WaitlistJourney, chosen: string[]) => ({
    items: partOfDayItems(chosen),
    timeZoneText: timeZoneLabel(state.timeZone),
    changeTimeZoneHref: `/waitlist/${encodeURIComponent(state.programme)}/time-zone`,
  })
  app.get('/:programme/times', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'times')
    if (!page) return reply
    return render(reply, page.programme, 'times', [], timesView(page.state, page.state.partsOfDay ?? []))
  })
  app.post('/:programme/times', { schema: { hide: true, params: ProgrammeParams, body: Form({ partsOfDay: listField() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'times')
    if (!page) return reply
    const answer = checkPartsOfDayAnswer(request.body)
    if (!answer.ok) return render(reply, page.programme, 'times', answer.errors, timesView(page.state, []))
    return next(reply, page.programme, { ...page.state, partsOfDay: answer.value })
  })

  // ---- time zone (the booking journey's page, for the days and times of day) -----------------
  const zoneView = (programme: BookableProgramme, state: WaitlistJourney, typed?: { timeZone?: string; otherTimeZone?: string }) => ({
    ...timeZoneChoicesView(state.timeZone, typed),
    caption: `Join the waitlist: ${programme.name}`,
    formAction: `${base(programme)}/time-zone`,
    returnTo: 'times',
    backLink: { href: stepPath(programme, 'times') },
  })
  app.get('/:programme/time-zone', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'times')
    if (!page) return reply
    return reply.view('pages/book/time-zone.njk', { ...zoneView(page.programme, page.state), ...errorView([]) })
  })
  app.post('/:programme/time-zone', { schema: { hide: true, params: ProgrammeParams, body: Form({ timeZone: field(), otherTimeZone: field(), return: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'times')
    if (!page) return reply
    const answer = checkTimeZoneAnswer(request.body)
    if (!answer.ok) return reply.code(400).view('pages/book/time-zone.njk', { ...zoneView(page.programme, page.state, request.body), ...errorView(answer.errors) })
    journey.write(reply, { ...page.state, timeZone: answer.value })
    return reply.redirect(stepPath(page.programme, 'times'), 303)
  })

  // ---- dates ---------------------------------------------------------------------------------
  const datesView = (values: { from: { day: string; month: string; year: string }; to: { day: string; month: string; year: string } }) => ({ values })
  const typedDates = (body: Record<string, string | undefined>) => ({
    from: { day: body['from-day'] ?? '', month: body['from-month'] ?? '', year: body['from-year'] ?? '' },
    to: { day: body['to-day'] ?? '', month: body['to-month'] ?? '', year: body['to-year'] ?? '' },
  })
  app.get('/:programme/dates', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'dates')
    if (!page) return reply
    return render(reply, page.programme, 'dates', [], datesView({ from: dateFields(page.state.from ?? null), to: dateFields(page.state.to ?? null) }))
  })
  app.post('/:programme/dates', { schema: { hide: true, params: ProgrammeParams, body: Form(DATE_FIELDS) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'dates')
    if (!page) return reply
    const answer = checkDatesAnswer(request.body, todayIn(page.state.timeZone, app.clock.now()))
    if (!answer.ok) return render(reply, page.programme, 'dates', answer.errors, datesView(typedDates(request.body)))
    return next(reply, page.programme, { ...page.state, ...answer.value, datesAnswered: true })
  })
}

export default preferencePages
