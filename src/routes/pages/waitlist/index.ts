import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  checkContactAnswer,
  checkDetailsAnswer,
  checkInformationAnswer,
  checkTimeZoneAnswer,
  fieldError,
  retentionPeriodText,
  type FieldError,
} from '../../../domain/booking-journey/index.js'
import { eligibilityProblem } from '../../../domain/booking/who-may-book.js'
import type { BookableProgramme } from '../../../domain/booking/types.js'
import { EMAIL_CODE_MINUTES, EmailNotProvenError, proveEmail, requestEmailCode } from '../../../domain/email-proof/index.js'
import { ValidationError } from '../../../domain/errors.js'
import { timeZoneLabel } from '../../../domain/time/index.js'
import { checkDatesAnswer, checkDaysAnswer, checkPartsOfDayAnswer, dateFields } from '../../../domain/waitlist/answers.js'
import { joinWaitlist } from '../../../domain/waitlist/join.js'
import { describeDays, describePartsOfDay, todayIn } from '../../../domain/waitlist/preferences.js'
import { describeDates } from '../../../emails/waitlist-emails.js'
import { findActiveProgramme, findProgrammeRecordSettings } from '../../../repositories/programmes.js'
import { bookingDeps, errorView, noStore, timeZoneChoicesView, visitorOf } from '../book/page-support.js'
import { firstUnanswered, newWaitlistJourney, redirectBeforeStep, waitlistCookie, type WaitlistJourney, type WaitlistStep } from './journey.js'
import { dayItems, partOfDayItems } from './view.js'
import waitlistManagePages from './manage.js'

/**
 * Joining a programme's waitlist, one question per page (NHS pattern):
 *
 *   /waitlist/:programme               → the first page (from "None of these times suit me")
 *   /waitlist/:programme/details       full name, email, phone
 *   /waitlist/:programme/contact       phone or video
 *   /waitlist/:programme/days          which days of the week suit
 *   /waitlist/:programme/times         which parts of the day suit
 *   /waitlist/:programme/dates         from and to (optional)
 *   /waitlist/:programme/information   what happens to their information, acknowledged
 *   /waitlist/:programme/check         check your answers, then join
 *   /waitlist/:programme/email-code    the code, on programmes that ask for proof of the address
 *   /waitlist/:programme/confirmation  on the waitlist
 *
 * Every form posts back to its own page, which redirects (303) to the next
 * unanswered one (the check page once all are), or shows the page again
 * with the NHS error summary (400). No JavaScript is needed. The answers
 * live in the sealed cookie of journey.ts. Someone who came from an
 * invitation's booking journey carries its invitation (/book/:programme/waitlist).
 */
const ProgrammeParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }) })
const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))
const listField = () => Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })]))
const Form = <Fields extends Record<string, ReturnType<typeof field> | ReturnType<typeof listField>>>(fields: Fields) => Type.Object({ _csrf: field(), ...fields })
const DATE_FIELDS = { 'from-day': field(), 'from-month': field(), 'from-year': field(), 'to-day': field(), 'to-month': field(), 'to-year': field() }

