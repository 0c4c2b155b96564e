/**
 * GET /weekly-hours, POST: change the coach's weekly hours (the form replaces
 * them all); hours that no longer cover booked conversations go through the
 * clash step first.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { parseWeeklyHoursForm, weeklyHoursFormView, type AvailabilityFieldError, type FormInput } from '../../../../domain/availability/index.js'
import { listWeeklyWindows, replaceWeeklyWindows } from '../../../../repositories/availability.js'
import { FormBody, availabilityPage, errorView, type AvailabilityPagesOptions, type Page } from './availability-page.js'
import { clashSteps } from './clash-flow.js'

const weeklyHoursPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const { pageFor, titleFor, change } = availabilityPage(app, scope)
  const { clashFlow, recordRequest } = clashSteps(app, scope)

  async function renderWeeklyHours(reply: FastifyReply, page: Page, posted?: FormInput, errors: AvailabilityFieldError[] = []) {
    const saved = posted ? [] : await listWeeklyWindows(pool, page.coach.id)
    const messages = errorView(errors).fieldErrors
    const days = weeklyHoursFormView(saved, posted).map((day) => ({
      ...day,
      rows: day.rows.map((row) => ({
        ...row,
        error: messages[row.startId] ?? messages[row.endId],
        startError: messages[row.startId] !== undefined,
        endError: messages[row.endId] !== undefined,
      })),
    }))
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/weekly-hours.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Weekly hours'),
      backLink: { href: page.base, text: 'Back to availability' },
      days,
    })
  }

  app.get('/weekly-hours', { schema: { hide: true } }, async (request, reply) => renderWeeklyHours(reply, await pageFor(request)))

  app.post('/weekly-hours', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseWeeklyHoursForm(request.body)
    if (!parsed.ok) return renderWeeklyHours(reply, page, request.body, parsed.errors)
    const clash = await clashFlow(request, reply, page, { kind: 'weekly-hours', windows: parsed.value }, 'weekly-hours', request.body)
    if (clash !== null && clash !== 'requested') return clash
    await change(request, page, 'weekly_hours', (client) => replaceWeeklyWindows(client, page.coach.id, parsed.value))
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}?saved=${clash === 'requested' ? 'weekly-hours-asked' : 'weekly-hours'}`, 303)
  })
}

export default weeklyHoursPages
