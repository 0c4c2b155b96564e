import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { BookingNotFoundError } from '../../../domain/booking/errors.js'
import { getBookingByManageToken } from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { ValidationError, type FieldProblem } from '../../../domain/errors.js'
import {
  COMMENT_MAX_LENGTH,
  CONFIDENCE,
  HELPED,
  NEXT_STEP,
  OUTCOME_TYPES,
  USEFULNESS,
  ConversationNotHeldError,
  FollowUpNotOpenError,
  answerFeedback,
  answerFollowUp,
  confidenceLabels,
  declineFeedback,
  helpedLabels,
  loadQuestions,
  nextStepLabels,
  outcomeTypeLabels,
  stopFollowUps,
  usefulnessLabels,
  type FollowUpMonths,
} from '../../../domain/outcomes/index.js'
import { formatDate } from '../../../domain/time/index.js'
import { bookingDeps, errorView, noStore } from '../../../http/candidate-pages.js'

/**
 * The questions after a conversation, by the candidate's personal
 * link (the manage token: the only credential, as on the rest of their page):
 *
 *   /bookings/manage/:token/feedback              how it went (a day after; also from their page)
 *   POST /bookings/manage/:token/feedback         answer or change
 *   POST /bookings/manage/:token/feedback/decline "I would rather not answer"
 *   /bookings/manage/:token/outcomes/:months      what they have done since, at 3 or 12 months
 *   POST /bookings/manage/:token/outcomes/:months answer or change
 *   POST /bookings/manage/:token/outcomes/:months/stop  "do not ask me again"
 *
 * A link that does not work gets the same page as the rest of /bookings/manage
 * (404). A conversation not held, or a follow-up whose day has not come, goes
 * back to the booking's page.
 */

const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) })
const MonthsParams = Type.Object({ token: Type.String({ maxLength: 100 }), months: Type.Union([Type.Literal('3'), Type.Literal('12')]) })
const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))
const Saved = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) })

const radioItems = <K extends string>(values: readonly K[], labels: Readonly<Record<K, string>>, chosen: string | null | undefined) =>
  values.map((value) => ({ value, text: labels[value], checked: value === chosen }))

const questionPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const base = (token: string) => `/bookings/manage/${token}`
  const opened = new WeakMap<FastifyRequest, Booking>()

  app.addHook('preHandler', async (request, reply) => {
    const token = (request.params as { token?: string }).token
    if (token === undefined) return
    noStore(reply)
    try {
      opened.set(request, await getBookingByManageToken(bookingDeps(app), token))
    } catch (error) {
      if (!(error instanceof BookingNotFoundError)) throw error
      return reply.code(404).view('pages/manage/link-does-not-work.njk')
    }
  })
  const bookingOf = (request: FastifyRequest): Booking => opened.get(request)!
  const conversationView = (booking: Booking) => ({
    coachFirstName: booking.coachFirstName,
    conversationDate: formatDate(booking.startsAt, booking.candidateTimeZone),
  })

  // ---- feedback ------------------------------------------------------------------------------

  type Typed = { usefulness?: string; knowsNextStep?: string; confidence?: string; comment?: string }

  async function renderFeedback(reply: FastifyReply, token: string, booking: Booking, saved: string | undefined, typed?: Typed, problems: FieldProblem[] = []) {
    const questions = await loadQuestions(deps, booking.id)
    if (!questions.held) return reply.redirect(base(token), 303)
    const answers = typed ?? questions.feedback ?? {}
    const errors = problems.map((p) => ({ field: p.field, text: p.message, href: `#${p.field}` }))
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/feedback/feedback.njk', {
      ...errorView(errors),
      ...conversationView(booking),
      items: {
        usefulness: radioItems(USEFULNESS, usefulnessLabels, answers.usefulness),
        knowsNextStep: radioItems(NEXT_STEP, nextStepLabels, answers.knowsNextStep),
        confidence: radioItems(CONFIDENCE, confidenceLabels, answers.confidence),
      },
      comment: answers.comment ?? '',
      commentMaxLength: COMMENT_MAX_LENGTH,
      status: questions.feedback?.status ?? null,
      saved: errors.length === 0 && (saved === 'answered' || saved === 'declined') ? saved : null,
      paths: { form: `${base(token)}/feedback`, decline: `${base(token)}/feedback/decline`, manage: base(token) },
    })
  }

  app.get('/manage/:token/feedback', { schema: { hide: true, params: TokenParams, querystring: Saved } }, async (request, reply) =>
    renderFeedback(reply, request.params.token, bookingOf(request), request.query.saved),
  )

  app.post(
    '/manage/:token/feedback',
    {
      schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), usefulness: field(), knowsNextStep: field(), confidence: field(), comment: field() }) },
      onRequest: anonymousWrites,
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      try {
        await answerFeedback(deps, booking.id, request.body)
      } catch (error) {
        if (error instanceof ConversationNotHeldError) return reply.redirect(base(token), 303)
        if (!(error instanceof ValidationError)) throw error
        return renderFeedback(reply, token, booking, undefined, request.body, error.fields)
      }
      return reply.redirect(`${base(token)}/feedback?saved=answered`, 303)
    },
  )

  app.post(
    '/manage/:token/feedback/decline',
    { schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) }, onRequest: anonymousWrites },
    async (request, reply) => {
      const token = request.params.token
      try {
        await declineFeedback(deps, bookingOf(request).id)
      } catch (error) {
        if (error instanceof ConversationNotHeldError) return reply.redirect(base(token), 303)
        throw error
      }
      return reply.redirect(`${base(token)}/feedback?saved=declined`, 303)
    },
  )

  // ---- what they have done since, at 3 and 12 months -------------------------------------------

  type TypedFollowUp = { doneSince?: string[]; helped?: string }

  async function renderFollowUp(
    reply: FastifyReply,
    token: string,
    booking: Booking,
    months: FollowUpMonths,
    saved: string | undefined,
    typed?: TypedFollowUp,
    problems: FieldProblem[] = [],
  ) {
    const questions = await loadQuestions(deps, booking.id)
    if (!questions.openFollowUps.includes(months)) return reply.redirect(base(token), 303)
    const row = questions.followUps.find((f) => f.months === months)
    const answers = typed ?? { doneSince: row?.doneSince ?? [], helped: row?.helped ?? undefined }
    const errors = problems.map((p) => ({ field: p.field, text: p.message, href: `#${p.field}` }))
    const doneItems = OUTCOME_TYPES.filter((type) => type !== 'nothing_yet').map((value) => ({
      value,
      text: outcomeTypeLabels[value],
      checked: answers.doneSince?.includes(value) ?? false,
    }))
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/feedback/follow-up.njk', {
      ...errorView(errors),
      ...conversationView(booking),
      sinceText: months === 12 ? 'a year' : `${months} months`,
      items: {
        doneSince: [
          ...doneItems,
          { divider: 'or' },
          { value: 'nothing_yet', text: outcomeTypeLabels.nothing_yet, checked: answers.doneSince?.includes('nothing_yet') ?? false, behaviour: 'exclusive' },
        ],
        helped: radioItems(HELPED, helpedLabels, answers.helped),
      },
      answered: (row?.doneSince.length ?? 0) > 0,
      stopped: questions.stopped,
      saved: errors.length === 0 && (saved === 'answered' || saved === 'stopped') ? saved : null,
      paths: { form: `${base(token)}/outcomes/${months}`, stop: `${base(token)}/outcomes/${months}/stop`, manage: base(token) },
    })
  }

  const monthsOf = (value: '3' | '12'): FollowUpMonths => (value === '3' ? 3 : 12)

  app.get('/manage/:token/outcomes/:months', { schema: { hide: true, params: MonthsParams, querystring: Saved } }, async (request, reply) =>
    renderFollowUp(reply, request.params.token, bookingOf(request), monthsOf(request.params.months), request.query.saved),
  )

  app.post(
    '/manage/:token/outcomes/:months',
    {
      schema: {
        hide: true,
        params: MonthsParams,
        body: Type.Object({
          _csrf: field(),
          doneSince: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })])),
          helped: field(),
        }),
      },
      onRequest: anonymousWrites,
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const { token } = request.params
      const months = monthsOf(request.params.months)
      try {
        await answerFollowUp(deps, booking.id, months, request.body)
      } catch (error) {
        if (error instanceof ConversationNotHeldError || error instanceof FollowUpNotOpenError) return reply.redirect(base(token), 303)
        if (!(error instanceof ValidationError)) throw error
        const given = request.body.doneSince
        const typed = { doneSince: given === undefined ? [] : Array.isArray(given) ? given : [given], helped: request.body.helped }
        return renderFollowUp(reply, token, booking, months, undefined, typed, error.fields)
      }
      return reply.redirect(`${base(token)}/outcomes/${months}?saved=answered`, 303)
    },
  )

  app.post(
    '/manage/:token/outcomes/:months/stop',
    { schema: { hide: true, params: MonthsParams, body: Type.Object({ _csrf: field() }) }, onRequest: anonymousWrites },
    async (request, reply) => {
      const { token } = request.params
      const months = monthsOf(request.params.months)
      try {
        await stopFollowUps(deps, bookingOf(request).id, months)
      } catch (error) {
        if (error instanceof ConversationNotHeldError || error instanceof FollowUpNotOpenError) return reply.redirect(base(token), 303)
        throw error
      }
      return reply.redirect(`${base(token)}/outcomes/${months}?saved=stopped`, 303)
    },
  )
}

export default questionPages
