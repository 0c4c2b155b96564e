import { notBookableProgrammes } from '../../../repositories/programme-bookability.js'
import { newWaitlistJourney, waitlistCookie } from '../waitlist/journey.js'
import { findProgrammeForBookingPages, listActiveProgrammes, type ProgrammeForBookingPages } from '../../../repositories/programmes.js'
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  JOURNEY_MESSAGES,
  SealedStateTooLargeError,
  checkContactAnswer,
  checkDayAnswer,
  checkDetailsAnswer,
  checkInformationAnswer,
  checkTimeAnswer,
  checkTimeZoneAnswer,
  dateInZone,
  fieldError,
  isReadyToBook,
  newJourney,
  nextStep,
  redirectBefore,
  retentionPeriodText,
  withDay,
  type FieldError,
  type JourneyState,
  type AvailableDay,
  type JourneyStep,
  type TimeChoice,
} from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { HOLD_MINUTES } from '../../../domain/booking/holds.js'
import { ACCESSIBILITY_NEEDS_MAX_LENGTH, CONSENT_NOTICE_VERSION } from '../../../domain/booking/rules.js'
import { createBooking, holdSlot, keepHold } from '../../../domain/booking/service/index.js'
import { hashToken } from '../../../domain/booking/tokens.js'
import { releaseHold } from '../../../repositories/slot-holds.js'
import { requireProgramme } from '../../../domain/booking/service/programme.js'
import type { WhoMayBook } from '../../../domain/booking/types.js'
import { AlreadyBookedError, INVITED_ONLY_MESSAGE, NotEligibleError, eligibilityProblem } from '../../../domain/booking/who-may-book.js'
import { EMAIL_CODE_MINUTES, EmailNotProvenError, proveEmail, requestEmailCode } from '../../../domain/email-proof/index.js'
import { TooManyRequestsError } from '../../../domain/limits/index.js'
import { ValidationError } from '../../../domain/errors.js'
import { formatDateTimeRange, formatTime, timeZoneLabel } from '../../../domain/time/index.js'
import {
  bookingDeps,
  visitorOf,
  dayPageView,
  errorView,
  holdView,
  loadAvailableDays,
  loadTimes,
  noStore,
  journeyCookie,
  returnStep,
  timePageView,
  timeZoneChoicesView,
  timeZoneView,
  type ChoosingPaths,
  type ReturnStep,
} from './page-support.js'

/**
 * The candidate's booking journey, one question per page:
 *
 *   /book                          the programmes open for booking (straight on when there is one)
 *   /book/:programme               → the first page
 *   /book/:programme/day           choose a day (a week at a time)
 *   /book/:programme/time          choose a time: holds it for 10 minutes
 *   /book/:programme/time-zone     the zone times are shown in
 *   /book/:programme/details       full name, email, phone
 *   /book/:programme/contact       phone or video, accessibility needs
 *   /book/:programme/information   what happens to their information, acknowledged
 *   /book/:programme/check         check your answers, then book
 *   /book/:programme/keep-time     keeps the chosen time for longer (the page's warning)
 *   /book/:programme/confirmation  booking complete
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

const ProgrammeParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }) })
/** Form fields are checked by the journey's own rules (with NHS messages), so the schema only bounds them. */
const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))
const Form = <Fields extends Record<string, ReturnType<typeof field>>>(fields: Fields) => Type.Object({ _csrf: field(), ...fields })

type ProgrammePage = Omit<ProgrammeForBookingPages, 'active'>

const bookPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = bookingDeps(app)
  // Holding, booking, changing and sending email: counted per client address (a flood guard).
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const journey = journeyCookie(app)
  const waitlist = waitlistCookie(app)

  /** The programme at this web address, open or closed. */
  const findProgramme = (slug: string) => findProgrammeForBookingPages(app.pg.pool, slug)

  const base = (programme: { slug: string }) => `/book/${encodeURIComponent(programme.slug)}`
  const stepPath = (programme: { slug: string }, step: JourneyStep) => `${base(programme)}/${step}`
  const choosingPaths = (programme: { slug: string }): ChoosingPaths => ({
    day: stepPath(programme, 'day'),
    time: stepPath(programme, 'time'),
    timeZone: `${base(programme)}/time-zone`,
  })

  /** The journey for this programme: the one in the cookie, or a new one (keeping the zone chosen before). */
  function journeyOf(request: FastifyRequest, programme: ProgrammePage): JourneyState {
    const saved = journey.read(request)
    const state = saved && saved.programme === programme.slug && !saved.booked ? saved : newJourney({ id: randomUUID(), programme: programme.slug, timeZone: saved?.timeZone })
    // The programme's setting as it is now: a change of it mid-journey takes effect at the next page.
    return { ...state, emailCodeNeeded: programme.asksEmailCode && !state.invitation }
  }

  /** The programme of the path; else the page saying it is closed, or the page not found. */
  async function programmeOr404(request: { params: { programme: string } }, reply: FastifyReply): Promise<ProgrammePage | null> {
    const programme = await findProgramme(request.params.programme)
    if (!programme?.active) {
      if (programme) await reply.code(404).view('pages/book/closed.njk', { programmeName: programme.name })
      else reply.callNotFound()
      return null
    }
    // Open, but with no active coach or no working hours in its window (DECISIONS "Not bookable"): said as closed, not as "every time is taken".
    if ((await notBookableProgrammes(app.pg.pool, [programme.id], app.clock.now())).has(programme.id)) {
      await reply.code(404).view('pages/book/closed.njk', { programmeName: programme.name })
      return null
    }
    noStore(reply)
    return programme
  }

  /**
   * A journey page's programme and answers so far; null when the reply is on
   * its way already: the page not found, or (given the page's `step`) the
   * first earlier page still to answer.
   */
  async function openStep(request: FastifyRequest & { params: { programme: string } }, reply: FastifyReply, step?: JourneyStep) {
    const programme = await programmeOr404(request, reply)
    if (!programme) return null
    let state = journeyOf(request, programme)
    if (programme.whoMayBook === 'invited' && !state.invitation) throw new NotEligibleError(INVITED_ONLY_MESSAGE)
    if (request.method === 'POST' && state.holdKey) {
      // Still in the journey: the chosen time is kept for longer (up to HOLD_MAX_MINUTES in all).
      const keptUntil = await keepHold(deps, state.holdKey)
      if (keptUntil) state = { ...state, holdExpiresAt: keptUntil.toISOString() }
    }
    const before = step ? redirectBefore(state, step) : null
    if (before) {
      goTo(reply, programme, before)
      return null
    }
    return { programme, state }
  }

  function render(reply: FastifyReply, template: string, statusCode: number, data: object) {
    return reply.code(statusCode).view(`pages/book/${template}.njk`, data)
  }

  function goTo(reply: FastifyReply, programme: ProgrammePage, step: JourneyStep) {
    return reply.redirect(stepPath(programme, step), 303)
  }

  const common = (programme: ProgrammePage, state: JourneyState) => ({
    caption: programme.name,
    programme,
    ...timeZoneView(state.timeZone),
    // How long the chosen time is kept, on every page of the journey (templates/pages/book/_hold.njk).
    hold: holdView(state.start, state.holdExpiresAt, state.timeZone, app.clock.now(), `${base(programme)}/keep-time`),
  })

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

  // ---- choose a day ------------------------------------------------------------------------

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

  // ---- choose a time (and hold it) ---------------------------------------------------------

  /** `times`: the free times on the chosen day, when the caller has them already. */
  async function renderTime(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], statusCode?: number, times?: TimeChoice[]) {
    times ??= await loadTimes(deps, programme.slug, state.day!, state.timeZone, state.holdKey)
    return render(reply, 'time', statusCode ?? (errors.length > 0 ? 400 : 200), {
      ...common(programme, state),
      ...errorView(errors),
      ...timePageView(times, state, programme.durationMinutes, choosingPaths(programme)),
      waitlistHref: `${base(programme)}/waitlist`,
      backLink: { href: stepPath(programme, 'day') },
    })
  }

  app.get('/:programme/time', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'time')
    if (!page) return reply
    const { programme } = page
    let state = page.state
    const errors: FieldError[] = []
    if (state.notice === 'slot-taken') {
      errors.push(fieldError('start', JOURNEY_MESSAGES.slotTaken))
      state = { ...state, notice: null }
      journey.write(reply, state)
    }
    // A GET shows the message it was sent back with, but is not itself a failed request.
    return renderTime(reply, programme, state, errors, 200)
  })

  app.post(
    '/:programme/time',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({ start: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'time')
      if (!page) return reply
      const { programme, state } = page
      const times = await loadTimes(deps, programme.slug, state.day!, state.timeZone, state.holdKey)
      const answer = checkTimeAnswer(request.body, times.map((time) => time.value))
      if (!answer.ok) return renderTime(reply, programme, state, answer.errors, undefined, times)
      try {
        // Holding another time with the same key releases the one held before.
        const hold = await holdSlot(deps, { programme: programme.slug, start: answer.value, holdKey: state.holdKey, invitation: state.invitation }, visitorOf(request))
        const next: JourneyState = {
          ...state,
          start: hold.start.toISOString(),
          holdKey: hold.holdKey,
          holdExpiresAt: hold.expiresAt.toISOString(),
        }
        journey.write(reply, next)
        return goTo(reply, programme, nextStep(next, 'time'))
      } catch (error) {
        if (!(error instanceof SlotUnavailableError)) throw error
        return renderTime(reply, programme, state, [fieldError('start', JOURNEY_MESSAGES.slotTaken)], 409)
      }
    },
  )

  // ---- time zone ---------------------------------------------------------------------------

  function renderTimeZone(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, returnTo: ReturnStep, errors: FieldError[], typed?: { timeZone?: string; otherTimeZone?: string }) {
    return render(reply, 'time-zone', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      ...timeZoneChoicesView(state.timeZone, typed),
      formAction: `${base(programme)}/time-zone`,
      returnTo,
      backLink: { href: stepPath(programme, returnTo) },
    })
  }

  app.get(
    '/:programme/time-zone',
    { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      return renderTimeZone(reply, page.programme, page.state, returnStep(request.query.return), [])
    },
  )

  app.post(
    '/:programme/time-zone',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ timeZone: field(), otherTimeZone: field(), return: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme, state } = page
      const returnTo = returnStep(request.body.return)
      const answer = checkTimeZoneAnswer(request.body)
      if (!answer.ok) return renderTimeZone(reply, programme, state, returnTo, answer.errors, request.body)
      // A chosen time stays (a moment, whatever the zone), and its day is read on the new clock.
      const next: JourneyState = {
        ...state,
        timeZone: answer.value,
        day: state.start ? dateInZone(state.start, answer.value) : state.day,
      }
      journey.write(reply, next)
      return goTo(reply, programme, redirectBefore(next, returnTo) ?? returnTo)
    },
  )

  // ---- your details ------------------------------------------------------------------------

  function renderDetails(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], values?: Record<string, string | undefined>) {
    return render(reply, 'details', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'details'),
      values: values ?? { name: state.name ?? '', email: state.email ?? '', phone: state.phone ?? '' },
      backLink: { href: stepPath(programme, 'time') },
    })
  }

  app.get('/:programme/details', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    const { programme, state } = page
    return renderDetails(reply, programme, state, [])
  })

  app.post(
    '/:programme/details',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ name: field(), email: field(), phone: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'details')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkDetailsAnswer(request.body)
      if (!answer.ok) return renderDetails(reply, programme, state, answer.errors, request.body)
      const access = { whoMayBook: programme.whoMayBook as WhoMayBook, emailDomains: programme.emailDomains, asksEmailCode: programme.asksEmailCode, liveBookingsPerEmail: 1 }
      const notEligible = eligibilityProblem(access, { email: answer.value.email, invited: state.invitation !== null })
      if (notEligible) return renderDetails(reply, programme, state, [fieldError('email', notEligible)], request.body)
      let next: JourneyState = { ...state, ...answer.value }
      if (next.emailCodeNeeded && (next.emailCodeFor !== next.email || !next.emailCodeId)) {
        try {
          next = await sendEmailCode(request, programme, next)
        } catch (error) {
          if (!(error instanceof TooManyRequestsError)) throw error
          reply.header('retry-after', String(error.retryAfterSeconds))
          return renderDetails(reply.code(429), programme, state, [fieldError('email', error.message)], request.body)
        }
      }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'details'))
    },
  )

  // ---- the code that proves their email address (programmes that ask for it) ---------------

  /** Sends a code to the journey's address: the journey with the code's id, not yet proven. */
  async function sendEmailCode(request: FastifyRequest, programme: ProgrammePage, state: JourneyState): Promise<JourneyState> {
    const bookable = await requireProgramme(deps.pool, programme.slug)
    const { codeId } = await requestEmailCode(deps, { programme: bookable, email: state.email!, invited: false, context: visitorOf(request) })
    return { ...state, emailCodeId: codeId, emailCodeFor: state.email, emailCode: null }
  }

  function renderEmailCode(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], sentAgain = false) {
    return render(reply, 'email-code', errors.length > 0 ? (reply.statusCode === 200 ? 400 : reply.statusCode) : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'email-code'),
      resendAction: `${stepPath(programme, 'email-code')}/resend`,
      changeEmailHref: stepPath(programme, 'details'),
      email: state.email,
      minutes: EMAIL_CODE_MINUTES,
      sentAgain,
      backLink: { href: stepPath(programme, 'details') },
    })
  }

  app.get(
    '/:programme/email-code',
    { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ sent: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      if (!state.emailCodeNeeded) return goTo(reply, programme, nextStep(state, 'email-code'))
      return renderEmailCode(reply, programme, state, [], request.query.sent === 'again')
    },
  )

  app.post(
    '/:programme/email-code',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({ code: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      const code = (request.body.code ?? '').replace(/\s/g, '')
      if (code === '') return renderEmailCode(reply, programme, state, [fieldError('code', 'Enter the code we emailed you')])
      if (!/^\d{6}$/.test(code)) return renderEmailCode(reply, programme, state, [fieldError('code', 'The code is 6 numbers, like 123456')])
      try {
        await proveEmail(deps, { programmeId: programme.id, email: state.email!, codeId: state.emailCodeId, code })
      } catch (error) {
        if (!(error instanceof EmailNotProvenError)) throw error
        return renderEmailCode(reply, programme, state, [fieldError('code', error.message)])
      }
      const next: JourneyState = { ...state, emailCode: { codeId: state.emailCodeId!, code }, emailCodeFor: state.email }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'email-code'))
    },
  )

  app.post(
    '/:programme/email-code/resend',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      try {
        const next = await sendEmailCode(request, programme, state)
        journey.write(reply, next)
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderEmailCode(reply.code(429), programme, state, [fieldError('code', error.message)])
      }
      return reply.redirect(`${stepPath(programme, 'email-code')}?sent=again`, 303)
    },
  )

  // ---- how you want to talk ----------------------------------------------------------------

  function renderContact(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], values?: Record<string, string | undefined>) {
    return render(reply, 'contact', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'contact'),
      values: values ?? {
        contactMethod: state.contactMethod ?? '',
        phone: '',
        accessibilityNeeds: state.accessibilityNeeds ?? '',
      },
      knownPhone: state.phone,
      accessibilityNeedsMaxLength: ACCESSIBILITY_NEEDS_MAX_LENGTH,
      backLink: { href: stepPath(programme, 'details') },
    })
  }

  app.get('/:programme/contact', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    const { programme, state } = page
    return renderContact(reply, programme, state, [])
  })

  app.post(
    '/:programme/contact',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ contactMethod: field(), phone: field(), accessibilityNeeds: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'contact')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkContactAnswer(request.body, state.phone)
      if (!answer.ok) return renderContact(reply, programme, state, answer.errors, request.body)
      const next: JourneyState = {
        ...state,
        contactMethod: answer.value.contactMethod,
        phone: answer.value.phone ?? state.phone,
        accessibilityNeeds: answer.value.accessibilityNeeds,
      }
      try {
        journey.write(reply, next)
      } catch (error) {
        if (!(error instanceof SealedStateTooLargeError)) throw error
        return renderContact(reply, programme, state, [fieldError('accessibilityNeeds', JOURNEY_MESSAGES.accessibilityTooLarge)], request.body)
      }
      return goTo(reply, programme, nextStep(next, 'contact'))
    },
  )

  // ---- what happens to your information ----------------------------------------------------

  function renderInformation(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[]) {
    return render(reply, 'information', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'information'),
      retention: retentionPeriodText(programme.retentionMonths),
      noticeVersion: CONSENT_NOTICE_VERSION,
      consent: state.consent,
      backLink: { href: stepPath(programme, 'contact') },
    })
  }

  app.get('/:programme/information', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    const { programme, state } = page
    return renderInformation(reply, programme, state, [])
  })

  app.post(
    '/:programme/information',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ consent: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'information')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkInformationAnswer(request.body)
      if (!answer.ok) return renderInformation(reply, programme, { ...state, consent: false }, answer.errors)
      const next: JourneyState = { ...state, consent: true }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'information'))
    },
  )

  // ---- check your answers, and book --------------------------------------------------------

  function renderCheck(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[]) {
    const start = state.start!
    const end = new Date(new Date(start).getTime() + programme.durationMinutes * 60_000)
    return render(reply, 'check', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'check'),
      answers: {
        when: formatDateTimeRange(start, end, state.timeZone),
        timeZoneText: timeZoneLabel(state.timeZone),
        name: state.name,
        email: state.email,
        phone: state.phone,
        contactMethod: state.contactMethod,
        accessibilityNeeds: state.accessibilityNeeds,
      },
      paths: {
        day: stepPath(programme, 'day'),
        timeZone: `${base(programme)}/time-zone?return=check`,
        details: stepPath(programme, 'details'),
        contact: stepPath(programme, 'contact'),
        information: stepPath(programme, 'information'),
      },
      backLink: { href: stepPath(programme, 'information') },
    })
  }

  app.get('/:programme/check', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme } = page
    let state = page.state
    if (!state.checking) {
      state = { ...state, checking: true }
      journey.write(reply, state)
    }
    return renderCheck(reply, programme, state, [])
  })

  /** The page where each field the service could still refuse is answered. */
  const FIELD_STEPS: Record<string, JourneyStep> = {
    start: 'time',
    timeZone: 'day',
    'candidate.name': 'details',
    'candidate.email': 'details',
    'candidate.phone': 'contact',
    contactMethod: 'contact',
    accessibilityNeeds: 'contact',
    consent: 'information',
  }

  app.post(
    '/:programme/check',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme, state } = page
      if (!isReadyToBook(state)) return goTo(reply, programme, redirectBefore(state, 'check') ?? 'day')
      try {
        const created = await createBooking(deps, {
          programme: programme.slug,
          start: state.start!,
          timeZone: state.timeZone,
          candidate: { name: state.name!, email: state.email!, phone: state.phone },
          contactMethod: state.contactMethod!,
          accessibilityNeeds: state.accessibilityNeeds,
          consent: state.consent,
          invitation: state.invitation,
          holdKey: state.holdKey,
          // A second press of the button (or a retry) answers with the same booking.
          idempotencyKey: `booking-journey:${state.id}`,
          emailCode: state.emailCode,
        }, visitorOf(request))
        const { booking } = created
        journey.write(reply, {
          ...newJourney({ id: randomUUID(), programme: programme.slug, timeZone: state.timeZone }),
          booked: {
            reference: booking.reference,
            manageToken: created.manageToken,
            start: booking.startsAt.toISOString(),
            end: booking.endsAt.toISOString(),
            timeZone: booking.candidateTimeZone,
            contactMethod: booking.contactMethod,
            phone: booking.candidate.phone,
            email: booking.candidate.email,
            coachFirstName: booking.coachFirstName,
          },
        })
        return reply.redirect(`${base(programme)}/confirmation`, 303)
      } catch (error) {
        if (error instanceof SlotUnavailableError) {
          journey.write(reply, { ...state, start: null, notice: 'slot-taken' })
          return goTo(reply, programme, 'time')
        }
        if (error instanceof EmailNotProvenError) {
          // The programme began asking for proof mid-journey, or the code ran out: a new one is needed.
          journey.write(reply, { ...state, emailCodeNeeded: true, emailCode: null, emailCodeId: null })
          return goTo(reply, programme, 'details')
        }
        if (error instanceof NotEligibleError) {
          return renderCheck(reply.code(403), programme, state, [{ field: 'email', text: error.message, href: stepPath(programme, 'details') }])
        }
        if (error instanceof AlreadyBookedError) {
          // Said so that someone who guessed an address learns nothing of its bookings.
          // The journey forgets its hold, so the time is given back rather than kept from others until it lapses.
          if (state.holdKey) await releaseHold(app.pg.pool, hashToken(state.holdKey))
          journey.write(reply, { ...state, holdKey: null, start: null })
          return render(reply, 'email-sent', 409, { caption: programme.name, email: state.email, programme })
        }
        if (!(error instanceof ValidationError)) throw error
        const invitationProblem = error.fields.find((item) => item.field === 'invitation')
        if (invitationProblem) {
          // Their answers stay; booking again goes ahead without the invitation.
          journey.write(reply, { ...state, invitation: null })
          return reply.code(400).view('pages/book/invitation-problem.njk', {
            message: invitationProblem.message,
            bookWithoutInvitationHref: base(programme),
          })
        }
        // The pages checked every answer by the same rules, so this is rare: each problem links to its page.
        const errors = error.fields.map((item) => ({
          field: item.field,
          text: item.message,
          href: stepPath(programme, FIELD_STEPS[item.field] ?? 'check'),
        }))
        return renderCheck(reply, programme, state, errors)
      }
    },
  )

  // ---- keep the chosen time for longer (the page's warning, with JavaScript) ----------------

  const KeptTime = Type.Object({
    kept: Type.Boolean(),
    until: Type.Union([Type.String(), Type.Null()]),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
    now: Type.String(),
    canKeepLonger: Type.Boolean(),
  })

  /**
   * "Keep this time for longer" (WCAG 2.2.1): keepHold, as every step does.
   * The page's script asks for JSON; a plain form post goes on to the first
   * page still to answer.
   */
  app.post(
    '/:programme/keep-time',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}), response: { 200: KeptTime } } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme } = page
      let state = page.state
      const now = app.clock.now()
      const keptUntil = state.holdKey ? await keepHold(deps, state.holdKey) : null
      if (keptUntil) {
        state = { ...state, holdExpiresAt: keptUntil.toISOString() }
        journey.write(reply, state)
      }
      if (!(request.headers.accept ?? '').includes('application/json')) return goTo(reply, programme, redirectBefore(state, 'check') ?? 'check')
      return {
        kept: keptUntil !== null,
        until: keptUntil ? formatTime(keptUntil, state.timeZone) : null,
        expiresAt: keptUntil?.toISOString() ?? null,
        now: now.toISOString(),
        // Kept for less than a whole step: it has reached HOLD_MAX_MINUTES.
        canKeepLonger: keptUntil !== null && keptUntil.getTime() >= now.getTime() + HOLD_MINUTES * 60_000,
      }
    },
  )

  // ---- confirmation ------------------------------------------------------------------------

  app.get('/:programme/confirmation', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    const saved = journey.read(request)
    const booked = saved && saved.programme === programme.slug ? saved.booked : null
    if (!booked) return reply.redirect(base(programme), 303)
    return render(reply, 'confirmation', 200, {
      caption: programme.name,
      booked,
      when: formatDateTimeRange(booked.start, booked.end, booked.timeZone),
      manageHref: `/bookings/manage/${booked.manageToken}`,
      sendsReminders: programme.reminderOffsetsMinutes.length > 0,
    })
  })
}

export default bookPages
