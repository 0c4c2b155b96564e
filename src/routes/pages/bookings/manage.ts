import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cancelPages } from './cancel.js'
import { changeDayPages } from './change-day.js'
import { changeTimeZonePages } from './change-time-zone.js'
import { changeTimePages } from './change-time.js'
import { checkChangePages } from './check-change.js'
import { manageSteps } from './manage-support.js'
import { yourBookingPages } from './your-booking.js'

/**
 * The candidate's manage pages, from the link in every booking email:
 *
 *   /bookings/manage/:token                    the booking: when, how, coach, reference, status   your-booking.ts
 *   /bookings/manage/:token/change             change time: choose a day                          change-day.ts
 *   /bookings/manage/:token/change/time        choose a time (held for 10 minutes)                change-time.ts
 *   /bookings/manage/:token/change/time-zone   the zone times are shown in                        change-time-zone.ts
 *   /bookings/manage/:token/change/check       check and change                                   check-change.ts
 *   /bookings/manage/:token/changed            "Your booking has been changed"                    check-change.ts
 *   /bookings/manage/:token/cancel             are you sure? (optional reason)                    cancel.ts
 *   /bookings/manage/:token/cancelled          "Your booking has been cancelled"                  cancel.ts
 *   POST /bookings/manage/:token/preparation   save the preparation form (no JavaScript; with it,
 *                                              templates/assets/preparation-autosave.js uses the API)   your-booking.ts
 *   POST /bookings/manage/:token/actions/:actionId/status   how an agreed action is going           your-booking.ts
 *
 * The token is the only credential: every way it can fail (unknown, expired,
 * not a token at all) gets the same "This link does not work" page, status 404.
 * A change in progress is kept in a sealed cookie (`cc_change`, Path=/bookings/manage)
 * tied to the booking, like the booking journey's.
 */
const managePages: FastifyPluginAsyncTypebox = async (app) => {
  // Built once: the cookie, the limit and the booking each page opens (manage-support.ts).
  const steps = manageSteps(app)
  // Before every page's handler, these pages only (the questions pages open their booking themselves).
  app.addHook('preHandler', steps.openBooking)

  await app.register(yourBookingPages, { steps })
  await app.register(changeDayPages, { steps })
  await app.register(changeTimePages, { steps })
  await app.register(changeTimeZonePages, { steps })
  await app.register(checkChangePages, { steps })
  await app.register(cancelPages, { steps })
}

export default managePages
