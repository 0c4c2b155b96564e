import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { redirectBefore } from '../../../domain/booking-journey/index.js'
import { HOLD_MINUTES } from '../../../domain/booking/holds.js'
import { keepHold } from '../../../domain/booking/service/index.js'
import { formatTime } from '../../../domain/time/index.js'
import { Form, ProgrammeParams, type StepOptions } from './journey-steps.js'

const KeptTime = Type.Object({
  kept: Type.Boolean(),
  until: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  now: Type.String(),
  canKeepLonger: Type.Boolean(),
})

/** Keep the chosen time for longer: /book/:programme/keep-time (the page's warning, with JavaScript). */
export const keepTimePages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, journey, openStep, goTo } = steps

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
}
