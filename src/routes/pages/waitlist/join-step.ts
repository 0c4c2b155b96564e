/**
 * What every page of the waitlist join journey shares: the form fields it
 * accepts, the programme of the path, the answers so far (./journey.ts's
 * cookie), rendering a step and moving on to the next unanswered one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { FieldError } from '../../../domain/booking-journey/index.js'
import type { BookableProgramme } from '../../../domain/booking/types.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'
import { errorView, noStore } from '../../../http/candidate-pages.js'
import { firstUnanswered, newWaitlistJourney, redirectBeforeStep, waitlistCookie, type WaitlistJourney, type WaitlistStep } from '../../../http/waitlist-journey.js'

export const ProgrammeParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }) })
export const field = () => Type.Optional(Type.String({ maxLength: 20_000 }))
export const listField = () => Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })]))
export const Form = <Fields extends Record<string, ReturnType<typeof field> | ReturnType<typeof listField>>>(fields: Fields) => Type.Object({ _csrf: field(), ...fields })
export const DATE_FIELDS = { 'from-day': field(), 'from-month': field(), 'from-year': field(), 'to-day': field(), 'to-month': field(), 'to-year': field() }

const BACK: Record<WaitlistStep, WaitlistStep | null> = { details: null, contact: 'details', days: 'contact', times: 'days', dates: 'times', information: 'dates', check: 'information' }

/** The join journey's step helpers, with the app's programmes and its sealed cookie. */
export function joinSteps(app: FastifyInstance) {
  const journey = waitlistCookie(app)
  const base = (programme: { slug: string }) => `/waitlist/${encodeURIComponent(programme.slug)}`
  const stepPath = (programme: { slug: string }, step: WaitlistStep | 'email-code' | 'confirmation') => `${base(programme)}/${step}`

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

  return { journey, base, stepPath, programmeOr404, journeyOf, openStep, render, next }
}
