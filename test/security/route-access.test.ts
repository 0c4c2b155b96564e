import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createStaff, formSession, startSession, type TestStaff } from '../support/staff.js'
import { insertBookingRow } from '../support/booking-fixtures.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { insertProgramme } from '../support/programmes.js'

/**
 * WHO MAY USE WHICH ROUTE: one row per route of the app, with the status each
 * kind of person gets. The test collects every route the app registers
 * (app.routeCatalogue) and fails for a route without a row, and for a row
 * without a route.
 *
 * ADDING A ROUTE? Add its row to `table` below, keyed "METHOD /path/:as-registered":
 *
 *   'GET /coach/bookings/:id': {
 *     url: (f) => `/coach/bookings/${f.booking.id}`,   // needed when the path has parameters
 *     anonymous: 302, coach: 200, otherCoach: 404, admin: 200,
 *     candidateOwn: 302, candidateOther: 302,           // optional: see `Fixtures`
 *   },
 *
 * - Statuses are what the person gets back, not what the handler would do
 *   with a good body: 400 (bad input) means "let in". Pages redirect an
 *   anonymous person to sign in (302), the API answers 401; wrong role 403.
 * - POST rows send `payload` (default {}): JSON for /api, a form with a valid
 *   CSRF token for pages, so the check under test is access, not CSRF.
 * - HEAD is checked with the GET row.
 * - Every request gets a fresh session, so a row that signs out (or ends a
 *   booking) cannot disturb the next.
 */

/** The people the table speaks for. */
type Persona = 'anonymous' | 'coach' | 'otherCoach' | 'admin' | 'candidateOwn' | 'candidateOther'
type Status = number | readonly number[]

interface Row {
  /** The URL to request: required when the route has parameters or a wildcard. */
  url?: string | ((fixtures: Fixtures) => string)
  /** POST/PUT/PATCH/DELETE body. */
  payload?: Record<string, unknown> | ((fixtures: Fixtures) => Record<string, unknown>)
  anonymous: Status
  /** Signed-in coach: for routes about one booking, that booking's coach. */
  coach: Status
  admin: Status
  /** Another coach (not the booking's). Defaults to `coach`. */
  otherCoach?: Status
  /** A candidate sending their own booking's manage token (Authorization: Bearer). Checked when given. */
  candidateOwn?: Status
  /** A candidate sending another booking's manage token. Checked when given. */
  candidateOther?: Status
}

/**
 * What rows about one booking point at. Reading rows use `live` (a real
 * booking of `coach`'s, whose manage token is `candidateOwn`'s; `otherLive`
 * is `otherCoach`'s and gives `candidateOther` its token). Rows that change
 * a booking use `booking`, an id and token that do not exist, so no row
 * changes what the next one sees; their own-versus-other checks are in
 * test/routes/api/bookings, test/notes and test/pages/manage-booking.
 */
interface Fixtures {
  booking: { id: string; manageToken: string }
  otherBooking: { id: string; manageToken: string }
  /** Real bookings for reading rows: `coach`'s candidate, and `otherCoach`'s, each with a working manage token. */
  live: { id: string; manageToken: string }
  otherLive: { id: string; manageToken: string }
  programmeSlug: string
  programmeId: string
}

