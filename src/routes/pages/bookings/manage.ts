import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  CHANGE_MINUTES,
  JOURNEY_MESSAGES,
  changeStep,
  checkCancelReason,
  checkDayAnswer,
  checkTimeAnswer,
  checkTimeZoneAnswer,
  dateInZone,
  fieldError,
  newChange,
  readChange,
  retentionPeriodText,
  type AvailableDay,
  type ChangeState,
  type FieldError,
  type TimeChoice,
} from '../../../domain/booking-journey/index.js'
import { BookingNotFoundError, SlotUnavailableError } from '../../../domain/booking/errors.js'
import {
  cancelBooking,
  getBookingByManageToken,
  holdSlot,
  keepHold,
  rescheduleBooking,
} from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { REASON_MAX_LENGTH, pastChangeCutoff } from '../../../domain/booking/rules.js'
import { ConflictError, ValidationError } from '../../../domain/errors.js'
import { formatDateTimeRange, formatTime } from '../../../domain/time/index.js'
import { HOLD_MINUTES } from '../../../domain/booking/holds.js'
import { icsContentType } from '../../../domain/calendar/index.js'
import { candidateCalendarFile } from '../../../domain/candidate-space/calendar-file.js'
import { ActionNotFoundError, NotYourActionError, changeActionStatus } from '../../../domain/actions/index.js'
import {
  answersFromForm,
  loadCandidateSpace,
  preparationFieldId,
  typedAnswers,
  type CandidateSpaceDeps,
} from '../../../domain/candidate-space/index.js'
import { loadQuestions, questionsView } from '../../../domain/outcomes/index.js'
import { PreparationClosedError, savePreparation } from '../../../domain/preparation/preparation-service.js'
import { preparationFieldKeys } from '../../../domain/preparation/index.js'
import {
  bookingDeps,
  visitorOf,
  bookingView,
  dayPageView,
  errorView,
  holdView,
  loadAvailableDays,
  loadTimes,
  noStore,
  sealedCookie,
  RETURN_STEPS,
  returnStep,
  timePageView,
  timeZoneChoicesView,
  type ChoosingPaths,
  type ReturnStep,
} from '../book/page-support.js'

/**
 * The candidate's manage pages, from the link in every booking email:
 *
 *   /bookings/manage/:token                    the booking: when, how, coach, reference, status
 *   /bookings/manage/:token/change             change time: choose a day
 *   /bookings/manage/:token/change/time        choose a time (held for 10 minutes)
 *   /bookings/manage/:token/change/time-zone   the zone times are shown in
 *   /bookings/manage/:token/change/check       check and change
 *   /bookings/manage/:token/changed            "Your booking has been changed"
 *   /bookings/manage/:token/cancel             are you sure? (optional reason)
 *   /bookings/manage/:token/cancelled          "Your booking has been cancelled"
 *   POST /bookings/manage/:token/preparation   save the preparation form (no JavaScript; with it,
 *                                              templates/assets/preparation-autosave.js uses the API)
 *   POST /bookings/manage/:token/actions/:actionId/status   how an agreed action is going
 *
 * The token is the only credential: every way it can fail (unknown, expired,
 * not a token at all) gets the same "This link does not work" page, status 404.
 * A change in progress is kept in a sealed cookie (`cc_change`, Path=/bookings/manage)
 * tied to the booking, like the booking journey's.
 */

const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) })
const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))

const CAPTION = 'Change your booking'

const managePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = bookingDeps(app)
  // Holding, booking, changing and sending email: counted per client address (a flood guard).
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const notesDeps = app.deps
  const spaceDeps: CandidateSpaceDeps = notesDeps
  const changeCookie = sealedCookie(app, {
    name: 'cc_change',
    purpose: 'change-booking',
    path: '/bookings/manage',
    minutes: CHANGE_MINUTES,
    parse: readChange,
  })

  const base = (token: string) => `/bookings/manage/${token}`
  const stepPath = (token: string, step: ReturnStep) => `${base(token)}/change${step === 'day' ? '' : `/${step}`}`
  const choosingPaths = (token: string): ChoosingPaths => ({
    day: stepPath(token, 'day'),
    time: stepPath(token, 'time'),
    timeZone: `${stepPath(token, 'day')}/time-zone`,
  })

  /** Still to come, and before the programme's cut-off for candidates' changes (after it, the page says whom to contact). */
  const changeable = (booking: Booking) =>
    booking.status === 'booked' && booking.startsAt.getTime() > app.clock.now().getTime() && !pastChangeCutoff(booking, app.clock.now())
  /** The steps of changing or cancelling, which need a booking that can still change. */
  const CHANGING = /^\/bookings\/manage\/:token\/(change|cancel)(\/|$)/
  const opened = new WeakMap<FastifyRequest, Booking>()

  /**
   * Every page here opens the booking its link names, once, before the
   * handler: or it sends the one "This link does not work" page; and a change
   * or cancel step of a booking that can no longer change goes back to the
   * booking page, which says why.
   */
  app.addHook('preHandler', async (request, reply) => {
    const token = (request.params as { token?: string }).token
    if (token === undefined) return
    noStore(reply)
    let booking: Booking
    try {
      booking = await getBookingByManageToken(deps, token)
    } catch (error) {
      if (!(error instanceof BookingNotFoundError)) throw error
      return reply.code(404).view('pages/manage/link-does-not-work.njk')
    }
    if (CHANGING.test(request.routeOptions.url ?? '') && !changeable(booking)) return reply.redirect(base(token), 303)
    opened.set(request, booking)
  })
  const bookingOf = (request: FastifyRequest): Booking => opened.get(request)!

  function changeOf(request: FastifyRequest, booking: Booking): ChangeState {
    const saved = changeCookie.read(request)
    return saved && saved.bookingId === booking.id ? saved : newChange(booking.id, booking.candidateTimeZone)
  }

  const currentWhen = (booking: Booking, zone: string) => formatDateTimeRange(booking.startsAt, booking.endsAt, zone)

  // ---- the booking -------------------------------------------------------------------------

  type SpaceErrors = {
    errors: FieldError[]
    typed?: { answers: Record<string, string>; errors: Record<string, string> }
    /** An action update that was refused: what was chosen and typed, shown again in its form. */
    typedAction?: { actionId: string; status: string; comment: string }
    statusCode?: number
  }

  /** The summary with a refused action update's choice and comment put back in that action's form. */
  function withTypedAction<S extends { actions: { id: string; statusItems: { value: string; checked: boolean }[] }[] }>(summary: S | null, typed: SpaceErrors['typedAction']) {
    if (!summary || !typed) return summary
    return {
      ...summary,
      actions: summary.actions.map((action) =>
        action.id === typed.actionId
          ? { ...action, statusItems: action.statusItems.map((item) => ({ ...item, checked: item.value === typed.status })), typedComment: typed.comment }
          : action,
      ),
    }
  }

  /** The booking, then the candidate's space: prepare, summary and actions, their information. */
  async function renderManage(request: FastifyRequest, reply: FastifyReply, token: string, booking: Booking, shown: SpaceErrors = { errors: [] }) {
    const now = app.clock.now()
    const [space, questions] = await Promise.all([
      loadCandidateSpace(spaceDeps, booking, token, { ip: request.ip, requestId: request.id }, shown.typed),
      loadQuestions(spaceDeps, booking.id),
    ])
    const saved = (request.query as { saved?: string } | undefined)?.saved
    return reply.code(shown.statusCode ?? (shown.errors.length > 0 ? 400 : 200)).view('pages/manage/booking.njk', {
      ...errorView(shown.errors),
      booking: {
        ...bookingView(booking, now),
        canChange: changeable(booking),
        // Booked and still to come, but past the programme's cut-off: whom to contact instead.
        pastCutoff: booking.status === 'booked' && booking.startsAt.getTime() > now.getTime() && pastChangeCutoff(booking, now),
        cutoffHours: booking.programme.cancellationCutoffHours ?? 0,
      },
      retention: retentionPeriodText(space.retentionMonths),
      preparation: space.preparation,
      summary: withTypedAction(space.summary, shown.typedAction),
      questions: questionsView(questions, base(token)),
      saved: shown.errors.length === 0 && (saved === 'preparation' || saved === 'action') ? saved : null,
      paths: {
        change: stepPath(token, 'day'),
        cancel: `${base(token)}/cancel`,
        calendar: `${base(token)}/calendar.ics`,
        preparation: `${base(token)}/preparation`,
        action: (actionId: string) => `${base(token)}/actions/${actionId}/status`,
      },
      bookingId: booking.id,
    })
  }

  app.get(
    '/manage/:token',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderManage(request, reply, request.params.token, booking)
    },
  )

  // ---- add to calendar ---------------------------------------------------------------------

  app.get('/manage/:token/calendar.ics', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const ics = candidateCalendarFile(booking, app.config.PUBLIC_URL, base(request.params.token), app.clock.now())
    return reply
      .type(icsContentType(ics.method))
      .header('content-disposition', `attachment; filename="career-conversation-${booking.reference}.ics"`)
      .send(ics.content)
  })

  // ---- prepare for your conversation ---------------------------------------------

  app.post(
    '/manage/:token/preparation',
    {
      schema: {
        hide: true,
        params: TokenParams,
        body: Type.Record(Type.String({ maxLength: 120 }), Type.String({ maxLength: 20_000 }), { maxProperties: 80 }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const answers = answersFromForm(request.body)
      try {
        await savePreparation(deps, booking.id, answers, { manageToken: token })
      } catch (error) {
        // Started (or cancelled) meanwhile: the page shows the answers, read-only.
        if (error instanceof PreparationClosedError) return reply.redirect(`${base(token)}#prepare`, 303)
        if (!(error instanceof ValidationError)) throw error
        const byKey: Record<string, string> = {}
        const errors = error.fields.map((problem) => {
          const key = problem.field.startsWith('answers.') ? problem.field.slice('answers.'.length) : ''
          if (key) byKey[key] = problem.message
          return { field: key, text: problem.message, href: key && preparationFieldKeys.has(key) ? `#${preparationFieldId(key)}` : '#prepare' }
        })
        return renderManage(request, reply, token, booking, { errors, typed: { answers: typedAnswers(answers), errors: byKey } })
      }
      return reply.redirect(`${base(token)}?saved=preparation#prepare`, 303)
    },
  )

  // ---- your summary and actions: how an action is going -----------------------------

  app.post(
    '/manage/:token/actions/:actionId/status',
    {
      schema: {
        hide: true,
        params: Type.Object({ token: Type.String({ maxLength: 100 }), actionId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ _csrf: field(), status: field(), comment: field() }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const { token, actionId } = request.params
      const comment = request.body.comment?.trim() ? request.body.comment : null
      try {
        await changeActionStatus(
          notesDeps,
          booking.id,
          actionId,
          { credentials: { manageToken: token }, ip: request.ip, requestId: request.id },
          { status: request.body.status ?? '', comment },
        )
      } catch (error) {
        // Not one of this booking's actions (or no summary yet): nothing to change here.
        if (error instanceof ActionNotFoundError) return reply.redirect(`${base(token)}#summary`, 303)
        // Someone else's action (the coach's or the programme team's): refused, said plainly by the action.
        if (error instanceof NotYourActionError) {
          const errors = [{ field: `action-${actionId}-status`, text: error.message, href: `#action-${actionId}-title` }]
          return renderManage(request, reply, token, booking, { errors, statusCode: 403 })
        }
        if (!(error instanceof ValidationError)) throw error
        const errors = error.fields.map((problem) => ({
          field: `action-${actionId}-${problem.field}`,
          text: problem.message,
          href: `#action-${actionId}-${problem.field === 'comment' ? 'comment' : 'status'}`,
        }))
        // What they chose and typed stays.
        const typedAction = { actionId, status: request.body.status ?? '', comment: request.body.comment ?? '' }
        return renderManage(request, reply, token, booking, { errors, typedAction })
      }
      return reply.redirect(`${base(token)}?saved=action#action-${actionId}`, 303)
    },
  )

  // ---- change time: choose a day -----------------------------------------------------------

  /** `days`: the days on offer, when the caller has them already. */
  async function renderDay(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, week: string | null, errors: FieldError[], days?: AvailableDay[]) {
    days ??= await loadAvailableDays(deps, booking.programme, state.timeZone, state.holdKey)
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/book/day.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...dayPageView(days, state, week, choosingPaths(token)),
      currentWhen: currentWhen(booking, state.timeZone),
      backLink: { href: base(token) },
    })
  }

  app.get(
    '/manage/:token/change',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ week: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderDay(reply, request.params.token, booking, changeOf(request, booking), request.query.week ?? null, [])
    },
  )

  app.post(
    '/manage/:token/change',
    { schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), day: field(), week: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const days = await loadAvailableDays(deps, booking.programme, state.timeZone, state.holdKey)
      const answer = checkDayAnswer(request.body, days.map((day) => day.date))
      if (!answer.ok) return renderDay(reply, token, booking, state, request.body.week ?? null, answer.errors, days)
      const keepTime = state.start !== null && dateInZone(state.start, state.timeZone) === answer.value
      changeCookie.write(reply, { ...state, day: answer.value, start: keepTime ? state.start : null })
      return reply.redirect(stepPath(token, 'time'), 303)
    },
  )

  // ---- change time: choose a time ----------------------------------------------------------

  /** `times`: the free times on the chosen day, when the caller has them already. */
  async function renderTime(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, errors: FieldError[], statusCode?: number, times?: TimeChoice[]) {
    times ??= await loadTimes(deps, booking.programme.slug, state.day!, state.timeZone, state.holdKey)
    return reply.code(statusCode ?? (errors.length > 0 ? 400 : 200)).view('pages/book/time.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...timePageView(times, state, booking.programme.durationMinutes, choosingPaths(token)),
      backLink: { href: stepPath(token, 'day') },
    })
  }

  app.get('/manage/:token/change/time', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const token = request.params.token
    let state = changeOf(request, booking)
    if (state.day === null) return reply.redirect(stepPath(token, 'day'), 303)
    const errors: FieldError[] = []
    if (state.notice === 'slot-taken') {
      errors.push(fieldError('start', JOURNEY_MESSAGES.slotTaken))
      state = { ...state, notice: null }
      changeCookie.write(reply, state)
    }
    return renderTime(reply, token, booking, state, errors, 200)
  })

  app.post(
    '/manage/:token/change/time',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), start: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      if (state.day === null) return reply.redirect(stepPath(token, 'day'), 303)
      const times = await loadTimes(deps, booking.programme.slug, state.day, state.timeZone, state.holdKey)
      const answer = checkTimeAnswer(request.body, times.map((time) => time.value))
      if (!answer.ok) return renderTime(reply, token, booking, state, answer.errors, undefined, times)
      if (answer.value === booking.startsAt.toISOString()) {
        return renderTime(reply, token, booking, state, [fieldError('start', JOURNEY_MESSAGES.sameTime)], undefined, times)
      }
      try {
        const hold = await holdSlot(deps, { programme: booking.programme.slug, start: answer.value, holdKey: state.holdKey, movingBookingId: booking.id }, visitorOf(request))
        changeCookie.write(reply, {
          ...state,
          start: hold.start.toISOString(),
          holdKey: hold.holdKey,
          holdExpiresAt: hold.expiresAt.toISOString(),
        })
        return reply.redirect(stepPath(token, 'check'), 303)
      } catch (error) {
        if (!(error instanceof SlotUnavailableError)) throw error
        return renderTime(reply, token, booking, state, [fieldError('start', JOURNEY_MESSAGES.slotTaken)], 409)
      }
    },
  )

  // ---- change time: time zone --------------------------------------------------------------

  function renderTimeZone(reply: FastifyReply, token: string, state: ChangeState, returnTo: ReturnStep, errors: FieldError[], typed?: { timeZone?: string; otherTimeZone?: string }) {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/book/time-zone.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...timeZoneChoicesView(state.timeZone, typed),
      formAction: choosingPaths(token).timeZone,
      returnTo,
      backLink: { href: stepPath(token, returnTo) },
    })
  }

  app.get(
    '/manage/:token/change/time-zone',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderTimeZone(reply, request.params.token, changeOf(request, booking), returnStep(request.query.return), [])
    },
  )

  app.post(
    '/manage/:token/change/time-zone',
    {
      schema: {
        hide: true,
        params: TokenParams,
        body: Type.Object({ _csrf: field(), timeZone: field(), otherTimeZone: field(), return: field() }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const returnTo = returnStep(request.body.return)
      const answer = checkTimeZoneAnswer(request.body)
      if (!answer.ok) return renderTimeZone(reply, token, state, returnTo, answer.errors, request.body)
      const next: ChangeState = { ...state, timeZone: answer.value, day: state.start ? dateInZone(state.start, answer.value) : state.day }
      changeCookie.write(reply, next)
      // Back where they came from, unless the new zone left a step before it unanswered.
      const first = changeStep(next)
      const target = RETURN_STEPS.indexOf(first) < RETURN_STEPS.indexOf(returnTo) ? first : returnTo
      return reply.redirect(stepPath(token, target), 303)
    },
  )

  // ---- change time: check and change -------------------------------------------------------

  function renderCheck(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, errors: FieldError[]) {
    const start = state.start!
    const end = new Date(new Date(start).getTime() + booking.programme.durationMinutes * 60_000)
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/manage/check-change.njk', {
      caption: CAPTION,
      ...errorView(errors),
      formAction: stepPath(token, 'check'),
      currentWhen: currentWhen(booking, state.timeZone),
      newWhen: formatDateTimeRange(start, end, state.timeZone),
      changeTimeHref: stepPath(token, 'day'),
      hold: holdView(state.start, state.holdExpiresAt, state.timeZone, app.clock.now(), `${base(token)}/change/keep-time`),
      backLink: { href: stepPath(token, 'time') },
    })
  }

  /**
   * "Keep this time for longer" on the check page (WCAG 2.2.1), as in the
   * booking journey: the page's script asks for JSON; a plain form post goes
   * back to the check page.
   */
  app.post(
    '/manage/:token/change/keep-time',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      let state = changeOf(request, booking)
      const now = app.clock.now()
      const keptUntil = state.holdKey ? await keepHold(deps, state.holdKey) : null
      if (keptUntil) {
        state = { ...state, holdExpiresAt: keptUntil.toISOString() }
        changeCookie.write(reply, state)
      }
      if (!(request.headers.accept ?? '').includes('application/json')) return reply.redirect(stepPath(token, changeStep(state)), 303)
      return reply.send({
        kept: keptUntil !== null,
        until: keptUntil ? formatTime(keptUntil, state.timeZone) : null,
        expiresAt: keptUntil?.toISOString() ?? null,
        now: now.toISOString(),
        canKeepLonger: keptUntil !== null && keptUntil.getTime() >= now.getTime() + HOLD_MINUTES * 60_000,
      })
    },
  )

  app.get('/manage/:token/change/check', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const token = request.params.token
    const state = changeOf(request, booking)
    const step = changeStep(state)
    if (step !== 'check') return reply.redirect(stepPath(token, step), 303)
    return renderCheck(reply, token, booking, state, [])
  })

  app.post(
    '/manage/:token/change/check',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const step = changeStep(state)
      if (step !== 'check') return reply.redirect(stepPath(token, step), 303)
      try {
        await rescheduleBooking(
          deps,
          { bookingId: booking.id, start: state.start!, timeZone: state.timeZone, holdKey: state.holdKey },
          { manageToken: token },
          visitorOf(request),
        )
      } catch (error) {
        if (error instanceof SlotUnavailableError) {
          changeCookie.write(reply, { ...state, start: null, notice: 'slot-taken' })
          return reply.redirect(stepPath(token, 'time'), 303)
        }
        if (error instanceof ValidationError) {
          const errors = error.fields.map((item) => ({ field: item.field, text: item.message, href: stepPath(token, 'day') }))
          return renderCheck(reply, token, booking, state, errors)
        }
        // Cancelled or started meanwhile: the booking page says which.
        if (error instanceof ConflictError) return reply.redirect(base(token), 303)
        throw error
      }
      changeCookie.clear(reply)
      return reply.redirect(`${base(token)}/changed`, 303)
    },
  )

  app.get('/manage/:token/changed', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    if (booking.status !== 'booked') return reply.redirect(base(request.params.token), 303)
    return reply.view('pages/manage/changed.njk', {
      booking: bookingView(booking, app.clock.now()),
      manageHref: base(request.params.token),
    })
  })

  // ---- cancel ------------------------------------------------------------------------------

  function renderCancel(reply: FastifyReply, token: string, booking: Booking, errors: FieldError[], reason = '') {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/manage/cancel.njk', {
      ...errorView(errors),
      booking: bookingView(booking, app.clock.now()),
      reason,
      reasonMaxLength: REASON_MAX_LENGTH,
      formAction: `${base(token)}/cancel`,
      keepHref: base(token),
      backLink: { href: base(token) },
    })
  }

  app.get('/manage/:token/cancel', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    return renderCancel(reply, request.params.token, booking, [])
  })

  app.post(
    '/manage/:token/cancel',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), reason: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const answer = checkCancelReason(request.body)
      if (!answer.ok) return renderCancel(reply, token, booking, answer.errors, request.body.reason)
      try {
        await cancelBooking(deps, { bookingId: booking.id, reason: answer.value }, { manageToken: token })
      } catch (error) {
        if (error instanceof ConflictError) return reply.redirect(base(token), 303)
        throw error
      }
      changeCookie.clear(reply)
      return reply.redirect(`${base(token)}/cancelled`, 303)
    },
  )

  app.get('/manage/:token/cancelled', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    if (booking.status !== 'cancelled') return reply.redirect(base(request.params.token), 303)
    return reply.view('pages/manage/cancelled.njk', {
      booking: bookingView(booking, app.clock.now()),
      bookAgainHref: `/book/${encodeURIComponent(booking.programme.slug)}`,
    })
  })
}

export default managePages
