import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { describeTimelineEntry, timelineWhen } from '../../../../domain/booking-timeline/index.js'
import { ConflictError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { cancelBooking, reassignBooking } from '../../../../domain/booking/service/index.js'
import { adminBookingDetail, findAdminBooking, listAdminBookings, type AdminBooking } from '../../../../domain/bookings-admin/index.js'
import { bookingsClashingWithCalendars } from '../../../../repositories/calendar-connections.js'
import { BOOKING_STATUSES, bookingListParams, ukDate, type BookingListInput } from '../../../../domain/bookings-admin/query.js'
import { filterLists } from '../../../../domain/reports/filter-lists.js'
import { coachOptions, programmeOptions, selectOption } from '../../../../http/filter-options.js'
import { formatDate, formatDateTimeRange } from '../../../../domain/time/index.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { otherCoachesOfProgramme } from '../../../../repositories/bookings-admin.js'

/**
 * /admin/bookings: every booking for the programme team, filtered
 * by programme, coach, status and the dates it starts, searched by reference,
 * candidate name or email, fifty at a time by keyset ("More bookings" never
 * repeats or misses one made meanwhile). One booking: its details and its
 * timeline in order (src/domain/booking-timeline), and forms to move it to
 * another coach at the same time or cancel it, each with a reason (the same
 * services as POST /api/v1/bookings/:id/reassign and /cancel). GET forms for
 * the list, POST forms with CSRF for changes, no JavaScript needed. Access:
 * ../autohooks.ts (admins only).
 */

const STATUS_LABELS = { booked: 'Booked', cancelled: 'Cancelled', completed: 'Held', no_show: 'Did not attend' } as const
const STATUS_COLOURS = { booked: 'blue', cancelled: 'grey', completed: 'green', no_show: 'orange' } as const

const PAGE_MESSAGES: Record<string, string> = {
  programme: 'Choose a programme from the list',
  coach: 'Choose a coach from the list',
  status: 'Choose a status from the list',
  from: 'The first date must be a real date, like 2026-03-02',
  to: 'The last date must be a real date, on or after the first',
  q: 'Enter 3 to 100 characters of a name, email address or booking reference',
  sort: 'Choose an order from the list',
  cursor: 'That page of bookings is no longer available: start again from the first page',
}

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }))
const Query = Type.Object({
  programme: text(100),
  coach: text(100),
  status: text(50),
  from: text(20),
  to: text(20),
  q: text(200),
  sort: text(20),
  cursor: text(500),
  done: text(20),
})
type QueryValues = { [K in keyof typeof Query.properties]?: string }
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) })