const waitlistPages: FastifyPluginAsyncTypebox = async (app) => {
  // Autoload loads only a folder's index: the manage pages (/waitlist/manage/:token...) are registered here.
  await app.register(waitlistManagePages)
  const deps = bookingDeps(app)
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const journey = waitlistCookie(app)
  const base = (programme: { slug: string }) => `/waitlist/${encodeURIComponent(programme.slug)}`
  const stepPath = (programme: { slug: string }, step: WaitlistStep | 'email-code' | 'confirmation') => `${base(programme)}/${step}`
  const BACK: Record<WaitlistStep, WaitlistStep | null> = { details: null, contact: 'details', days: 'contact', times: 'days', dates: 'times', information: 'dates', check: 'information' }

  /** The open programme of the path, or the page not found. */
  async function programmeOr404(request: { params: { programme: string } }, reply: FastifyReply): Promise<BookableProgramme | null> {
    const programme = await findActiveProgramme(app.pg.pool, request.params.programme)
    if (!programme || programme.slug !== request.params.programme) {
      reply.callNotFound()
      return null
    }
    noStore(reply)
    return programme
  }

  function journeyOf(request: FastifyRequest, programme: BookableProgramme): WaitlistJourney {
    const saved = journey.read(request)
    return saved && saved.programme === programme.slug && !saved.joinedToken ? saved : newWaitlistJourney(programme.slug, { timeZone: saved?.timeZone })
  }

  /** The page's programme and answers; null when the reply is on its way (not found, or an earlier page to answer). */
  async function openStep(request: FastifyRequest & { params: { programme: string } }, reply: FastifyReply, step: WaitlistStep) {
    const programme = await programmeOr404(request, reply)
    if (!programme) return null
    const state = journeyOf(request, programme)
    const before = redirectBeforeStep(state, step)
    if (before) {
      reply.redirect(stepPath(programme, before), 303)
      return null
    }
    return { programme, state }
  }

  function render(reply: FastifyReply, programme: BookableProgramme, step: WaitlistStep | 'email-code', errors: readonly FieldError[], data: object) {
    const back = step === 'email-code' ? 'check' : BACK[step]
    return reply.code(errors.length > 0 ? 400 : 200).view(`pages/waitlist/${step}.njk`, {
      caption: `Join the waitlist: ${programme.name}`,
      formAction: stepPath(programme, step),
      backLink: { href: back ? stepPath(programme, back) : `/book/${encodeURIComponent(programme.slug)}/day` },
      ...errorView(errors),
      ...data,
    })
  }

  function next(reply: FastifyReply, programme: BookableProgramme, state: WaitlistJourney) {
    journey.write(reply, state)
    return reply.redirect(stepPath(programme, firstUnanswered(state)), 303)
  }

  app.get('/:programme', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    return reply.redirect(stepPath(programme, firstUnanswered(journeyOf(request, programme))), 303)
  })

  // ---- details -------------------------------------------------------------------------------
  const detailsView = (state: WaitlistJourney, values?: Record<string, unknown>) => ({
    values: values ?? { name: state.name ?? state.prefill?.name, email: state.email ?? state.prefill?.email, phone: state.phone ?? state.prefill?.phone },
  })
  app.get('/:programme/details', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    return render(reply, page.programme, 'details', [], detailsView(page.state))
  })
  app.post('/:programme/details', { schema: { hide: true, params: ProgrammeParams, body: Form({ name: field(), email: field(), phone: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    const { programme, state } = page
    const answer = checkDetailsAnswer(request.body)
    if (!answer.ok) return render(reply, programme, 'details', answer.errors, detailsView(state, request.body))
    // Who may book, said where the address is given (an invitation always may).
    const problem = eligibilityProblem(programme.access, { email: answer.value.email, invited: state.invitation !== null })
    if (problem) return render(reply, programme, 'details', [fieldError('email', problem)], detailsView(state, request.body))
    return next(reply, programme, { ...state, ...answer.value, codeId: answer.value.email === state.email ? state.codeId : null })
  })

  // ---- contact -------------------------------------------------------------------------------
  app.get('/:programme/contact', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    return render(reply, page.programme, 'contact', [], { values: { contactMethod: page.state.contactMethod }, knownPhone: page.state.phone })
  })
  app.post('/:programme/contact', { schema: { hide: true, params: ProgrammeParams, body: Form({ contactMethod: field(), phone: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    const { programme, state } = page
    const answer = checkContactAnswer(request.body, state.phone ?? null)
    if (!answer.ok) return render(reply, programme, 'contact', answer.errors, { values: request.body, knownPhone: state.phone })
    return next(reply, programme, { ...state, contactMethod: answer.value.contactMethod, phone: answer.value.phone ?? state.phone ?? null })
  })

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

  // ---- information ---------------------------------------------------------------------------
  const informationView = async (programme: BookableProgramme, consent: boolean) => ({
    consent,
    retention: retentionPeriodText((await findProgrammeRecordSettings(app.pg.pool, programme.id))?.retentionMonths ?? 24),
  })
  app.get('/:programme/information', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    return render(reply, page.programme, 'information', [], await informationView(page.programme, page.state.consent === true))
  })
  app.post('/:programme/information', { schema: { hide: true, params: ProgrammeParams, body: Form({ consent: listField() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    const answer = checkInformationAnswer(request.body)
    if (!answer.ok) return render(reply, page.programme, 'information', answer.errors, await informationView(page.programme, false))
    return next(reply, page.programme, { ...page.state, consent: true })
  })

  // ---- check your answers, then join ----------------------------------------------------------
  function checkView(programme: BookableProgramme, state: WaitlistJourney) {
    return {
      answers: {
        name: state.name,
        email: state.email,
        phone: state.phone,
        contactMethod: state.contactMethod,
        days: describeDays(state.days ?? []),
        partsOfDay: describePartsOfDay(state.partsOfDay ?? []),
        dates: describeDates({ from: state.from ?? null, to: state.to ?? null }),
        timeZoneText: timeZoneLabel(state.timeZone),
      },
      paths: Object.fromEntries((['details', 'contact', 'days', 'times', 'dates', 'information'] as const).map((step) => [step, stepPath(programme, step)])),
      needsCode: needsCode(programme, state),
    }
  }
  const needsCode = (programme: BookableProgramme, state: WaitlistJourney) => programme.access.asksEmailCode && !state.invitation

  app.get('/:programme/check', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    return render(reply, page.programme, 'check', [], checkView(page.programme, page.state))
  })

  app.post('/:programme/check', { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme, state } = page
    if (needsCode(programme, state)) {
      const { codeId } = await requestEmailCode(deps, { programme, email: state.email!, invited: false, context: visitorOf(request) })
      journey.write(reply, { ...state, codeId })
      return reply.redirect(stepPath(programme, 'email-code'), 303)
    }
    return join(request, reply, programme, state, null)
  })

  async function join(request: FastifyRequest, reply: FastifyReply, programme: BookableProgramme, state: WaitlistJourney, emailCode: { codeId: string; code: string } | null) {
    try {
      const joined = await joinWaitlist(
        deps,
        {
          programme: programme.slug,
          candidate: { name: state.name!, email: state.email!, phone: state.phone },
          contactMethod: state.contactMethod!,
          preferences: { days: state.days!, partsOfDay: state.partsOfDay!, from: state.from, to: state.to, timeZone: state.timeZone },
          consent: state.consent === true,
          invitation: state.invitation,
          emailCode,
        },
        visitorOf(request),
      )
      journey.write(reply, { programme: programme.slug, invitation: null, timeZone: state.timeZone, joinedToken: joined.manageToken })
      return reply.redirect(stepPath(programme, 'confirmation'), 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      // Each page checks its own answers, so this is the invitation (or a programme changed meanwhile): said on the check page.
      return render(reply, programme, 'check', error.fields.map((problem) => fieldError('join', problem.message)), checkView(programme, state))
    }
  }

  // ---- the email code ------------------------------------------------------------------------
  app.get('/:programme/email-code', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    if (!page.state.codeId) return reply.redirect(stepPath(page.programme, 'check'), 303)
    return render(reply, page.programme, 'email-code', [], { email: page.state.email, minutes: EMAIL_CODE_MINUTES, checkPath: stepPath(page.programme, 'check') })
  })
  app.post('/:programme/email-code', { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({ code: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme, state } = page
    if (!state.codeId) return reply.redirect(stepPath(programme, 'check'), 303)
    const code = (request.body.code ?? '').replace(/\s/g, '')
    try {
      // Proven here, so the join that follows finds the proof (the try counts whatever happens next).
      await proveEmail(deps, { programmeId: programme.id, email: state.email!, codeId: state.codeId, code })
    } catch (error) {
      if (!(error instanceof EmailNotProvenError)) throw error
      return render(reply, programme, 'email-code', [fieldError('code', error.message)], { email: state.email, minutes: EMAIL_CODE_MINUTES, checkPath: stepPath(programme, 'check') })
    }
    return join(request, reply, programme, state, { codeId: state.codeId, code })
  })

  // ---- confirmation --------------------------------------------------------------------------
  app.get('/:programme/confirmation', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    const saved = journey.read(request)
    if (!saved?.joinedToken || saved.programme !== programme.slug) return reply.redirect(base(programme), 303)
    return reply.view('pages/waitlist/confirmation.njk', { caption: programme.name, manageHref: `/waitlist/manage/${saved.joinedToken}` })
  })
}

export default waitlistPages
