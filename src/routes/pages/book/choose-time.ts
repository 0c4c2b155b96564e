import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { JOURNEY_MESSAGES, checkTimeAnswer, fieldError, nextStep, type FieldError, type JourneyState, type TimeChoice } from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { holdSlot } from '../../../domain/booking/service/index.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView, loadTimes, timePageView, visitorOf } from '../../../http/candidate-pages.js'

/** Choose a time: /book/:programme/time, which holds the time chosen for 10 minutes. */
export const chooseTimePages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, journey, base, stepPath, choosingPaths, openStep, render, goTo, common } = steps

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
}
