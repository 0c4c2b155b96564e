/**
 * GET /settings, POST: the coach's time zone, buffer between conversations and
 * most conversations in a day; a new time zone that moves their hours away
 * from booked conversations goes through the clash step first.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { parseSettingsForm, timeZoneChoices, type AvailabilityFieldError, type FormInput } from '../../../../domain/availability/index.js'
import { updateCoachSettings } from '../../../../repositories/availability.js'
import { FormBody, availabilityPage, errorView, type AvailabilityPagesOptions, type Page } from './availability-page.js'
import { clashSteps } from './clash-flow.js'

const settingsPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const { pageFor, titleFor, change } = availabilityPage(app, scope)
  const { clashFlow, recordRequest } = clashSteps(app, scope)

  function renderSettings(reply: FastifyReply, page: Page, posted?: FormInput, errors: AvailabilityFieldError[] = []) {
    const values = posted ?? {
      timeZone: page.coach.timeZone,
      bufferMinutes: String(page.coach.bufferMinutes),
      dailyMaximum: String(page.coach.dailyMaximum),
    }
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/settings.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Time zone, buffer and daily maximum'),
      backLink: { href: page.base, text: 'Back to availability' },
      values,
      timeZones: timeZoneChoices(page.coach.timeZone).map((choice) => ({ ...choice, selected: choice.value === values.timeZone })),
    })
  }

  app.get('/settings', { schema: { hide: true } }, async (request, reply) => renderSettings(reply, await pageFor(request)))

  app.post('/settings', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseSettingsForm(request.body)
    if (!parsed.ok) return renderSettings(reply, page, request.body, parsed.errors)
    const clash = await clashFlow(request, reply, page, { kind: 'settings', settings: parsed.value }, 'settings', request.body)
    if (clash !== null && clash !== 'requested') return clash
    await change(request, page, 'settings', (client) => updateCoachSettings(client, page.coach.id, parsed.value))
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}?saved=${clash === 'requested' ? 'settings-asked' : 'settings'}`, 303)
  })
}

export default settingsPages
