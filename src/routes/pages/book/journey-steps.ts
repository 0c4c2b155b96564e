/**
 * What every step of the booking journey shares: the programme of the path,
 * the answers so far (the sealed `cc_booking` cookie), where each step is, and
 * how a step's page is shown. index.ts builds it once and hands it to each
 * step's routes. (Not a plugin: autoload loads only the folder's index.ts.)
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { newJourney, redirectBefore, type JourneyState, type JourneyStep } from '../../../domain/booking-journey/index.js'
import { keepHold } from '../../../domain/booking/service/index.js'
import { INVITED_ONLY_MESSAGE, NotEligibleError } from '../../../domain/booking/who-may-book.js'
import { notBookableProgrammes } from '../../../repositories/programme-bookability.js'
import { findProgrammeForBookingPages, type ProgrammeForBookingPages } from '../../../repositories/programmes.js'
import { bookingDeps, holdView, journeyCookie, noStore, timeZoneView, type ChoosingPaths } from '../../../http/candidate-pages.js'

export const ProgrammeParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }) })
/** Form fields are checked by the journey's own rules (with NHS messages), so the schema only bounds them. */
export const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))
export const Form = <Fields extends Record<string, ReturnType<typeof field>>>(fields: Fields) => Type.Object({ _csrf: field(), ...fields })

export type ProgrammePage = Omit<ProgrammeForBookingPages, 'active'>

export function journeySteps(app: FastifyInstance) {
  const deps = bookingDeps(app)
  // Holding, booking, changing and sending email: counted per client address (a flood guard).
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const journey = journeyCookie(app)

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

  return { deps, anonymousWrites, journey, base, stepPath, choosingPaths, journeyOf, programmeOr404, openStep, render, goTo, common }
}

export type JourneySteps = ReturnType<typeof journeySteps>

/** What index.ts hands each step's routes. */
export interface StepOptions {
  steps: JourneySteps
}
