/**
 * What the candidate's manage pages share: the booking their link opens, the
 * change in progress (the sealed `cc_change` cookie), and where each step of
 * changing is. manage.ts builds it once and hands it to each step's routes.
 * (Not a plugin: autoload loads only the folder's index.ts.)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { CHANGE_MINUTES, newChange, readChange, type ChangeState } from '../../../domain/booking-journey/index.js'
import { BookingNotFoundError } from '../../../domain/booking/errors.js'
import { candidateChangeRefusal } from '../../../domain/booking/rules.js'
import { getBookingByManageToken } from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import type { ConflictError } from '../../../domain/errors.js'
import { formatDateTimeRange } from '../../../domain/time/index.js'
import { bookingDeps, noStore, sealedCookie, type ChoosingPaths, type ReturnStep } from '../../../http/candidate-pages.js'

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) })
export const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))

export const CAPTION = 'Change your booking'

/**
 * Why the candidate can no longer change or cancel this booking online, or
 * null while they still can: the domain's own rules (domain/booking/rules.ts),
 * which the change and cancel services apply, so the pages offer no more and
 * no less than the services allow. A ChangeCutoffPassedError means still to
 * come, but past the programme's cut-off for candidates' changes.
 */
export function whyNotChangeable(booking: Booking, now: Date): ConflictError | null {
  return candidateChangeRefusal(booking, now)
}

export function manageSteps(app: FastifyInstance) {
  const deps = bookingDeps(app)
  // Holding, booking, changing and sending email: counted per client address (a flood guard).
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
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

  /** The steps of changing or cancelling, which need a booking that can still change. */
  const CHANGING = /^\/bookings\/manage\/:token\/(change|cancel)(\/|$)/
  const opened = new WeakMap<FastifyRequest, Booking>()

  /**
   * Every page here opens the booking its link names, once, before the
   * handler: or it sends the one "This link does not work" page; and a change
   * or cancel step of a booking that can no longer change goes back to the
   * booking page, which says why. (manage.ts adds it as the pages' preHandler.)
   */
  async function openBooking(request: FastifyRequest, reply: FastifyReply) {
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
    if (CHANGING.test(request.routeOptions.url ?? '') && whyNotChangeable(booking, app.clock.now()) !== null) return reply.redirect(base(token), 303)
    opened.set(request, booking)
  }
  const bookingOf = (request: FastifyRequest): Booking => opened.get(request)!

  function changeOf(request: FastifyRequest, booking: Booking): ChangeState {
    const saved = changeCookie.read(request)
    return saved && saved.bookingId === booking.id ? saved : newChange(booking.id, booking.candidateTimeZone)
  }

  const currentWhen = (booking: Booking, zone: string) => formatDateTimeRange(booking.startsAt, booking.endsAt, zone)

  return { deps, anonymousWrites, changeCookie, base, stepPath, choosingPaths, openBooking, bookingOf, changeOf, currentWhen }
}

type ManageSteps = ReturnType<typeof manageSteps>

/** What manage.ts hands each step's routes. */
export interface ManageStepOptions {
  steps: ManageSteps
}
