/**
 * The availability pages, shared by a coach editing their own
 * (/coach/availability, ./index.ts) and an admin editing any coach's
 * (/admin/coaches/:coachId/availability, ../../admin/coaches/index.ts).
 * Access is checked by each folder's autohooks; here only which coach.
 *
 *   GET  /                               overview: weekly hours, settings, dates, time off
 *   GET  /weekly-hours, POST             change weekly hours (replaces them all)
 *   GET  /settings, POST                 time zone, buffer, most conversations in a day
 *   GET  /video-link, POST               the coach's usual video call link
 *   GET  /dates, POST                    list, add a day off or extra hours
 *   POST /dates/:overrideId/remove
 *
 * Time off, a day off, weekly hours, a time zone or extra hours taken away over
 * booked conversations go through clashFlow first.
 *   GET  /time-off, POST                 list, add time off
 *   POST /time-off/:timeOffId/remove
 *   /calendar/...                        the coach's own calendars (./calendar-pages.ts)
 *
 * Every change is one transaction under the coach's row lock and is audited
 * (availability.change, subject the coach), so the slot listing sees it at once;
 * a new video link emails the candidates whose link it changes, in the same transaction.
 * (Not a route file of its own: autoload loads only index.ts in this folder.)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { Type } from 'typebox'
import {
  DATE_OVERRIDE_KINDS,
  TIME_OFF_NOTE_HINT,
  availabilityOverview,
  dateFieldIds,
  dateFieldValues,
  describeDateOverride,
  describeTimeOff,
  describeTimeZone,
  formatLocalDate,
  parseDateOverrideForm,
  parseSettingsForm,
  parseTimeOffForm,
  parseWeeklyHoursForm,
  timeZoneChoices,
  todayIn,
  weeklyHoursFormView,
  type AvailabilityFieldError,
  type FormInput,
} from '../../../../domain/availability/index.js'
import { fieldError } from '../../../../domain/availability/types.js'
import { isoDateFromDayNumber } from '../../../../domain/slots/zone-time.js'
import { ForbiddenError, NotFoundError } from '../../../../domain/errors.js'
import { timeZoneLabel } from '../../../../domain/time/index.js'
import { changeCoachVideoLink, parseVideoLink } from '../../../../domain/video-links/index.js'
import {
  deleteDateOverride,
  deleteTimeOff,
  findAvailabilityCoach,
  insertDateOverride,
  insertTimeOff,
  listDateOverrides,
  listTimeOff,
  listWeeklyWindows,
  lockCoachAvailability,
  replaceWeeklyWindows,
  updateCoachSettings,
  type AvailabilityCoach,
} from '../../../../repositories/availability.js'
import { PG_UNIQUE_VIOLATION, inTransaction, isPgError } from '../../../../repositories/db.js'
import { changeCoach, clashingConversationIds, COACH_CHANGE_REQUESTED_ACTION, countClashingConversations, type CoachChange } from '../../../../domain/coach-changes/index.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import { staffRequest } from '../../../../http/staff-request.js'
import calendarPages from './calendar-pages.js'

export interface AvailabilityPagesOptions {
  /** 'coach': the signed-in coach's own availability; 'admin': the coach named by `:coachId` in the prefix. */
  scope: 'coach' | 'admin'
}

/** A posted form: every field a string; the domain reads the ones it knows. */
const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }))
const Notice = Type.Object({
  saved: Type.Optional(Type.String({ maxLength: 40 })),
  added: Type.Optional(Type.String({ maxLength: 10 })),
  removed: Type.Optional(Type.String({ maxLength: 10 })),
})
const OverrideParams = Type.Object({ overrideId: Type.String({ maxLength: 100 }) })
const TimeOffParams = Type.Object({ timeOffId: Type.String({ maxLength: 100 }) })

const SAVED_BANNERS: Record<string, string> = {
  'weekly-hours': 'Weekly hours saved',
  'weekly-hours-asked': 'Weekly hours saved. The programme team has been asked to move the conversations they no longer cover.',
  settings: 'Settings saved',
  'settings-asked': 'Settings saved. The programme team has been asked to move the conversations your hours no longer cover.',
  'video-link': 'Video call link saved',
  'video-link-removed': 'Video call link removed',
}

type AvailabilityChange =
  | 'weekly_hours'
  | 'settings'
  | 'video_link'
  | 'date_override_added'
  | 'date_override_removed'
  | 'time_off_added'
  | 'time_off_removed'

