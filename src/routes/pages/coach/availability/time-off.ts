/**
 * The coach's time off, from now on:
 *   GET  /time-off, POST                 list, add time off
 *   POST /time-off/:timeOffId/remove
 * Time off over booked conversations goes through the clash step first.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import {
  TIME_OFF_NOTE_HINT,
  dateFieldValues,
  describeTimeOff,
  parseTimeOffForm,
  type AvailabilityFieldError,
  type FormInput,
} from '../../../../domain/availability/index.js'
import { NotFoundError } from '../../../../domain/errors.js'
import { deleteTimeOff, insertTimeOff, listTimeOff } from '../../../../repositories/availability.js'
import { FormBody, Notice, availabilityPage, errorView, hasErrors, type AvailabilityPagesOptions, type Page } from './availability-page.js'
import { clashSteps } from './clash-flow.js'

const TimeOffParams = Type.Object({ timeOffId: Type.String({ maxLength: 100 }) })

const timeOffPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const { pageFor, titleFor, change } = availabilityPage(app, scope)
  const { clashFlow, recordRequest } = clashSteps(app, scope)

  async function renderTimeOff(
    reply: FastifyReply,
    page: Page,
    options: { posted?: FormInput; errors?: AvailabilityFieldError[]; notice?: 'added' | 'removed' | 'asked' } = {},
  ) {
    const errors = options.errors ?? []
    const timeOff = await listTimeOff(pool, page.coach.id, app.clock.now())
    const posted = options.posted ?? {}
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/time-off.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Time off'),
      backLink: { href: page.base, text: 'Back to availability' },
      banner:
        options.notice === 'asked'
          ? 'Time off added. The programme team has been asked to move the conversations booked in it.'
          : options.notice === 'added' ? 'Time off added' : options.notice === 'removed' ? 'Time off removed' : undefined,
      timeOff: timeOff.map((entry) => ({ id: entry.id, ...describeTimeOff(entry, page.coach.timeZone), note: entry.note })),
      values: {
        start: dateFieldValues(posted, 'start'),
        startTime: posted['start-time'] ?? '',
        end: dateFieldValues(posted, 'end'),
        endTime: posted['end-time'] ?? '',
        note: posted.note ?? '',
      },
      noteHint: TIME_OFF_NOTE_HINT,
    })
  }

  app.get('/time-off', { schema: { hide: true, querystring: Notice } }, async (request, reply) =>
    renderTimeOff(reply, await pageFor(request), {
      notice: request.query.added === 'asked' ? 'asked' : request.query.added ? 'added' : request.query.removed ? 'removed' : undefined,
    }),
  )

  app.post('/time-off', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseTimeOffForm(request.body, { now: app.clock.now(), timeZone: page.coach.timeZone })
    if (!parsed.ok) return renderTimeOff(reply, page, { posted: request.body, errors: parsed.errors })
    const clash = await clashFlow(request, reply, page, { kind: 'time-off', timeOff: parsed.value }, 'time-off', request.body)
    if (clash !== null && clash !== 'requested') return clash
    await change(request, page, 'time_off_added', (client) => insertTimeOff(client, page.coach.id, parsed.value))
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}/time-off?added=${clash === 'requested' ? 'asked' : '1'}`, 303)
  })

  app.post('/time-off/:timeOffId/remove', { schema: { hide: true, params: TimeOffParams, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const { timeOffId } = request.params
    const removed = await change(request, page, 'time_off_removed', async (client) =>
      (await deleteTimeOff(client, page.coach.id, timeOffId)) ? true : { errors: [] },
    )
    if (hasErrors(removed)) throw new NotFoundError('There is no such time off')
    return reply.redirect(`${page.base}/time-off?removed=1`, 303)
  })
}

export default timeOffPages
