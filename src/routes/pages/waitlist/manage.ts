import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { fieldError, type FieldError } from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { AlreadyBookedError } from '../../../domain/booking/who-may-book.js'
import { formatDateTimeRange, timeZoneLabel } from '../../../domain/time/index.js'
import { checkDatesAnswer, checkDaysAnswer, checkPartsOfDayAnswer, dateFields } from '../../../domain/waitlist/answers.js'
import { changePreferences, leaveWaitlist, openPlaceByToken, type WaitlistPlace } from '../../../domain/waitlist/manage.js'
import { OfferEndedError, declineOffer, takeOffer } from '../../../domain/waitlist/offers.js'
import { describeDays, describePartsOfDay, todayIn } from '../../../domain/waitlist/preferences.js'
import { describeDates, describeDeadline } from '../../../emails/waitlist-emails.js'
import { bookingDeps, errorView, noStore } from '../../../http/candidate-pages.js'
import { dayItems, partOfDayItems } from './view.js'

/**
 * A place on the waitlist, opened with the personal link in its emails:
 *
 *   /waitlist/manage/:token               what they asked for, the time held for them (if any), leave
 *   /waitlist/manage/:token/offer         the time held for them: "Book this time" or "No thanks"
 *   /waitlist/manage/:token/change        change the days, times of day and dates
 *   /waitlist/manage/:token/leave         leave the waitlist (POST)
 *
 * The link is the only key (as for a booking's manage link); a link that does
 * not work gets the page not found. Forms post and redirect or show the NHS
 * error summary; no JavaScript is needed.
 */
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) })
const field = () => Type.Optional(Type.String({ maxLength: 1000 }))
const listField = () => Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })]))
const ChangeForm = Type.Object({
  _csrf: field(),
  days: listField(),
  partsOfDay: listField(),
  'from-day': field(),
  'from-month': field(),
  'from-year': field(),
  'to-day': field(),
  'to-month': field(),
  'to-year': field(),
})

const waitlistManagePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = bookingDeps(app)
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const home = (token: string) => `/waitlist/manage/${token}`

  function placeView(token: string, { entry, offer }: WaitlistPlace) {
    return {
      caption: entry.programmeName,
      entry: {
        status: entry.status,
        name: entry.candidateName,
        email: entry.candidateEmail,
        days: describeDays(entry.days),
        partsOfDay: describePartsOfDay(entry.partsOfDay),
        timeZoneText: timeZoneLabel(entry.timeZone),
        dates: describeDates(entry),
        contactMethod: entry.contactMethod,
        accessibilityNeeds: entry.accessibilityNeeds,
      },
      offer: offer ? { when: formatDateTimeRange(offer.startsAt, offer.endsAt, entry.timeZone), deadline: describeDeadline(offer.expiresAt, entry.timeZone) } : null,
      paths: { home: home(token), offer: `${home(token)}/offer`, change: `${home(token)}/change`, leave: `${home(token)}/leave`, book: `${home(token)}/offer/book`, decline: `${home(token)}/offer/decline` },
      bookAgainHref: `/book/${encodeURIComponent(entry.programmeSlug)}`,
    }
  }

  async function showPlace(reply: FastifyReply, token: string, notice: string | null = null, statusCode = 200) {
    noStore(reply)
    const place = await openPlaceByToken(deps, token)
    return reply.code(statusCode).view('pages/waitlist/manage.njk', { ...placeView(token, place), notice })
  }

  async function showOffer(reply: FastifyReply, token: string, errors: FieldError[] = [], statusCode = 200) {
    noStore(reply)
    const place = await openPlaceByToken(deps, token)
    return reply.code(errors.length > 0 ? statusCode : 200).view('pages/waitlist/offer.njk', { ...placeView(token, place), ...errorView(errors), backLink: { href: home(token) } })
  }

  app.get('/manage/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => showPlace(reply, request.params.token))

  app.get('/manage/:token/offer', { schema: { hide: true, params: TokenParams } }, async (request, reply) => showOffer(reply, request.params.token))

  app.post('/manage/:token/offer/book', { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } }, async (request, reply) => {
    const { token } = request.params
    await openPlaceByToken(deps, token) // a link that does not work: the page not found
    try {
      const taken = await takeOffer(deps, token)
      noStore(reply)
      return reply.view('pages/waitlist/booked.njk', { manageHref: `/bookings/manage/${taken.manageToken}` })
    } catch (error) {
      if (error instanceof OfferEndedError || error instanceof SlotUnavailableError || error instanceof AlreadyBookedError) {
        return showOffer(reply, token, [fieldError('offer', error.message)], 409)
      }
      throw error
    }
  })

  app.post('/manage/:token/offer/decline', { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } }, async (request, reply) => {
    const { token } = request.params
    await openPlaceByToken(deps, token)
    try {
      await declineOffer(deps, token)
    } catch (error) {
      if (!(error instanceof OfferEndedError)) throw error
      return showOffer(reply, token, [fieldError('offer', error.message)], 409)
    }
    return showPlace(reply, token, 'You said no to that time. We will offer it to someone else, and keep your place for other times.')
  })

  // ---- change what suits --------------------------------------------------------------------
  async function showChange(reply: FastifyReply, token: string, errors: FieldError[], values?: { days: number[]; partsOfDay: string[]; from: ReturnType<typeof dateFields>; to: ReturnType<typeof dateFields> }) {
    noStore(reply)
    const place = await openPlaceByToken(deps, token)
    const { entry } = place
    const shown = values ?? { days: entry.days, partsOfDay: entry.partsOfDay, from: dateFields(entry.from), to: dateFields(entry.to) }
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/waitlist/change.njk', {
      ...placeView(token, place),
      ...errorView(errors),
      dayItems: dayItems(shown.days),
      partItems: partOfDayItems(shown.partsOfDay),
      values: { from: shown.from, to: shown.to },
      formAction: `${home(token)}/change`,
      backLink: { href: home(token) },
    })
  }

  app.get('/manage/:token/change', { schema: { hide: true, params: TokenParams } }, async (request, reply) => showChange(reply, request.params.token, []))

  app.post('/manage/:token/change', { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: ChangeForm } }, async (request, reply) => {
    const { token } = request.params
    const place = await openPlaceByToken(deps, token)
    const days = checkDaysAnswer(request.body)
    const parts = checkPartsOfDayAnswer(request.body)
    const dates = checkDatesAnswer(request.body, todayIn(place.entry.timeZone, deps.clock.now()))
    const errors = [days, parts, dates].flatMap((answer) => (answer.ok ? [] : answer.errors))
    if (!days.ok || !parts.ok || !dates.ok) {
      const body = request.body
      return showChange(reply, token, errors, {
        days: days.ok ? days.value : [],
        partsOfDay: parts.ok ? parts.value : [],
        from: { day: body['from-day'] ?? '', month: body['from-month'] ?? '', year: body['from-year'] ?? '' },
        to: { day: body['to-day'] ?? '', month: body['to-month'] ?? '', year: body['to-year'] ?? '' },
      })
    }
    await changePreferences(deps, place.entry.id, {
      days: days.value,
      partsOfDay: parts.value,
      from: dates.value.from,
      to: dates.value.to,
      timeZone: place.entry.timeZone,
      contactMethod: place.entry.contactMethod,
    })
    return showPlace(reply, token, 'We have changed the times that suit you.')
  })

  app.post('/manage/:token/leave', { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } }, async (request, reply) => {
    const { token } = request.params
    const place = await openPlaceByToken(deps, token)
    await leaveWaitlist(deps, place.entry.id, { kind: 'link', token })
    return showPlace(reply, token)
  })
}

export default waitlistManagePages