const adminBookings: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  async function formView(values: Record<string, string>) {
    const lists = await filterLists(deps)
    return {
      values,
      programmeOptions: programmeOptions(lists, values.programme!),
      coachOptions: coachOptions(lists, values.coach!),
      statusOptions: [selectOption('', 'Any status', values.status!), ...BOOKING_STATUSES.map((s) => selectOption(s, STATUS_LABELS[s], values.status!))],
      sortOptions: [selectOption('start', 'Soonest first', values.sort!), selectOption('-start', 'Latest first', values.sort!)],
    }
  }

  const row = (booking: AdminBooking) => ({
    id: booking.id,
    url: `/admin/bookings/${booking.id}`,
    reference: booking.reference,
    when: formatDateTimeRange(new Date(booking.start), new Date(booking.end)),
    candidate: booking.candidate.name,
    email: booking.candidate.email,
    programme: booking.programme.name,
    coach: booking.coach.name,
    coachInactive: !booking.coach.active,
    status: STATUS_LABELS[booking.status],
    statusColour: STATUS_COLOURS[booking.status],
  })

  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query as QueryValues
    // Opened with no query at all: conversations from today on, soonest first.
    const fresh = Object.keys(query).length === 0
    const values: Record<string, string> = {
      programme: (query.programme ?? '').trim(),
      coach: (query.coach ?? '').trim(),
      status: (query.status ?? '').trim(),
      from: fresh ? ukDate(app.clock.now()) : (query.from ?? '').trim(),
      to: (query.to ?? '').trim(),
      q: (query.q ?? '').trim(),
      sort: (query.sort ?? '').trim() || 'start',
    }
    const input: BookingListInput = { ...values, cursor: query.cursor }
    const [view, page] = await Promise.all([formView(values), listAdminBookings(deps, input).catch((error: unknown) => error as Error)])
    if (page instanceof Error) {
      if (!(page instanceof ValidationError)) throw page
      const problems: FieldProblem[] = page.fields.map((f) => ({ field: f.field, message: PAGE_MESSAGES[f.field] ?? f.message }))
      return reply.code(400).view('pages/admin/bookings/index.njk', { ...view, ...errorsView(problems, { cursor: 'sort' }), refused: true })
    }
    const clashes = await bookingsClashingWithCalendars(app.pg.pool, page.bookings.map((booking) => booking.id))
    const base = bookingListParams(page.query.filters, page.query.sort)
    if (!base.has('from')) base.set('from', '')
    const withCursor = (cursor: string) => {
      const params = new URLSearchParams(base)
      params.set('cursor', cursor)
      return `/admin/bookings?${params.toString()}#bookings`
    }
    return reply.view('pages/admin/bookings/index.njk', {
      ...view,
      ...errorsView([]),
      // A busy time in the coach's own calendar over a booking: marked, never moved.
      bookings: page.bookings.map((booking) => ({ ...row(booking), calendarClash: clashes.has(booking.id) })),
      nextUrl: page.nextCursor ? withCursor(page.nextCursor) : null,
      firstPageUrl: page.query.cursor ? `/admin/bookings?${base.toString()}#bookings` : null,
      today: formatDate(app.clock.now()),
    })
  })

  // --- One booking: details, timeline, move or cancel ---

  interface FormState {
    reassign?: { coachId: string; reason: string }
    cancel?: { reason: string }
    problems?: FieldProblem[]
    status?: number
  }

  async function showBooking(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState = {}) {
    const detail = await adminBookingDetail(deps, id, staffRequest(request))
    const { booking } = detail
    const changeable = booking.status === 'booked' && new Date(booking.start) > app.clock.now()
    const coaches = changeable ? await otherCoachesOfProgramme(app.pg.pool, booking.programme.id, booking.coach.id) : []
    // A busy time in the coach's own calendar over it: marked as on the list, never moved.
    const calendarClash = (await bookingsClashingWithCalendars(app.pg.pool, [booking.id])).has(booking.id)
    const reassign = state.reassign ?? { coachId: '', reason: '' }
    const done = (request.query as QueryValues).done
    return reply.code(state.status ?? 200).view('pages/admin/bookings/booking.njk', {
      ...errorsView(state.problems ?? [], { coachId: 'reassign-coach', reason: state.cancel ? 'cancel-reason' : 'reassign-reason' }),
      which: state.cancel ? 'cancel' : 'reassign',
      booking: {
        ...row(booking),
        contactMethod: booking.contactMethod === 'video' ? 'Video call' : 'Phone call',
        bookedAt: formatDate(new Date(booking.bookedAt)),
        cancellationReason: booking.cancellationReason,
        calendarClash,
      },
      done: done === 'reassigned' ? 'The conversation has moved to another coach. The candidate and both coaches have been emailed.' : done === 'cancelled' ? 'The conversation has been cancelled. The candidate and the coach have been emailed.' : null,
      changeable,
      coachOptions: [selectOption('', 'The fairest coach free at that time', reassign.coachId), ...coaches.map((c) => selectOption(c.id, c.name, reassign.coachId))],
      reassign,
      cancel: state.cancel ?? { reason: '' },
      timeline: detail.timeline.map((entry) => ({ when: timelineWhen(entry.at), at: entry.at.toISOString(), ...describeTimelineEntry(entry) })),
    })
  }

  app.get('/:id', { schema: { hide: true, params: Params, querystring: Query } }, async (request, reply) => showBooking(request, reply, request.params.id))

  const ReassignBody = Type.Object({ _csrf: Type.Optional(Type.String()), coachId: text(100), reason: Type.Optional(Type.String({ maxLength: 5000 })) })

  /** What a refused change says on the page, by the field it belongs to. */
  function problemsOf(error: unknown, field: 'coachId' | 'reason'): FieldProblem[] {
    if (error instanceof ValidationError) return error.fields.map((f) => ({ field: f.field === 'coachId' ? 'coachId' : 'reason', message: f.message }))
    if (error instanceof ConflictError) return [{ field, message: error.message }]
    throw error
  }

  app.post('/:id/reassign', { schema: { hide: true, params: Params, body: ReassignBody } }, async (request, reply) => {
    const coachId = (request.body.coachId ?? '').trim()
    const reason = (request.body.reason ?? '').trim()
    // Seen first: a booking that does not exist is a 404 whatever was sent.
    await findAdminBooking(deps, request.params.id)
    try {
      await reassignBooking(deps, { bookingId: request.params.id, coachId: coachId || null, reason }, { staff: request.staff })
    } catch (error) {
      return showBooking(request, reply, request.params.id, { reassign: { coachId, reason }, problems: problemsOf(error, 'coachId'), status: error instanceof ConflictError ? 409 : 400 })
    }
    return reply.redirect(`/admin/bookings/${request.params.id.toLowerCase()}?done=reassigned`, 303)
  })

  const CancelBody = Type.Object({ _csrf: Type.Optional(Type.String()), reason: Type.Optional(Type.String({ maxLength: 5000 })), confirm: text(10) })

  app.post('/:id/cancel', { schema: { hide: true, params: Params, body: CancelBody } }, async (request, reply) => {
    const reason = (request.body.reason ?? '').trim()
    const booking = await findAdminBooking(deps, request.params.id)
    if (reason === '') {
      return showBooking(request, reply, request.params.id, { cancel: { reason }, problems: [{ field: 'reason', message: 'Enter why the conversation is cancelled' }], status: 400 })
    }
    if (request.body.confirm !== 'yes') {
      // Nothing changes until the programme team confirms.
      return reply.view('pages/admin/bookings/cancel-confirm.njk', {
        booking: row(booking),
        reason,
      })
    }
    try {
      await cancelBooking(deps, { bookingId: request.params.id, reason }, { staff: request.staff })
    } catch (error) {
      return showBooking(request, reply, request.params.id, { cancel: { reason }, problems: problemsOf(error, 'reason'), status: error instanceof ConflictError ? 409 : 400 })
    }
    return reply.redirect(`/admin/bookings/${request.params.id.toLowerCase()}?done=cancelled`, 303)
  })
}

export default adminBookings
