/**
 * The coach's calendars, under their availability pages: for a
 * coach at /coach/availability/calendar, for an admin at
 * /admin/coaches/:coachId/availability/calendar (registered by
 * availability-pages.ts, so each folder's autohooks check access).
 *
 *   GET  /                   what is connected, its last sync, busy times in the booking window, any error; the feed
 *   POST /subscription       connect a subscription address (checked by reading it)
 *   POST /caldav             connect a CalDAV calendar (server, user name, app password)
 *   POST /sync               "Sync now": a sync job at once
 *   POST /disconnect         its busy times stop blocking slots
 *   POST /feed               the coach's own feed: start it, or a new address (coach only)
 *   POST /feed/details       show candidates' details in it or not (coach only)
 *   POST /feed/stop          stop it (the coach, or an admin for them)
 *
 * Secrets are never shown again: the page shows only the calendar's host.
 * Every change is audited as an availability change.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { coachFeed, newFeedAddress, setFeedCandidateDetails, stopFeed } from '../../../../domain/calendar/index.js'
import { connectCaldav, connectSubscription, disconnectCalendar, type ConnectResult } from '../../../../domain/calendar-sync/sync.js'
import { ForbiddenError, NotFoundError } from '../../../../domain/errors.js'
import { DEFAULT_HORIZON_DAYS } from '../../../../domain/slots/index.js'
import { formatDate, formatTime } from '../../../../domain/time/format.js'
import { SYNC_JOB_ATTEMPTS, calendarSyncDeps, syncJobKey } from '../../../../jobs/calendar-sync.js'
import type { AvailabilityCoach } from '../../../../repositories/availability.js'
import { availabilityCoachOf } from './availability-page.js'
import {
  countBusyTimes,
  findConnectionOfCoach,
  longestHorizonDaysOfCoach,
  markDueNow,
} from '../../../../repositories/calendar-connections.js'

const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2000 }))
const Notice = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 40 })) })

const BANNERS: Record<string, string> = {
  connected: 'Calendar connected. Its busy times now block bookings',
  disconnected: 'Calendar disconnected. Its busy times no longer block bookings',
  syncing: 'Reading your calendar again. Refresh this page in a minute to see the result',
  'feed-new': 'Your calendar address is ready. Any earlier address has stopped working',
  'feed-details': 'Saved what your calendar address shows',
  'feed-stopped': 'Your calendar address has stopped working',
}

type CalendarChange = 'calendar_connected' | 'calendar_disconnected' | 'calendar_sync_asked' | 'calendar_feed_new' | 'calendar_feed_details' | 'calendar_feed_stopped'

interface CalendarPagesOptions {
  scope: 'coach' | 'admin'
}

const calendarPages: FastifyPluginAsyncTypebox<CalendarPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const feedDeps = { pool, secret: app.config.SESSION_SECRET, publicUrl: app.config.PUBLIC_URL }

  interface Page {
    coach: AvailabilityCoach
    /** This page's address. */
    base: string
    availability: string
  }

  async function pageFor(request: FastifyRequest): Promise<Page> {
    const { coach, base: availability } = await availabilityCoachOf(pool, request, scope)
    return { coach, base: `${availability}/calendar`, availability }
  }

  async function audit(request: FastifyRequest, page: Page, change: CalendarChange) {
    await app.audit.recordRequest(request, {
      action: 'availability.change',
      subjectType: 'coach',
      subjectId: page.coach.id,
      result: 'success',
      details: { change, scope },
    })
  }

  const when = (instant: Date, zone: string) => `${formatTime(instant, zone)} on ${formatDate(instant, zone)}`

  async function render(reply: FastifyReply, page: Page, options: { banner?: string; failed?: { form: string; result: Extract<ConnectResult, { ok: false }> }; posted?: Record<string, string> } = {}) {
    const now = app.clock.now()
    const zone = page.coach.timeZone
    const connection = await findConnectionOfCoach(pool, page.coach.id)
    const horizonDays = (await longestHorizonDaysOfCoach(pool, page.coach.id)) ?? DEFAULT_HORIZON_DAYS
    const busyCount = connection ? await countBusyTimes(pool, page.coach.id, now, new Date(now.getTime() + horizonDays * 86_400_000)) : 0
    const feed = await coachFeed(feedDeps, page.coach.id)
    const failed = options.failed
    const errors = failed ? [{ text: failed.result.message, href: `#${failed.form}-${failed.result.field}` }] : []
    return reply.code(failed ? 400 : 200).view('pages/availability/calendar.njk', {
      pageTitle: scope === 'admin' ? `Calendar – ${page.coach.name}` : 'Your calendar',
      caption: scope === 'admin' ? page.coach.name : undefined,
      isAdmin: scope === 'admin',
      backLink: { href: page.availability, text: 'Back to availability' },
      base: page.base,
      banner: options.banner,
      hasErrors: errors.length > 0,
      errorList: errors,
      fieldErrors: failed ? { [`${failed.form}-${failed.result.field}`]: failed.result.message } : {},
      values: { address: options.posted?.address ?? '', serverUrl: options.posted?.serverUrl ?? '', username: options.posted?.username ?? '' },
      connection: connection && {
        kind: connection.kind === 'caldav' ? 'CalDAV calendar' : 'Subscription address',
        isCaldav: connection.kind === 'caldav',
        where: connection.addressShown,
        username: connection.username,
        lastSynced: connection.lastSyncedAt ? when(connection.lastSyncedAt, zone) : 'Not yet',
        lastError: connection.lastError,
        failingSince: connection.failingSince ? when(connection.failingSince, zone) : null,
        busyCount,
        horizonDays,
      },
      feed: feed && {
        address: scope === 'coach' ? feed.address : null,
        subscribeAddress: scope === 'coach' ? feed.subscribeAddress : null,
        showsCandidateDetails: feed.showsCandidateDetails,
        since: when(feed.createdAt, zone),
      },
    })
  }

  app.get('/', { schema: { hide: true, querystring: Notice } }, async (request, reply) =>
    render(reply, await pageFor(request), { banner: BANNERS[request.query.saved ?? ''] }),
  )

  app.post('/subscription', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const result = await connectSubscription(calendarSyncDeps(app), page.coach.id, request.body.address)
    if (!result.ok) return render(reply, page, { failed: { form: 'subscription', result }, posted: request.body })
    await audit(request, page, 'calendar_connected')
    return reply.redirect(`${page.base}?saved=connected`, 303)
  })

  app.post('/caldav', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const { serverUrl, username, password } = request.body
    const result = await connectCaldav(calendarSyncDeps(app), page.coach.id, { serverUrl, username, password })
    if (!result.ok) return render(reply, page, { failed: { form: 'caldav', result }, posted: { serverUrl: serverUrl ?? '', username: username ?? '' } })
    await audit(request, page, 'calendar_connected')
    return reply.redirect(`${page.base}?saved=connected`, 303)
  })

  app.post('/sync', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const connection = await findConnectionOfCoach(pool, page.coach.id)
    if (!connection) throw new NotFoundError('No calendar is connected')
    await markDueNow(pool, connection.id, app.clock.now())
    await app.jobs.add('calendar-sync', { connectionId: connection.id, force: true }, { jobKey: syncJobKey(connection.id), maxAttempts: SYNC_JOB_ATTEMPTS })
    await audit(request, page, 'calendar_sync_asked')
    return reply.redirect(`${page.base}?saved=syncing`, 303)
  })

  app.post('/disconnect', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    if (!(await disconnectCalendar(calendarSyncDeps(app), page.coach.id))) throw new NotFoundError('No calendar is connected')
    await audit(request, page, 'calendar_disconnected')
    return reply.redirect(`${page.base}?saved=disconnected`, 303)
  })

  // The feed's address is the coach's own: an admin may stop it, not make or read one.
  app.post('/feed', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    if (scope !== 'coach') throw new ForbiddenError('Only the coach can make their calendar address')
    await newFeedAddress(feedDeps, pool, page.coach.id, app.clock.now())
    await audit(request, page, 'calendar_feed_new')
    return reply.redirect(`${page.base}?saved=feed-new#feed`, 303)
  })

  app.post('/feed/details', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    if (scope !== 'coach') throw new ForbiddenError('Only the coach can choose what their calendar address shows')
    if (!(await setFeedCandidateDetails(pool, page.coach.id, request.body.showDetails === 'yes'))) throw new NotFoundError('There is no calendar address')
    await audit(request, page, 'calendar_feed_details')
    return reply.redirect(`${page.base}?saved=feed-details#feed`, 303)
  })

  app.post('/feed/stop', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    if (!(await stopFeed(pool, page.coach.id))) throw new NotFoundError('There is no calendar address')
    await audit(request, page, 'calendar_feed_stopped')
    return reply.redirect(`${page.base}?saved=feed-stopped#feed`, 303)
  })
}

export default calendarPages