/** View data for the NHS error summary and the message by each field. */
function errorView(errors: readonly AvailabilityFieldError[]) {
  return {
    hasErrors: errors.length > 0,
    errorList: errors.map((error) => ({ text: error.text, href: error.href })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, error.text])) as Record<string, string>,
    /** Boxes to mark in error: a whole date, or just the field. */
    highlighted: Object.fromEntries(errors.flatMap((error) => (error.highlight ?? [error.field]).map((id) => [id, true]))) as Record<string, boolean>,
  }
}

/** A change's work found problems with the form (or nothing to change): nothing was saved. */
function hasErrors<T>(result: T | { errors: AvailabilityFieldError[] }): result is { errors: AvailabilityFieldError[] } {
  return typeof result === 'object' && result !== null && 'errors' in result
}

/**
 * The words of the clash pages for each change that can take a coach away
 * from booked conversations; `reason` is kept in each one's history.
 */
const CLASH_WORDS = {
  'time-off': {
    reason: 'The coach has time off then',
    add: 'add time off',
    done: 'Time off added',
    confirm: 'Add time off and move the conversations',
    change: 'Add time off over booked conversations',
    clashTitle: 'Conversations booked in your time off',
    clashIn: 'booked in this time off',
    goAhead: 'Add it and ask the programme team to move them',
    instead: 'Change the dates instead',
  },
  'day-off': {
    reason: 'The coach has a day off then',
    add: 'add a day off',
    done: 'Day off added',
    confirm: 'Add a day off and move the conversations',
    change: 'Add a day off over booked conversations',
    clashTitle: 'Conversations booked on your day off',
    clashIn: 'booked in this day off',
    goAhead: 'Add it and ask the programme team to move them',
    instead: 'Change the dates instead',
  },
  'weekly-hours': {
    reason: "The coach's weekly hours no longer cover it",
    add: 'change weekly hours',
    done: 'Weekly hours saved',
    confirm: 'Save weekly hours and move the conversations',
    change: 'Weekly hours that no longer cover booked conversations',
    clashTitle: 'Conversations booked outside your new weekly hours',
    clashIn: 'booked outside these weekly hours',
    goAhead: 'Save them and ask the programme team to move them',
    instead: 'Change the hours instead',
  },
  settings: {
    reason: "The coach's new time zone moves their hours away from it",
    add: 'change the time zone',
    done: 'Settings saved',
    confirm: 'Save settings and move the conversations',
    change: 'A new time zone: the same weekly hours fall at other times and no longer cover booked conversations',
    clashTitle: 'Conversations outside your hours in the new time zone',
    clashIn: 'outside your hours in this time zone',
    goAhead: 'Save them and ask the programme team to move them',
    instead: 'Change the settings instead',
  },
  'remove-date': {
    reason: "The coach's extra hours were taken away",
    add: 'remove these hours',
    done: 'Removed',
    confirm: 'Remove them and move the conversations',
    change: 'Remove extra hours that booked conversations are in',
    clashTitle: 'Conversations booked in these extra hours',
    clashIn: 'booked in these extra hours',
    goAhead: 'Remove them and ask the programme team to move them',
    instead: 'Keep the extra hours',
  },
} as const
/** Form fields the clash pages add, left out when the form is carried to the next step. */
const CLASH_FIELDS = new Set(['_csrf', 'confirm', 'reason', 'clashesSeen'])

