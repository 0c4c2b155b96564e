import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import bulkStatusPages from './bulk-status.js'
import candidatePage from './candidate.js'
import reviewListPage from './review-list.js'
import summaryPage from './summary.js'

/**
 * /admin/actions: the follow-up review, for the programme team: every action
 * agreed in any conversation, filtered, searched and sorted, fifty at a time
 * ("Previous" and "Next" walk the list by keyset, so a page never repeats or
 * misses an action added meanwhile). /admin/actions/summary counts the same
 * actions by coach and by category. Both are GET forms (bookmarkable, no
 * JavaScript needed) over the same query as GET /api/v1/admin/actions
 * (src/domain/actions/review.ts). Only the action itself, the candidate's and
 * coach's names, the candidate's own comment and the booking reference are
 * shown: never the notes. Access: ../autohooks.ts (admins only).
 *
 *   GET  /                          the list, and the form to change many statuses   ./review-list.ts
 *   POST /bulk-status, /confirm     change the status of many actions               ./bulk-status.ts
 *   GET  /candidates/:bookingId     a candidate's bookings, actions and timelines    ./candidate.ts
 *   GET  /summary                   counts by coach and by category                  ./summary.ts
 *
 * The filter form they share is ./review-form.ts. Autoload loads only this
 * file in the folder: it registers the others.
 */
const adminActions: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(reviewListPage)
  await app.register(bulkStatusPages)
  await app.register(candidatePage)
  await app.register(summaryPage)
}

export default adminActions