/** A real booking with a coach, and a manage token that works (stored as its hash, as the service does). */
async function liveBooking(app: FastifyInstance, programmeId: string, coachId: string, start: string) {
  const id = await insertBookingRow(app.pg.pool, { programmeId, coachId, start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString() })
  const { token, hash } = generateToken()
  await app.pg.query(`INSERT INTO booking_manage_tokens (booking_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
    id,
    hash,
    new Date(Date.parse(start) + 30 * 24 * 60 * 60_000),
  ])
  return { id, manageToken: token }
}

async function setUpFixtures(app: FastifyInstance, people: { coach: TestStaff; otherCoach: TestStaff }): Promise<Fixtures> {
  const programme = await insertProgramme(app.pg.pool, { slug: 'route-access', name: 'Route access' })
  // The coach works weekdays 9 to 5, so the programme is bookable (DECISIONS "Not bookable") and its booking pages open.
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.pg.query('INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, $2, 540, 1020)', [people.coach.coachId, weekday])
  }
  await app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [programme.id, people.coach.coachId])
  // In the future of the test clock, so the bookings are live.
  const start = new Date(app.clock.now().getTime() + 7 * 24 * 60 * 60_000).toISOString()
  return {
    booking: { id: randomUUID(), manageToken: 'no-such-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    otherBooking: { id: randomUUID(), manageToken: 'no-such-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
    live: await liveBooking(app, programme.id, people.coach.coachId!, start),
    otherLive: await liveBooking(app, programme.id, people.otherCoach.coachId!, start),
    programmeSlug: programme.slug,
    programmeId: programme.id,
  }
}

const everyone = (status: Status) => ({ anonymous: status, coach: status, admin: status })
const publicPage = everyone(200)

const action = { summary: 'Look at health careers roles', owner: 'candidate', dueOn: '2026-04-01', category: 'other' }

const table: Record<string, Row> = {
  // --- Public pages and files -------------------------------------------------
  'GET /': publicPage,
  'GET /accessibility-statement': publicPage,
  'GET /contact-us': publicPage,
  'GET /privacy': publicPage,
  'GET /assets/*': { url: '/assets/application.css', ...publicPage },
  'GET /healthz': publicPage,
  'GET /readyz': everyone(503), // no worker in tests: "not ready", for everyone alike
  'GET /docs': publicPage,
  'GET /docs/json': publicPage,
  'GET /docs/yaml': publicPage,
  'GET /docs/static/index.html': everyone(302), // Swagger UI sends it on to /docs
  'GET /docs/static/swagger-initializer.js': publicPage,
  'GET /docs/static/*': { url: '/docs/static/swagger-ui.css', ...publicPage },
  // A coach's private calendar feed: whoever holds the address; any other address is a 404 (a real one: test/calendar-sync/coach-feed).
  'GET /calendar/:file': { url: `/calendar/${'a'.repeat(43)}.ics`, ...everyone(404) },

  // --- Staff sign-in ------------------------------------------------------------
  'GET /sign-in': { anonymous: 200, coach: 303, admin: 303 }, // signed in: on to their home page
  'POST /sign-in': { payload: {}, ...everyone(400) }, // empty form: the error summary
  'POST /sign-out': { anonymous: 303, coach: 303, admin: 303 },
  'POST /sign-out-everywhere': { anonymous: 303, coach: 303, admin: 303 },
  'GET /signed-out': publicPage,
  'POST /api/v1/auth/login': { payload: {}, ...everyone(400) },
  'POST /api/v1/auth/logout': everyone(204),
  'POST /api/v1/auth/logout-everywhere': { anonymous: 401, coach: 204, admin: 204 },
  // Two-factor sign-in steps: without a pending sign-in (a right password first), back to /sign-in.
  'GET /sign-in/code': everyone(303),
  'POST /sign-in/code': everyone(303),
  'GET /sign-in/recovery-code': everyone(303),
  'POST /sign-in/recovery-code': everyone(303),
  'GET /sign-in/set-up-two-factor': everyone(303),
  'POST /sign-in/set-up-two-factor': everyone(303),
  // Forgotten password and password links (anyone; a token that does not exist: 404).
  'GET /password/forgotten': publicPage,
  'POST /password/forgotten': everyone(400), // empty form: the error summary
  'GET /password/forgotten/sent': publicPage,
  'GET /password/reset/:token': { url: (f) => `/password/reset/${f.booking.manageToken}`, ...everyone(404) },
  'POST /password/reset/:token': { url: (f) => `/password/reset/${f.booking.manageToken}`, ...everyone(404) },
  'GET /password/changed': publicPage,
  // One's own two-factor sign-in (anyone signed in). The admin has it set up, the coach has not.
  'GET /account/two-factor': { anonymous: 302, coach: 200, admin: 200 },
  // One's own password (anyone signed in); an empty form answers its error summary.
  'GET /account/password': { anonymous: 302, coach: 200, admin: 200 },
  'POST /account/password': { anonymous: 303, coach: 400, admin: 400 },
  'GET /account/two-factor/set-up': { anonymous: 302, coach: 200, admin: 303 }, // already set up: back to the page
  'POST /account/two-factor/set-up': { anonymous: 303, coach: 400, admin: 303 },
  'POST /account/two-factor/recovery-codes': { anonymous: 303, coach: 400, admin: 400 }, // no code: the error summary
  'POST /account/two-factor/turn-off': { anonymous: 303, coach: 400, admin: 400 },

  // --- Staff areas ------------------------------------------------------------------
  'GET /coach': { anonymous: 302, coach: 200, admin: 403 },
  'GET /admin': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/emails': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/emails/outbox/:file': { url: '/admin/emails/outbox/no-such.eml', anonymous: 302, coach: 403, admin: 404 },
  'GET /admin/emails/outbox/:file/html': {
    url: '/admin/emails/outbox/no-such.eml/html',
    anonymous: 302,
    coach: 403,
    admin: 404,
  },
  'GET /admin/emails/previews': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/emails/previews/:key': { url: '/admin/emails/previews/no-such-email', anonymous: 302, coach: 403, admin: 404 },
  // --- Availability: a coach's own (no coach id in the path), an admin's for any coach -----------
  'GET /coach/availability': { anonymous: 302, coach: 200, admin: 403 },
  'GET /coach/availability/weekly-hours': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/weekly-hours': { payload: { 'monday-1-start': 'nine' }, anonymous: 303, coach: 400, admin: 403 },
  'GET /coach/availability/settings': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/settings': { payload: {}, anonymous: 303, coach: 400, admin: 403 },
  'GET /coach/availability/video-link': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/video-link': { payload: { videoLink: 'not a link' }, anonymous: 303, coach: 400, admin: 403 },
  'GET /coach/availability/dates': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/dates': { payload: {}, anonymous: 303, coach: 400, admin: 403 },
  'POST /coach/availability/dates/:overrideId/remove': {
    url: (f) => `/coach/availability/dates/${f.booking.id}/remove`,
    anonymous: 303,
    coach: 404, // not one of theirs
    admin: 403,
  },
  'GET /coach/availability/time-off': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/time-off': { payload: {}, anonymous: 303, coach: 400, admin: 403 },
  'POST /coach/availability/time-off/:timeOffId/remove': {
    url: (f) => `/coach/availability/time-off/${f.booking.id}/remove`,
    anonymous: 303,
    coach: 404,
    admin: 403,
  },
  // The coach's calendars: an empty form is the error summary; nothing connected yet: 404.
  'GET /coach/availability/calendar': { anonymous: 302, coach: 200, admin: 403 },
  'POST /coach/availability/calendar/subscription': { payload: {}, anonymous: 303, coach: 400, admin: 403 },
  'POST /coach/availability/calendar/caldav': { payload: {}, anonymous: 303, coach: 400, admin: 403 },
  'POST /coach/availability/calendar/sync': { anonymous: 303, coach: 404, admin: 403 },
  'POST /coach/availability/calendar/disconnect': { anonymous: 303, coach: 404, admin: 403 },
  'POST /coach/availability/calendar/feed/details': { payload: { showDetails: 'no' }, anonymous: 303, coach: [303, 404], admin: 403 },
  'POST /coach/availability/calendar/feed/stop': { anonymous: 303, coach: [303, 404], admin: 403 },
  'POST /coach/availability/calendar/feed': { anonymous: 303, coach: 303, admin: 403 },
  'GET /admin/coaches': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/coaches/:coachId/clashes': { url: (f) => `/admin/coaches/${f.booking.id}/clashes`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/clashes': { url: (f) => `/admin/coaches/${f.booking.id}/clashes`, payload: { confirm: 'yes' }, anonymous: 303, coach: 403, admin: 404 },
  // An unknown coach: 404 for admins (a real one: 200, see test/availability).
  'GET /admin/coaches/:coachId/availability': { url: (f) => `/admin/coaches/${f.booking.id}/availability`, anonymous: 302, coach: 403, admin: 404 },
  'GET /admin/coaches/:coachId/availability/weekly-hours': { url: (f) => `/admin/coaches/${f.booking.id}/availability/weekly-hours`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/weekly-hours': { url: (f) => `/admin/coaches/${f.booking.id}/availability/weekly-hours`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/coaches/:coachId/availability/settings': { url: (f) => `/admin/coaches/${f.booking.id}/availability/settings`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/settings': { url: (f) => `/admin/coaches/${f.booking.id}/availability/settings`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/coaches/:coachId/availability/video-link': { url: (f) => `/admin/coaches/${f.booking.id}/availability/video-link`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/video-link': { url: (f) => `/admin/coaches/${f.booking.id}/availability/video-link`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/coaches/:coachId/availability/dates': { url: (f) => `/admin/coaches/${f.booking.id}/availability/dates`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/dates': { url: (f) => `/admin/coaches/${f.booking.id}/availability/dates`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/dates/:overrideId/remove': {
    url: (f) => `/admin/coaches/${f.booking.id}/availability/dates/${f.otherBooking.id}/remove`,
    anonymous: 303,
    coach: 403,
    admin: 404,
  },
  'GET /admin/coaches/:coachId/availability/time-off': { url: (f) => `/admin/coaches/${f.booking.id}/availability/time-off`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/time-off': { url: (f) => `/admin/coaches/${f.booking.id}/availability/time-off`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/time-off/:timeOffId/remove': {
    url: (f) => `/admin/coaches/${f.booking.id}/availability/time-off/${f.otherBooking.id}/remove`,
    anonymous: 303,
    coach: 403,
    admin: 404,
  },
  'GET /admin/coaches/:coachId/availability/calendar': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/subscription': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/subscription`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/caldav': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/caldav`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/sync': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/sync`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/disconnect': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/disconnect`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/feed': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/feed`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/feed/details': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/feed/details`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/coaches/:coachId/availability/calendar/feed/stop': { url: (f) => `/admin/coaches/${f.booking.id}/availability/calendar/feed/stop`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/programmes': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/programmes/new': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/programmes/new': { payload: {}, anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/programmes/:id': { url: (f) => `/admin/programmes/${f.booking.id}`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/programmes/:id': { url: (f) => `/admin/programmes/${f.booking.id}`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/integrations': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/integrations/tokens': { payload: {}, anonymous: 303, coach: 403, admin: 400 },
  'POST /admin/integrations/tokens/:id/revoke': { url: (f) => `/admin/integrations/tokens/${f.booking.id}/revoke`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/integrations/webhooks': { payload: {}, anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/integrations/webhooks/:id': { url: (f) => `/admin/integrations/webhooks/${f.booking.id}`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/integrations/webhooks/:id/deliveries/:deliveryId/send-again': {
    url: (f) => `/admin/integrations/webhooks/${f.booking.id}/deliveries/${f.otherBooking.id}/send-again`,
    anonymous: 303,
    coach: 403,
    admin: 404,
  },
  'POST /admin/integrations/webhooks/:id/rotate-secret': { url: (f) => `/admin/integrations/webhooks/${f.booking.id}/rotate-secret`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/integrations/webhooks/:id/remove': { url: (f) => `/admin/integrations/webhooks/${f.booking.id}/remove`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/programmes/:id/who-may-book': { url: (f) => `/admin/programmes/${f.programmeId}/who-may-book`, anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/programmes/:id/who-may-book': { url: (f) => `/admin/programmes/${f.programmeId}/who-may-book`, payload: {}, anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/resources': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/resources': { payload: {}, anonymous: 303, coach: 403, admin: 400 },
  'POST /admin/resources/:id/remove': { url: (f) => `/admin/resources/${f.booking.id}/remove`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/outbox': { anonymous: 302, coach: 403, admin: 303 }, // on to /admin/emails#outbox

  'GET /admin/emails/previews/:key/html': {
    url: '/admin/emails/previews/no-such-email/html',
    anonymous: 302,
    coach: 403,
    admin: 404,
  },
  'POST /admin/emails/deliveries/:id/retry': {
    url: (f) => `/admin/emails/deliveries/${f.booking.id}/retry`,
    anonymous: 303, // a form post: to the sign-in page, without a way back
    coach: 403,
    admin: 404,
  },

  // --- Invitations (programme team): pages and API. No such invitation: 404; an empty form: 400.
  // --- Follow-up actions and programme reports (admins) -------------------------
  'GET /admin/actions': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/actions/summary': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/actions/bulk-status': { anonymous: 303, coach: 403, admin: 400 }, // nothing chosen: the error summary
  'POST /admin/actions/bulk-status/confirm': { anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/actions/candidates/:bookingId': { url: (f) => `/admin/actions/candidates/${f.live.id}`, anonymous: 302, coach: 403, admin: 200 },
  'GET /api/v1/admin/actions': { anonymous: 401, coach: 403, admin: 200 },
  'GET /api/v1/admin/actions/export': { anonymous: 401, coach: 403, admin: 200 },
  'POST /api/v1/admin/actions/bulk-status': { payload: {}, anonymous: 401, coach: 403, admin: 400 },
  // Bookings for the programme team. No such booking: 404.
  'GET /admin/bookings': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/waitlist': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/waitlist/:programme': { url: (f) => `/admin/waitlist/${f.programmeSlug}`, anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/waitlist/:programme/:entryId/remove': { url: (f) => `/admin/waitlist/${f.programmeSlug}/${f.booking.id}/remove`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/bookings/:id': { url: (f) => `/admin/bookings/${f.live.id}`, anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/bookings/:id/reassign': { url: (f) => `/admin/bookings/${f.booking.id}/reassign`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/bookings/:id/cancel': { url: (f) => `/admin/bookings/${f.booking.id}/cancel`, anonymous: 303, coach: 403, admin: 404 },
  'GET /api/v1/admin/bookings': { anonymous: 401, coach: 403, admin: 200 },
  'GET /api/v1/admin/bookings/:id': { url: (f) => `/api/v1/admin/bookings/${f.live.id}`, anonymous: 401, coach: 403, admin: 200 },
  'GET /admin/reports': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/reports/comments': { url: '/admin/reports/comments?programme=nothing&from=2026-01-01&to=2026-01-31', anonymous: 302, coach: 403, admin: 303 }, // a real one: test/outcomes/report-figures
  'GET /api/v1/reports/programme': {
    url: (f) => `/api/v1/reports/programme?programme=${f.programmeSlug}&from=2026-01-01&to=2026-03-31`,
    anonymous: 401, coach: 403, admin: 200,
  },
  'GET /api/v1/reports/programme/export': {
    url: (f) => `/api/v1/reports/programme/export?programme=${f.programmeSlug}&from=2026-01-01&to=2026-03-31`,
    anonymous: 401, coach: 403, admin: 200,
  },
  'GET /admin/invitations': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/invitations/new': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/invitations/new': { anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/invitations/upload': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/invitations/upload': { anonymous: 303, coach: 403, admin: 400 }, // no file: the error summary
  'GET /admin/invitations/template.csv': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/invitations/:id/withdraw': { url: (f) => `/admin/invitations/${f.booking.id}/withdraw`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/invitations/:id/withdraw': { url: (f) => `/admin/invitations/${f.booking.id}/withdraw`, anonymous: 303, coach: 403, admin: 404 },
  'GET /api/v1/admin/invitations': { anonymous: 401, coach: 403, admin: 200 },
  'POST /api/v1/admin/coaches/:id/deactivate': { url: (f) => `/api/v1/admin/coaches/${f.booking.id}/deactivate`, payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'PATCH /api/v1/admin/programmes/:slug': { url: (f) => `/api/v1/admin/programmes/${f.programmeSlug}`, payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'POST /api/v1/admin/invitations': { payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'POST /api/v1/admin/invitations/batch': { payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'GET /api/v1/admin/invitations/:id': { url: (f) => `/api/v1/admin/invitations/${f.booking.id}`, anonymous: 401, coach: 403, admin: 404 },
  // Integrations: API tokens (a person's session only), webhooks and the event feed.
  'POST /api/v1/admin/api-tokens': { payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'GET /api/v1/admin/api-tokens': { anonymous: 401, coach: 403, admin: 200 },
  'DELETE /api/v1/admin/api-tokens/:id': { url: (f) => `/api/v1/admin/api-tokens/${f.booking.id}`, anonymous: 401, coach: 403, admin: 404 },
  'POST /api/v1/admin/webhooks': { payload: {}, anonymous: 401, coach: 403, admin: 400 },
  'GET /api/v1/admin/webhooks': { anonymous: 401, coach: 403, admin: 200 },
  'DELETE /api/v1/admin/webhooks/:id': { url: (f) => `/api/v1/admin/webhooks/${f.booking.id}`, anonymous: 401, coach: 403, admin: 404 },
  'POST /api/v1/admin/webhooks/:id/rotate-secret': { url: (f) => `/api/v1/admin/webhooks/${f.booking.id}/rotate-secret`, anonymous: 401, coach: 403, admin: 404 },
  'GET /api/v1/admin/webhooks/:id/deliveries': { url: (f) => `/api/v1/admin/webhooks/${f.booking.id}/deliveries`, anonymous: 401, coach: 403, admin: 404 },
  'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/send-again': {
    url: (f) => `/api/v1/admin/webhooks/${f.booking.id}/deliveries/${f.otherBooking.id}/send-again`,
    anonymous: 401,
    coach: 403,
    admin: 404,
  },
  'GET /api/v1/events': { anonymous: 401, coach: 403, admin: 200 },
  'POST /api/v1/admin/invitations/:id/withdraw': {
    url: (f) => `/api/v1/admin/invitations/${f.booking.id}/withdraw`,
    anonymous: 401,
    coach: 403,
    admin: 404,
  },

  // --- Staff accounts (programme team). No such person: 404; an empty form: 400.
  'GET /admin/staff': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/staff/new': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/staff/new': { anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/staff/:id': { url: (f) => `/admin/staff/${f.booking.id}`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/staff/:id/role': { url: (f) => `/admin/staff/${f.booking.id}/role`, payload: { role: 'coach' }, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/staff/:id/programmes': { url: (f) => `/admin/staff/${f.booking.id}/programmes`, anonymous: 303, coach: 403, admin: 404 },
  'GET /admin/staff/:id/deactivate': { url: (f) => `/admin/staff/${f.booking.id}/deactivate`, anonymous: 302, coach: 403, admin: 404 },
  'POST /admin/staff/:id/deactivate': { url: (f) => `/admin/staff/${f.booking.id}/deactivate`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/staff/:id/reactivate': { url: (f) => `/admin/staff/${f.booking.id}/reactivate`, anonymous: 303, coach: 403, admin: 404 },
  'POST /admin/staff/:id/two-factor/reset': { url: (f) => `/admin/staff/${f.booking.id}/two-factor/reset`, anonymous: 303, coach: 403, admin: 404 },

  // --- Data protection (programme team): requests, retention, the audit log. An empty form: 400.
  'GET /admin/data': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/data/requests': { anonymous: 302, coach: 403, admin: 200 },
  'POST /admin/data/requests': { anonymous: 303, coach: 403, admin: 400 },
  'POST /admin/data/requests/erase': { anonymous: 303, coach: 403, admin: 400 },
  'GET /admin/data/retention': { anonymous: 302, coach: 403, admin: 200 },
  'GET /admin/audit': { anonymous: 302, coach: 403, admin: 200 },

  // --- Public reference data --------------------------------------------------------
  'GET /api/v1/programmes': publicPage,
  'GET /api/v1/conversation-models': publicPage,
  'GET /api/v1/conversation-models/:key': { url: '/api/v1/conversation-models/four-stage', ...publicPage },

  // --- Booking (anyone may book; one booking: its candidate, its coach, admins) ------
  'GET /api/v1/slots': everyone(400), // no query: 400 for all, nobody is kept out
  'POST /api/v1/slots/holds': { payload: {}, ...everyone(400) },
  'POST /api/v1/email-codes': { payload: {}, ...everyone(400) },
  'POST /api/v1/waitlist': { payload: {}, ...everyone(400) },
  'GET /api/v1/waitlist/:id': { url: (f) => `/api/v1/waitlist/${f.booking.id}`, anonymous: 401, coach: 403, admin: 404, candidateOwn: 404, candidateOther: 404 },
  'DELETE /api/v1/waitlist/:id': { url: (f) => `/api/v1/waitlist/${f.booking.id}`, anonymous: 401, coach: 403, admin: 404, candidateOwn: 404, candidateOther: 404 },
  'POST /api/v1/bookings': { payload: {}, ...everyone(400) },
  'GET /api/v1/bookings/:id': { url: (f) => `/api/v1/bookings/${f.live.id}`, anonymous: 401, coach: 200, otherCoach: 404, admin: 200, candidateOwn: 200, candidateOther: 404 },
  'POST /api/v1/bookings/:id/cancel': {
    url: (f) => `/api/v1/bookings/${f.booking.id}/cancel`,
    payload: {},
    anonymous: 401,
    coach: 404,
    admin: 404,
  },
  'GET /api/v1/bookings/:id/preparation': {
    url: (f) => `/api/v1/bookings/${f.live.id}/preparation`,
    anonymous: 401,
    coach: 200,
    otherCoach: 404,
    admin: 200,
    candidateOwn: 200,
    candidateOther: 404,
  },
  'PUT /api/v1/bookings/:id/preparation': {
    url: (f) => `/api/v1/bookings/${f.booking.id}/preparation`,
    payload: { answers: {} },
    anonymous: 401,
    coach: 404,
    admin: 404,
  },
  // --- Notes and actions (the fixture booking does not exist: staff get 404; see test/notes for real ones) ---
  'GET /api/v1/bookings/:id/notes': { url: (f) => `/api/v1/bookings/${f.live.id}/notes`, anonymous: 401, coach: 200, otherCoach: 404, admin: 200, candidateOwn: 403, candidateOther: [403, 404] },
  'PUT /api/v1/bookings/:id/notes': { url: (f) => `/api/v1/bookings/${f.booking.id}/notes`, payload: { version: 0, values: {} }, anonymous: 401, coach: 404, admin: 404 },
  'POST /api/v1/bookings/:id/notes/complete': { url: (f) => `/api/v1/bookings/${f.booking.id}/notes/complete`, payload: { version: 0 }, anonymous: 401, coach: 404, admin: 404 },
  'POST /api/v1/bookings/:id/notes/addenda': { url: (f) => `/api/v1/bookings/${f.booking.id}/notes/addenda`, payload: { text: 'x', visibility: 'shared' }, anonymous: 401, coach: 404, admin: 404 },
  'POST /api/v1/bookings/:id/outcome': { url: (f) => `/api/v1/bookings/${f.booking.id}/outcome`, payload: { outcome: 'held' }, anonymous: 401, coach: 404, admin: 404 },
  'GET /api/v1/bookings/:id/summary': { url: (f) => `/api/v1/bookings/${f.live.id}/summary`, anonymous: 401, coach: 200, otherCoach: 404, admin: 200, candidateOwn: 200, candidateOther: 404 },
  'GET /api/v1/bookings/:id/resources': { url: (f) => `/api/v1/bookings/${f.booking.id}/resources`, anonymous: 401, coach: 404, admin: 404 },
  'POST /api/v1/bookings/:id/actions': { url: (f) => `/api/v1/bookings/${f.booking.id}/actions`, payload: action, anonymous: 401, coach: 404, admin: 404 },
  'PUT /api/v1/bookings/:id/actions/:actionId': { url: (f) => `/api/v1/bookings/${f.booking.id}/actions/${f.otherBooking.id}`, payload: action, anonymous: 401, coach: 404, admin: 404 },
  'DELETE /api/v1/bookings/:id/actions/:actionId': { url: (f) => `/api/v1/bookings/${f.booking.id}/actions/${f.otherBooking.id}`, anonymous: 401, coach: 404, admin: 404 },
  'POST /api/v1/bookings/:id/actions/:actionId/status': { url: (f) => `/api/v1/bookings/${f.booking.id}/actions/${f.otherBooking.id}/status`, payload: { status: 'done' }, anonymous: 401, coach: 404, admin: 404 },
  'GET /coach/conversations/:bookingId/notes': { url: (f) => `/coach/conversations/${f.live.id}/notes`, anonymous: 302, coach: 200, otherCoach: 404, admin: 403 },
  'GET /coach/conversations/:bookingId/notes/check': { url: (f) => `/coach/conversations/${f.booking.id}/notes/check`, anonymous: 302, coach: 404, admin: 403 },
  'POST /coach/conversations/:bookingId/notes': { url: (f) => `/coach/conversations/${f.booking.id}/notes`, anonymous: 303, coach: 404, admin: 403 },
  'POST /coach/conversations/:bookingId/notes/complete': { url: (f) => `/coach/conversations/${f.booking.id}/notes/complete`, anonymous: 303, coach: 404, admin: 403 },
  'POST /coach/conversations/:bookingId/notes/addenda': { url: (f) => `/coach/conversations/${f.booking.id}/notes/addenda`, anonymous: 303, coach: 404, admin: 403 },
  'GET /coach/conversations/:bookingId/video-link': { url: (f) => `/coach/conversations/${f.live.id}/video-link`, anonymous: 302, coach: 200, otherCoach: 404, admin: 403 },
  'POST /coach/conversations/:bookingId/video-link': { url: (f) => `/coach/conversations/${f.booking.id}/video-link`, anonymous: 303, coach: 404, admin: 403 },
  'POST /coach/conversations/:bookingId/outcome': { url: (f) => `/coach/conversations/${f.booking.id}/outcome`, anonymous: 303, coach: 404, admin: 403 },
  'GET /coach/conversations/:bookingId/outcome': { url: (f) => `/coach/conversations/${f.live.id}/outcome`, anonymous: 302, coach: 200, otherCoach: 404, admin: 403 },
  'POST /api/v1/bookings/:id/reassign': {
    url: (f) => `/api/v1/bookings/${f.booking.id}/reassign`,
    payload: { reason: 'Coach unwell' },
    anonymous: 401,
    coach: 404,
    admin: 404,
  },
  'POST /api/v1/bookings/:id/reschedule': {
    url: (f) => `/api/v1/bookings/${f.booking.id}/reschedule`,
    payload: { start: '2026-03-09T10:00:00.000Z' },
    anonymous: 401,
    coach: 404,
    admin: 404,
  },

  // --- Booking pages (candidates; no sign-in). Open to all alike; without the earlier
  // steps' answers a step sends you back (303), an empty form gets its error summary (400).
  'GET /book': everyone(302), // on to the programme
  'GET /book/:programme': { url: (f) => `/book/${f.programmeSlug}`, ...everyone(303) },
  'GET /book/:programme/day': { url: (f) => `/book/${f.programmeSlug}/day`, ...publicPage },
  'POST /book/:programme/day': { url: (f) => `/book/${f.programmeSlug}/day`, ...everyone(400) },
  'GET /book/:programme/time': { url: (f) => `/book/${f.programmeSlug}/time`, ...everyone(303) },
  'POST /book/:programme/time': { url: (f) => `/book/${f.programmeSlug}/time`, ...everyone(303) },
  'GET /book/:programme/time-zone': { url: (f) => `/book/${f.programmeSlug}/time-zone`, ...publicPage },
  'POST /book/:programme/time-zone': { url: (f) => `/book/${f.programmeSlug}/time-zone`, ...everyone(400) },
  'GET /book/:programme/details': { url: (f) => `/book/${f.programmeSlug}/details`, ...everyone(303) },
  'POST /book/:programme/details': { url: (f) => `/book/${f.programmeSlug}/details`, ...everyone(303) },
  // Proof of the address: without the earlier answers, back to the first question.
  'GET /book/:programme/email-code': { url: (f) => `/book/${f.programmeSlug}/email-code`, ...everyone(303) },
  'POST /book/:programme/email-code': { url: (f) => `/book/${f.programmeSlug}/email-code`, ...everyone(303) },
  'POST /book/:programme/email-code/resend': { url: (f) => `/book/${f.programmeSlug}/email-code/resend`, ...everyone(303) },
  'GET /book/:programme/contact': { url: (f) => `/book/${f.programmeSlug}/contact`, ...everyone(303) },
  'POST /book/:programme/contact': { url: (f) => `/book/${f.programmeSlug}/contact`, ...everyone(303) },
  'GET /book/:programme/information': { url: (f) => `/book/${f.programmeSlug}/information`, ...everyone(303) },
  'POST /book/:programme/information': { url: (f) => `/book/${f.programmeSlug}/information`, ...everyone(303) },
  'GET /book/:programme/check': { url: (f) => `/book/${f.programmeSlug}/check`, ...everyone(303) },
  'POST /book/:programme/check': { url: (f) => `/book/${f.programmeSlug}/check`, ...everyone(303) },
  'POST /book/:programme/keep-time': { url: (f) => `/book/${f.programmeSlug}/keep-time`, ...everyone(303) }, // nothing held: on to the first page
  'GET /book/:programme/confirmation': { url: (f) => `/book/${f.programmeSlug}/confirmation`, ...everyone(303) },
  'GET /book/:programme/waitlist': { url: (f) => `/book/${f.programmeSlug}/waitlist`, ...everyone(303) },
  'GET /waitlist/:programme': { url: (f) => `/waitlist/${f.programmeSlug}`, ...everyone(303) },
  'GET /waitlist/:programme/details': { url: (f) => `/waitlist/${f.programmeSlug}/details`, ...publicPage },
  'POST /waitlist/:programme/details': { url: (f) => `/waitlist/${f.programmeSlug}/details`, ...everyone(400) },
  'GET /waitlist/:programme/contact': { url: (f) => `/waitlist/${f.programmeSlug}/contact`, ...everyone(303) },
  'POST /waitlist/:programme/contact': { url: (f) => `/waitlist/${f.programmeSlug}/contact`, ...everyone(303) },
  'GET /waitlist/:programme/days': { url: (f) => `/waitlist/${f.programmeSlug}/days`, ...everyone(303) },
  'POST /waitlist/:programme/days': { url: (f) => `/waitlist/${f.programmeSlug}/days`, ...everyone(303) },
  'GET /waitlist/:programme/times': { url: (f) => `/waitlist/${f.programmeSlug}/times`, ...everyone(303) },
  'POST /waitlist/:programme/times': { url: (f) => `/waitlist/${f.programmeSlug}/times`, ...everyone(303) },
  'GET /waitlist/:programme/time-zone': { url: (f) => `/waitlist/${f.programmeSlug}/time-zone`, ...everyone(303) },
  'POST /waitlist/:programme/time-zone': { url: (f) => `/waitlist/${f.programmeSlug}/time-zone`, ...everyone(303) },
  'GET /waitlist/:programme/dates': { url: (f) => `/waitlist/${f.programmeSlug}/dates`, ...everyone(303) },
  'POST /waitlist/:programme/dates': { url: (f) => `/waitlist/${f.programmeSlug}/dates`, ...everyone(303) },
  'GET /waitlist/:programme/information': { url: (f) => `/waitlist/${f.programmeSlug}/information`, ...everyone(303) },
  'POST /waitlist/:programme/information': { url: (f) => `/waitlist/${f.programmeSlug}/information`, ...everyone(303) },
  'GET /waitlist/:programme/check': { url: (f) => `/waitlist/${f.programmeSlug}/check`, ...everyone(303) },
  'POST /waitlist/:programme/check': { url: (f) => `/waitlist/${f.programmeSlug}/check`, ...everyone(303) },
  'GET /waitlist/:programme/email-code': { url: (f) => `/waitlist/${f.programmeSlug}/email-code`, ...everyone(303) },
  'POST /waitlist/:programme/email-code': { url: (f) => `/waitlist/${f.programmeSlug}/email-code`, ...everyone(303) },
  'GET /waitlist/:programme/confirmation': { url: (f) => `/waitlist/${f.programmeSlug}/confirmation`, ...everyone(303) },
  'GET /waitlist/manage/:token': { url: (f) => `/waitlist/manage/${f.booking.manageToken}`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'GET /waitlist/manage/:token/offer': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/offer`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'POST /waitlist/manage/:token/offer/book': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/offer/book`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'POST /waitlist/manage/:token/offer/decline': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/offer/decline`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'GET /waitlist/manage/:token/change': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/change`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'POST /waitlist/manage/:token/change': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/change`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'POST /waitlist/manage/:token/leave': { url: (f) => `/waitlist/manage/${f.booking.manageToken}/leave`, ...everyone(404) }, // an unknown link; a real one: test/waitlist
  'GET /invitations/:token': { url: (f) => `/invitations/${f.booking.manageToken}`, ...everyone(404) },

  // --- Manage link pages: the token in the path is the key (an unknown one here: 404 for everyone alike).
  'GET /bookings/manage/:token': { url: (f) => `/bookings/manage/${f.booking.manageToken}`, ...everyone(404) }, // an unknown token; a real one: test/pages/manage-booking
  'GET /bookings/manage/:token/calendar.ics': { url: (f) => `/bookings/manage/${f.booking.manageToken}/calendar.ics`, ...everyone(404) },
  'GET /bookings/manage/:token/change': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change`, ...everyone(404) },
  'POST /bookings/manage/:token/change': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change`, ...everyone(404) },
  'GET /bookings/manage/:token/change/time': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/time`, ...everyone(404) },
  'POST /bookings/manage/:token/change/time': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/time`, ...everyone(404) },
  'GET /bookings/manage/:token/change/time-zone': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/time-zone`, ...everyone(404) },
  'POST /bookings/manage/:token/change/time-zone': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/time-zone`, ...everyone(404) },
  'GET /bookings/manage/:token/change/check': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/check`, ...everyone(404) },
  'POST /bookings/manage/:token/change/check': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/check`, ...everyone(404) },
  'POST /bookings/manage/:token/change/keep-time': { url: (f) => `/bookings/manage/${f.booking.manageToken}/change/keep-time`, ...everyone(404) },
  'GET /bookings/manage/:token/changed': { url: (f) => `/bookings/manage/${f.booking.manageToken}/changed`, ...everyone(404) },
  'GET /bookings/manage/:token/cancel': { url: (f) => `/bookings/manage/${f.booking.manageToken}/cancel`, ...everyone(404) },
  'POST /bookings/manage/:token/cancel': { url: (f) => `/bookings/manage/${f.booking.manageToken}/cancel`, ...everyone(404) },
  'GET /bookings/manage/:token/cancelled': { url: (f) => `/bookings/manage/${f.booking.manageToken}/cancelled`, ...everyone(404) },
  // The candidate's own space (the fixture token opens nothing: the one 404 page) and "Get a new link".
  'POST /bookings/manage/:token/preparation': { url: (f) => `/bookings/manage/${f.booking.manageToken}/preparation`, ...everyone(404) },
  // The questions after a conversation; a real token: test/outcomes/question-pages.
  'GET /bookings/manage/:token/feedback': { url: (f) => `/bookings/manage/${f.booking.manageToken}/feedback`, ...everyone(404) },
  'POST /bookings/manage/:token/feedback': { url: (f) => `/bookings/manage/${f.booking.manageToken}/feedback`, ...everyone(404) },
  'POST /bookings/manage/:token/feedback/decline': { url: (f) => `/bookings/manage/${f.booking.manageToken}/feedback/decline`, ...everyone(404) },
  'GET /bookings/manage/:token/outcomes/:months': { url: (f) => `/bookings/manage/${f.booking.manageToken}/outcomes/3`, ...everyone(404) },
  'POST /bookings/manage/:token/outcomes/:months': { url: (f) => `/bookings/manage/${f.booking.manageToken}/outcomes/12`, ...everyone(404) },
  'POST /bookings/manage/:token/outcomes/:months/stop': { url: (f) => `/bookings/manage/${f.booking.manageToken}/outcomes/3/stop`, ...everyone(404) },
  'POST /bookings/manage/:token/actions/:actionId/status': {
    url: (f) => `/bookings/manage/${f.booking.manageToken}/actions/${f.otherBooking.id}/status`,
    ...everyone(404),
  },
  'GET /bookings/new-link': publicPage,
  'POST /bookings/new-link': { payload: {}, ...everyone(400) }, // empty form: the error summary
  'GET /bookings/new-link/sent': publicPage,
}

