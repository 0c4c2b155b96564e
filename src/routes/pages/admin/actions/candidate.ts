/**
 * GET /admin/actions/candidates/:bookingId: a candidate's page, opened from an
 * action in the review: their bookings, the actions of each and each booking's
 * timeline (the overview records its reading in the audit log).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actionCategoryLabels, actionOwnerLabels, actionStatusColours, actionStatusLabels } from '../../../../domain/actions/types.js'
import { candidateOverview } from '../../../../domain/actions/candidate-overview.js'
import { describeTimelineEntry, timelineWhen } from '../../../../domain/booking-timeline/index.js'
import { formatDate, formatDateTimeRange } from '../../../../domain/time/index.js'
import { staffRequest } from '../../../../http/staff-request.js'

const BOOKING_STATUS_LABELS = { booked: 'Booked', cancelled: 'Cancelled', completed: 'Held', no_show: 'Did not attend' } as const

const candidatePage: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/candidates/:bookingId', { schema: { hide: true, params: Type.Object({ bookingId: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const overview = await candidateOverview(app.deps, request.params.bookingId, staffRequest(request))
    return reply.view('pages/admin/actions/candidate.njk', {
      candidate: overview.candidate,
      bookings: overview.bookings.map((booking) => ({
        id: booking.id,
        opened: booking.id === overview.bookingId,
        reference: booking.reference,
        programme: booking.programmeName,
        coach: booking.coachName,
        when: formatDateTimeRange(booking.startsAt, booking.endsAt),
        status: BOOKING_STATUS_LABELS[booking.status],
        actions: booking.actions.map((action) => ({
          summary: action.summary,
          owner: actionOwnerLabels[action.owner],
          category: actionCategoryLabels[action.category],
          due: formatDate(action.dueOn, 'UTC'),
          status: actionStatusLabels[action.status],
          statusColour: actionStatusColours[action.status],
          since: formatDate(action.statusChangedAt),
        })),
        timeline: booking.timeline.map((entry) => ({ when: timelineWhen(entry.at), at: entry.at.toISOString(), ...describeTimelineEntry(entry) })),
      })),
    })
  })
}

export default candidatePage