const availabilityPages: FastifyPluginAsyncTypebox<AvailabilityPagesOptions> = async (app, { scope }) => {
  const pool = app.pg.pool
  const coachChangeDeps = app.deps
  // The coach's own calendars: busy times, write-back and their feed.
  await app.register(calendarPages, { scope, prefix: '/calendar' })

  /**
   * Time off, a day off, weekly hours, a time zone or extra hours taken away
   * over booked conversations. An admin sees the plan (each conversation moved to a free
   * coach or cancelled) and confirms it: the change and the moves happen in
   * one transaction. A coach is told which conversations clash and can make
   * the change anyway, asking the programme team to move them (the admin's
   * /admin/coaches/:id/clashes).
   * Answers a page to show, 'requested' when the coach asked the team, or
   * null to carry on saving as usual (no clash).
   */
  async function clashFlow(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page,
    coachChange: Extract<CoachChange, { kind: keyof typeof CLASH_WORDS }>,
    path: string,
    body: FormInput,
    /** Where the coach's form is, for "change it instead" (default: `path`). */
    formPath = path,
  ): Promise<FastifyReply | 'requested' | null> {
    const by = staffRequest(request)
    const words = CLASH_WORDS[coachChange.kind]
    const command = { coachId: page.coach.id, change: coachChange, reason: words.reason }
    const hidden = Object.entries(body).filter(([name]) => !CLASH_FIELDS.has(name)).map(([name, value]) => ({ name, value }))
    if (scope === 'admin' && body.confirm === 'yes') {
      const result = await changeCoach(coachChangeDeps, { ...command, dryRun: false }, by)
      return reply.view('pages/coach-changes/done.njk', {
        heading: words.done,
        caption: page.coach.name,
        ...conversationsView(result),
        nextHref: page.base,
        nextText: 'Back to availability',
      })
    }
    const [plan, clashingBefore] = await Promise.all([
      changeCoach(coachChangeDeps, { ...command, dryRun: true }, by),
      clashingConversationIds(coachChangeDeps, page.coach.id),
    ])
    // Only a change that takes the coach away from conversations stops to ask; those that clash already are on the
    // overview, waiting for the programme team. The admin's plan shows them too: confirming moves every one.
    const clashes = { ...plan, affected: plan.affected.filter((a) => !clashingBefore.has(a.bookingId)) }
    if (clashes.affected.length === 0) return null
    if (scope === 'admin') {
      return reply.view('pages/coach-changes/plan.njk', {
        heading: `Check before you ${words.add}`,
        caption: page.coach.name,
        change: words.change,
        reason: command.reason,
        ...conversationsView(plan),
        action: `${page.base}/${path}`,
        hidden,
        buttonText: words.confirm,
        backHref: `${page.base}/${formPath}`,
      })
    }
    if (body.clashesSeen === 'yes') return 'requested'
    return reply.view('pages/coach-changes/clashes.njk', {
      ...page.view,
      pageTitle: words.clashTitle,
      heading: `${clashes.affected.length === 1 ? '1 conversation is' : `${clashes.affected.length} conversations are`} ${words.clashIn}`,
      conversations: conversationsView(clashes).conversations,
      action: `${page.base}/${path}`,
      hidden,
      goAheadText: words.goAhead,
      insteadText: words.instead,
      backHref: `${page.base}/${formPath}`,
    })
  }

  /** The coach asked the programme team to move the conversations that clash: in the audit log, and on the admin's clashes page. */
  async function recordRequest(request: FastifyRequest, page: Page) {
    await app.audit.recordRequest(request, {
      action: COACH_CHANGE_REQUESTED_ACTION,
      subjectType: 'coach',
      subjectId: page.coach.id,
      result: 'success',
      details: {},
    })
  }

  interface Page {
    coach: AvailabilityCoach
    /** Where this coach's availability pages are. */
    base: string
    /** View data every page shares. */
    view: { base: string; isAdmin: boolean; coachName: string; caption: string | undefined; timeZoneLabel: string; timeZone: string }
  }

  /** The coach whose availability this is: the signed-in coach's own, or the one in the path (404 when there is none). */
  async function pageFor(request: FastifyRequest): Promise<Page> {
    let coachId: string
    if (scope === 'coach') {
      if (!request.staff?.coachId) throw new ForbiddenError()
      coachId = request.staff.coachId
    } else {
      coachId = (request.params as { coachId?: string }).coachId ?? ''
    }
    const coach = await findAvailabilityCoach(pool, coachId)
    if (!coach) throw new NotFoundError('There is no such coach')
    const base = scope === 'coach' ? '/coach/availability' : `/admin/coaches/${coach.id}/availability`
    return {
      coach,
      base,
      view: {
        base,
        isAdmin: scope === 'admin',
        coachName: coach.name,
        caption: scope === 'admin' ? coach.name : undefined,
        timeZoneLabel: timeZoneLabel(coach.timeZone),
        timeZone: describeTimeZone(coach.timeZone),
      },
    }
  }

  /** "Weekly hours", or "Weekly hours – Jo Bloggs" on an admin's page. */
  function titleFor(page: Page, heading: string): string {
    return scope === 'admin' ? `${heading} – ${page.coach.name}` : heading
  }

  /** Runs a change in one transaction under the coach's lock, and audits it there. */
  async function change<T>(
    request: FastifyRequest,
    page: Page,
    what: AvailabilityChange,
    work: (client: pg.PoolClient) => Promise<T | { errors: AvailabilityFieldError[] }>,
  ): Promise<T | { errors: AvailabilityFieldError[] }> {
    return inTransaction(pool, async (client) => {
      await lockCoachAvailability(client, page.coach.id)
      const result = await work(client)
      if (hasErrors(result)) return result
      await app.audit.recordRequest(
        request,
        { action: 'availability.change', subjectType: 'coach', subjectId: page.coach.id, result: 'success', details: { change: what, scope } },
        { client },
      )
      return result
    })
  }

  // --- Overview --------------------------------------------------------------------

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

  // --- Weekly hours ------------------------------------------------------------------

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

  // --- Settings: time zone, buffer, daily maximum -----------------------------------

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

  // --- The usual video call link ------------------------------------------------------

  function renderVideoLink(reply: FastifyReply, page: Page, posted?: FormInput, errors: AvailabilityFieldError[] = []) {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/video-link.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Video call link'),
      backLink: { href: page.base, text: 'Back to availability' },
      value: posted ? (posted.videoLink ?? '') : (page.coach.videoLink ?? ''),
      hasLink: page.coach.videoLink !== null,
    })
  }

  app.get('/video-link', { schema: { hide: true } }, async (request, reply) => renderVideoLink(reply, await pageFor(request)))

  app.post('/video-link', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseVideoLink(request.body.videoLink)
    if (!parsed.ok) return renderVideoLink(reply, page, request.body, [fieldError('videoLink', parsed.message)])
    await change(request, page, 'video_link', (client) => changeCoachVideoLink(app.deps, client, page.coach.id, parsed.link))
    return reply.redirect(`${page.base}?saved=${parsed.link ? 'video-link' : 'video-link-removed'}`, 303)
  })

  // --- Days off and extra hours -------------------------------------------------------

  async function renderDates(
    reply: FastifyReply,
    page: Page,
    options: { posted?: FormInput; errors?: AvailabilityFieldError[]; notice?: 'added' | 'removed' | 'asked' | 'removed-asked' } = {},
  ) {
    const errors = options.errors ?? []
    const today = isoDateFromDayNumber(todayIn(page.coach.timeZone, app.clock.now()))
    const overrides = await listDateOverrides(pool, page.coach.id, today)
    const posted = options.posted ?? {}
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/dates.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Days off and extra hours'),
      backLink: { href: page.base, text: 'Back to availability' },
      banner:
        options.notice === 'asked'
          ? 'Day off added. The programme team has been asked to move the conversations booked on it.'
          : options.notice === 'removed-asked'
            ? 'Removed. The programme team has been asked to move the conversations booked in those hours.'
            : options.notice === 'added' ? 'Added' : options.notice === 'removed' ? 'Removed' : undefined,
      overrides: overrides.map((o) => ({ id: o.id, date: formatLocalDate(o.date), change: describeDateOverride(o) })),
      values: { date: dateFieldValues(posted, 'date'), kind: posted.kind ?? '', start: posted.start ?? '', end: posted.end ?? '' },
      kinds: DATE_OVERRIDE_KINDS,
    })
  }

  app.get('/dates', { schema: { hide: true, querystring: Notice } }, async (request, reply) =>
    renderDates(reply, await pageFor(request), {
      notice:
        request.query.added === 'asked' ? 'asked'
        : request.query.added ? 'added'
        : request.query.removed === 'asked' ? 'removed-asked'
        : request.query.removed ? 'removed' : undefined,
    }),
  )

  app.post('/dates', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    let asked = false
    if (request.body.kind === 'day_off') {
      const today = todayIn(page.coach.timeZone, app.clock.now())
      const parsed = parseDateOverrideForm(request.body, { today, existing: await listDateOverrides(pool, page.coach.id, isoDateFromDayNumber(today)) })
      if (parsed.ok) {
        const clash = await clashFlow(request, reply, page, { kind: 'day-off', date: parsed.value.date }, 'dates', request.body)
        if (clash !== null && clash !== 'requested') return clash
        asked = clash === 'requested'
      }
    }
    let result
    try {
      result = await change(request, page, 'date_override_added', async (client) => {
        const today = todayIn(page.coach.timeZone, app.clock.now())
        const existing = await listDateOverrides(client, page.coach.id, isoDateFromDayNumber(today))
        const parsed = parseDateOverrideForm(request.body, { today, existing })
        if (!parsed.ok) return { errors: parsed.errors }
        return insertDateOverride(client, page.coach.id, parsed.value)
      })
    } catch (error) {
      // Only when another request added the same day off at the same moment.
      if (!isPgError(error, PG_UNIQUE_VIOLATION)) throw error
      result = { errors: [fieldError('date-day', 'There is already a day off on that date', dateFieldIds('date'))] }
    }
    if (hasErrors(result)) return renderDates(reply, page, { posted: request.body, errors: result.errors })
    if (asked) await recordRequest(request, page)
    return reply.redirect(`${page.base}/dates?added=${asked ? 'asked' : '1'}`, 303)
  })

  app.post('/dates/:overrideId/remove', { schema: { hide: true, params: OverrideParams, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const { overrideId } = request.params
    const clash = await clashFlow(request, reply, page, { kind: 'remove-date', overrideId }, `dates/${encodeURIComponent(overrideId)}/remove`, request.body, 'dates')
    if (clash !== null && clash !== 'requested') return clash
    const removed = await change(request, page, 'date_override_removed', async (client) =>
      (await deleteDateOverride(client, page.coach.id, overrideId)) ? true : { errors: [] },
    )
    if (hasErrors(removed)) throw new NotFoundError('There is no such day off or extra hours')
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}/dates?removed=${clash === 'requested' ? 'asked' : '1'}`, 303)
  })

  // --- Time off ----------------------------------------------------------------------------

  async function renderTimeOff(
    reply: FastifyReply,
    page: Page,
    options: { posted?: FormInput; errors?: AvailabilityFieldError[]; notice?: 'added' | 'removed' | 'asked' } = {},
  ) {
    const errors = options.errors ?? []
    const timeOff = await listTimeOff(pool, page.coach.id, app.clock.now())
    const posted = options.posted ?? {}
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/availability/time-off.njk', {
      ...page.view,
      ...errorView(errors),
      pageTitle: titleFor(page, 'Time off'),
      backLink: { href: page.base, text: 'Back to availability' },
      banner:
        options.notice === 'asked'
          ? 'Time off added. The programme team has been asked to move the conversations booked in it.'
          : options.notice === 'added' ? 'Time off added' : options.notice === 'removed' ? 'Time off removed' : undefined,
      timeOff: timeOff.map((entry) => ({ id: entry.id, ...describeTimeOff(entry, page.coach.timeZone), note: entry.note })),
      values: {
        start: dateFieldValues(posted, 'start'),
        startTime: posted['start-time'] ?? '',
        end: dateFieldValues(posted, 'end'),
        endTime: posted['end-time'] ?? '',
        note: posted.note ?? '',
      },
      noteHint: TIME_OFF_NOTE_HINT,
    })
  }

  app.get('/time-off', { schema: { hide: true, querystring: Notice } }, async (request, reply) =>
    renderTimeOff(reply, await pageFor(request), {
      notice: request.query.added === 'asked' ? 'asked' : request.query.added ? 'added' : request.query.removed ? 'removed' : undefined,
    }),
  )

  app.post('/time-off', { schema: { hide: true, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const parsed = parseTimeOffForm(request.body, { now: app.clock.now(), timeZone: page.coach.timeZone })
    if (!parsed.ok) return renderTimeOff(reply, page, { posted: request.body, errors: parsed.errors })
    const clash = await clashFlow(request, reply, page, { kind: 'time-off', timeOff: parsed.value }, 'time-off', request.body)
    if (clash !== null && clash !== 'requested') return clash
    await change(request, page, 'time_off_added', (client) => insertTimeOff(client, page.coach.id, parsed.value))
    if (clash === 'requested') await recordRequest(request, page)
    return reply.redirect(`${page.base}/time-off?added=${clash === 'requested' ? 'asked' : '1'}`, 303)
  })

  app.post('/time-off/:timeOffId/remove', { schema: { hide: true, params: TimeOffParams, body: FormBody } }, async (request, reply) => {
    const page = await pageFor(request)
    const { timeOffId } = request.params
    const removed = await change(request, page, 'time_off_removed', async (client) =>
      (await deleteTimeOff(client, page.coach.id, timeOffId)) ? true : { errors: [] },
    )
    if (hasErrors(removed)) throw new NotFoundError('There is no such time off')
    return reply.redirect(`${page.base}/time-off?removed=1`, 303)
  })
}

export default availabilityPages
