/**
 * The availability pages, shared by a coach editing their own
 * (/coach/availability, ./index.ts) and an admin editing any coach's
 * (/admin/coaches/:coachId/availability, ../../admin/coaches/index.ts).
 * Access is checked by each folder's autohooks; here only which coach
 * (./availability-page.ts).
 *
 *   GET  /                               overview: weekly hours, settings, dates, time off   ./overview.ts
 *   GET  /weekly-hours, POST             change weekly hours (replaces them all)             ./weekly-hours.ts
 *   GET  /settings, POST                 time zone, buffer, most conversations in a day      ./settings.ts
 *   GET  /video-link, POST               the coach's usual video call link                   ./video-link.ts
 *   GET  /dates, POST                    list, add a day off or extra hours                  ./dates.ts
 *   POST /dates/:overrideId/remove
 *   GET  /time-off, POST                 list, add time off                                  ./time-off.ts
 *   POST /time-off/:timeOffId/remove
 *   /calendar/...                        the coach's own calendars                           ./calendar-pages.ts
 *
 * Time off, a day off, weekly hours, a time zone or extra hours taken away over
 * booked conversations go through the clash step first (./clash-flow.ts).
 *
 * Every change is one transaction under the coach's row lock and is audited
 * (availability.change, subject the coach), so the slot listing sees it at once;
 * a new video link emails the candidates whose link it changes, in the same transaction.
 * (Not a route file of its own: autoload loads only index.ts in this folder.)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AvailabilityPagesOptions } from './availability-page.js'
import calendarPages from './calendar-pages.js'
import datePages from './dates.js'
import availabilityOverviewPage from './overview.js'
import settingsPages from './settings.js'
import timeOffPages from './time-off.js'
import videoLinkPages from './video-link.js'
import weeklyHoursPages from './weekly-hours.js'


const availabilityPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  // The coach's own calendars: busy times, write-back and their feed.
  await app.register(calendarPages, { scope, prefix: '/calendar' })
  await app.register(availabilityOverviewPage, { scope })
  await app.register(weeklyHoursPages, { scope })
  await app.register(settingsPages, { scope })
  await app.register(videoLinkPages, { scope })
  await app.register(datePages, { scope })
  await app.register(timeOffPages, { scope })
}

export default availabilityPages