const personas: Persona[] = ['anonymous', 'coach', 'otherCoach', 'admin', 'candidateOwn', 'candidateOther']
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function expectedFor(row: Row, persona: Persona): Status | undefined {
  if (persona === 'otherCoach') return row.otherCoach ?? row.coach
  return row[persona]
}

function matches(status: number, expected: Status): boolean {
  return typeof expected === 'number' ? status === expected : expected.includes(status)
}

describe('access to every route', () => {
  let app: FastifyInstance
  let people: Record<'coach' | 'otherCoach' | 'admin', TestStaff>
  let fixtures: Fixtures

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    people = {
      coach: await createStaff(app, { role: 'coach' }),
      otherCoach: await createStaff(app, { role: 'coach' }),
      admin: await createStaff(app, { role: 'admin' }),
    }
    fixtures = await setUpFixtures(app, people)
  })
  afterAll(async () => {
    await app?.close()
  })

  function routeKeys(): string[] {
    const keys = new Set<string>()
    for (const { method, url } of app.routeCatalogue) {
      if (method === 'HEAD' && app.routeCatalogue.some((r) => r.method === 'GET' && r.url === url)) continue
      keys.add(`${method} ${url}`)
    }
    return [...keys].sort()
  }

  it('has a row for every route, and a route for every row', () => {
    const routes = routeKeys()
    const missing = routes.filter((key) => !(key in table))
    const stale = Object.keys(table).filter((key) => !routes.includes(key))
    expect(missing, 'routes without a row in test/security/route-access.test.ts: add one').toEqual([])
    expect(stale, 'rows for routes that no longer exist: remove them').toEqual([])
  })

  /** Headers (and, for pages, the CSRF token) that make a request come from this persona. */
  async function as(persona: Persona, method: string, isApi: boolean) {
    let cookie = ''
    if (persona === 'coach' || persona === 'otherCoach' || persona === 'admin') {
      cookie = await startSession(app, people[persona].id)
    }
    const headers: Record<string, string> = {}
    if (persona === 'candidateOwn') headers.authorization = `Bearer ${fixtures.live.manageToken}`
    if (persona === 'candidateOther') headers.authorization = `Bearer ${fixtures.otherLive.manageToken}`
    let csrfToken: string | undefined
    if (UNSAFE.has(method) && !isApi) {
      const form = await formSession(app, cookie)
      cookie = form.cookie
      csrfToken = form.csrfToken
    }
    if (cookie) headers.cookie = cookie
    return { headers, csrfToken }
  }

  for (const [key, row] of Object.entries(table)) {
    it(key, async () => {
      const [method, pattern] = key.split(' ') as [string, string]
      const url = typeof row.url === 'function' ? row.url(fixtures) : (row.url ?? pattern)
      expect(url, 'give a url for a path with parameters').not.toMatch(/[:*]/)
      const isApi = url.startsWith('/api/')
      const problems: string[] = []
      for (const persona of personas) {
        const expected = expectedFor(row, persona)
        if (expected === undefined) continue
        const { headers, csrfToken } = await as(persona, method, isApi)
        const body = typeof row.payload === 'function' ? row.payload(fixtures) : row.payload
        const request = UNSAFE.has(method)
          ? isApi
            ? { method, url, headers, ...(body ? { payload: body } : {}) }
            : {
                method,
                url,
                headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
                payload: new URLSearchParams({ _csrf: csrfToken!, ...(body as Record<string, string>) }).toString(),
              }
          : { method, url, headers }
        const response = await app.inject(request as InjectOptions)
        if (!matches(response.statusCode, expected)) {
          problems.push(`${persona}: expected ${JSON.stringify(expected)}, got ${response.statusCode}`)
        }
        if (method === 'GET') {
          const head = await app.inject({ method: 'HEAD', url, headers: (await as(persona, 'HEAD', isApi)).headers })
          if (!matches(head.statusCode, expected)) {
            problems.push(`${persona} (HEAD): expected ${JSON.stringify(expected)}, got ${head.statusCode}`)
          }
        }
      }
      expect(problems, `${key} (${url})`).toEqual([])
    })
  }
})
