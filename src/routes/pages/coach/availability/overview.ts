/**
 * GET / of the availability pages: weekly hours, settings, dates and time off
 * at a glance, the video link, the conversations that clash, and the banner of
 * the change just saved.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { availabilityOverview, todayIn } from '../../../../domain/availability/index.js'
import { countClashingConversations } from '../../../../domain/coach-changes/index.js'
import { isoDateFromDayNumber } from '../../../../domain/slots/zone-time.js'
import { listDateOverrides, listTimeOff, listWeeklyWindows } from '../../../../repositories/availability.js'
import { Notice, availabilityPage, type AvailabilityPagesOptions } from './availability-page.js'

const SAVED_BANNERS: Record<string, string> = {
  'weekly-hours': 'Weekly hours saved',
  'weekly-hours-asked': 'Weekly hours saved. The programme team has been asked to move the conversations they no longer cover.',
  settings: 'Settings saved',
  'settings-asked': 'Settings saved. The programme team has been asked to move the conversations your hours no longer cover.',
  'video-link': 'Video call link saved',
  'video-link-removed': 'Video call link removed',
}

const availabilityOverviewPage: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const coachChangeDeps = app.deps
  const { pageFor } = availabilityPage(app, scope)

  app.get('/', { schema: { hide: true, querystring: Notice } }, async (request, reply) => {
    const page = await pageFor(request)
    const now = app.clock.now()
    const today = isoDateFromDayNumber(todayIn(page.coach.timeZone, now))
    const [weeklyHours, dateOverrides, timeOff] = await Promise.all([
      listWeeklyWindows(pool, page.coach.id),
      listDateOverrides(pool, page.coach.id, today),
      listTimeOff(pool, page.coach.id, now),
    ])
    const overview = availabilityOverview({ ...page.coach, coachId: page.coach.id, weeklyHours, dateOverrides, timeOff })
    return reply.view('pages/availability/overview.njk', {
      ...page.view,
      pageTitle: scope === 'admin' ? `Availability – ${page.coach.name}` : 'Your availability',
      heading: scope === 'admin' ? 'Availability' : 'Your availability',
      backLink: scope === 'admin' ? { href: '/admin/coaches', text: 'Back to coaches' } : { href: '/coach', text: 'Back to your coaching' },
      banner: SAVED_BANNERS[request.query.saved ?? ''],
      overview,
      videoLink: page.coach.videoLink,
      clashCount: await countClashingConversations(coachChangeDeps, page.coach.id),
      clashesHref: scope === 'admin' ? `/admin/coaches/${page.coach.id}/clashes` : null,
    })
  })
}

export default availabilityOverviewPage
