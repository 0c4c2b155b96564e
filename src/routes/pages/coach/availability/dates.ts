/**
 * Days off and extra hours (date overrides), from today on:
 *   GET  /dates, POST                    list, add a day off or extra hours
 *   POST /dates/:overrideId/remove
 * A day off, or extra hours taken away, over booked conversations goes
 * through the clash step first.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import {
  DATE_OVERRIDE_KINDS,
  dateFieldIds,
  dateFieldValues,
  describeDateOverride,
  formatLocalDate,
  parseDateOverrideForm,
  todayIn,
  type AvailabilityFieldError,
  type FormInput,
} from '../../../../domain/availability/index.js'
import { fieldError } from '../../../../domain/availability/types.js'
import { NotFoundError } from '../../../../domain/errors.js'
import { isoDateFromDayNumber } from '../../../../domain/slots/zone-time.js'
import { deleteDateOverride, insertDateOverride, listDateOverrides } from '../../../../repositories/availability.js'
import { PG_UNIQUE_VIOLATION, isPgError } from '../../../../repositories/db.js'
import { FormBody, Notice, availabilityPage, errorView, hasErrors, type AvailabilityPagesOptions, type Page } from './availability-page.js'
import { clashSteps } from './clash-flow.js'

const OverrideParams = Type.Object({ overrideId: Type.String({ maxLength: 100 }) })

const datePages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const { pageFor, titleFor, change } = availabilityPage(app, scope)
  const { clashFlow, recordRequest } = clashSteps(app, scope)

  async function renderDates(
    reply: FastifyReply,
    page: Page,
    options: { posted?: FormInput; errors?: AvailabilityFieldError[]; notice?: 'added' | 'removed' | 'asked' | 'removed-asked' } = {},
  ) {
    const errors = options.errors ?? []
    const today = isoDateFromDayNumber(todayIn(page.coach.timeZone, app.clock.now()))
    const overrides = await listDateOverrides(pool, page.coach.id, today)
    const posted = options.posted ?? {}
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/dates.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Days off and extra hours'),
      backLink: { href: page.base, text: 'Back to availability' },
      banner:
        options.notice === 'asked'
          ? 'Day off added. The programme team has been asked to move the conversations booked on it.'
          : options.notice === 'removed-asked'
            ? 'Removed. The programme team has been asked to move the conversations booked in those hours.'
            : options.notice === 'added' ? 'Added' : options.notice === 'removed' ? 'Removed' : undefined,
      overrides: overrides.map((o) => ({ id: o.id, date: formatLocalDate(o.date), change: describeDateOverride(o) })),
      values: { date: dateFieldValues(posted, 'date'), kind: posted.kind ?? '', start: posted.start ?? '', end: posted.end ?? '' },
      kinds: DATE_OVERRIDE_KINDS,
    })
  }

  app.get('/dates', { schema: { hide: true, querystring: Notice } }, async (request, reply) =>
    renderDates(reply, await pageFor(request), {
      notice:
        request.query.added === 'asked' ? 'asked'
        : request.query.added ? 'added'
        : request.query.removed === 'asked' ? 'removed-asked'
        : request.query.removed ? 'removed' : undefined,
    }),
  )

  app.post('/dates', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    let asked = false
    if (request.body.kind === 'day_off') {
      const today = todayIn(page.coach.timeZone, app.clock.now())
      const parsed = parseDateOverrideForm(request.body, { today, existing: await listDateOverrides(pool, page.coach.id, isoDateFromDayNumber(today)) })
      if (parsed.ok) {
        const clash = await clashFlow(request, reply, page, { kind: 'day-off', date: parsed.value.date }, 'dates', request.body)
        if (clash !== null && clash !== 'requested') return clash
        asked = clash === 'requested'
      }
    }
    let result
    try {
      result = await change(request, page, 'date_override_added', async (client) => {
        const today = todayIn(page.coach.timeZone, app.clock.now())
        const existing = await listDateOverrides(client, page.coach.id, isoDateFromDayNumber(today))
        const parsed = parseDateOverrideForm(request.body, { today, existing })
        if (!parsed.ok) return { errors: parsed.errors }
        return insertDateOverride(client, page.coach.id, parsed.value)
      })
    } catch (error) {
      // Only when another request added the same day off at the same moment.
      if (!isPgError(error, PG_UNIQUE_VIOLATION)) throw error
      result = { errors: [fieldError('date-day', 'There is already a day off on that date', dateFieldIds('date'))] }
    }
    if (hasErrors(result)) return renderDates(reply, page, { posted: request.body, errors: result.errors })
    if (asked) await recordRequest(request, page)
    return reply.redirect(`${page.base}/dates?added=${asked ? 'asked' : '1'}`, 303)
  })

  app.post('/dates/:overrideId/remove', { schema: { hide: true, params: OverrideParams, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const { overrideId } = request.params
    const clash = await clashFlow(request, reply, page, { kind: 'remove-date', overrideId }, `dates/${encodeURIComponent(overrideId)}/remove`, request.body, 'dates')
    if (clash !== null && clash !== 'requested') return clash
    const removed = await change(request, page, 'date_override_removed', async (client) =>
      (await deleteDateOverride(client, page.coach.id, overrideId)) ? true : { errors: [] },
    )
    if (hasErrors(removed)) throw new NotFoundError('There is no such day off or extra hours')
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}/dates?removed=${clash === 'requested' ? 'asked' : '1'}`, 303)
  })
}

export default datePages
