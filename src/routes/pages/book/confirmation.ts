import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { formatDateTimeRange } from '../../../domain/time/index.js'
import { ProgrammeParams, type StepOptions } from './journey-steps.js'

/** Booking complete: /book/:programme/confirmation, from the booking the journey's cookie now holds. */
export const confirmationPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { journey, base, programmeOr404, render } = steps

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
