/**
 * What the candidate's pages share (the booking journey, the manage pages,
 * the waitlist, invitations): their sealed cookies, error summaries, the days
 * and times to choose from, and how a booking reads.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldError } from '../domain/booking-journey/index.js'
import {
  COMMON_TIME_ZONES,
  JOURNEY_MINUTES,
  SealedBox,
  isCommonTimeZone,
  availableDays,
  readJourney,
  searchRanges,
  timesOnDay,
  weekOfDays,
  type AvailableDay,
  type JourneyState,
  type TimeChoice,
} from '../domain/booking-journey/index.js'
import type { Booking, BookingStatus } from '../domain/booking/types.js'
import { listSlots, type BookingDeps, type GuardedBookingDeps, type Visitor } from '../domain/booking/service/index.js'
import { formatDateTimeRange, formatDayShort, formatDuration, formatTime, timeZoneLabel } from '../domain/time/index.js'
import { HOLD_MAX_MINUTES, HOLD_MINUTES } from '../domain/booking/holds.js'
import { linkToComeText } from '../domain/video-links/video-link.js'
import { candidateChangeRefusal } from '../domain/booking/rules.js'

export function bookingDeps(app: FastifyInstance): GuardedBookingDeps {
  return app.deps
}

/** Who is asking, for the limits and the audit log. */
export function visitorOf(request: FastifyRequest): Visitor {
  return { ip: request.ip, requestId: request.id }
}

/** Pages with a person's answers or booking are not kept by the browser or anything between. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store')
}

/** View data for the NHS error summary and the messages by each field. */
export function errorView(errors: readonly FieldError[]) {
  return {
    hasErrors: errors.length > 0,
    errorList: errors.map((item) => ({ text: item.text, href: item.href })),
    fieldErrors: Object.fromEntries(errors.map((item) => [item.field, item.text])),
  }
}

export interface SealedCookie<T> {
  read(request: FastifyRequest): T | null
  /** Throws SealedStateTooLargeError when the value would not fit in a cookie. */
  write(reply: FastifyReply, value: T): void
  clear(reply: FastifyReply): void
}

/**
 * A cookie holding sealed (encrypted, authenticated, expiring) state: see
 * domain/booking-journey/sealed-state.ts. HttpOnly, SameSite=Lax, Secure in
 * production; each write keeps it for `minutes` more, on the server's clock
 * as well as the browser's.
 */
export function sealedCookie<T extends object>(
  app: FastifyInstance,
  options: { name: string; purpose: string; path: string; minutes: number; parse: (value: unknown) => T | null },
): SealedCookie<T> {
  const box = new SealedBox(app.config.SESSION_SECRET, options.purpose)
  const attributes = {
    path: options.path,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.NODE_ENV === 'production',
  }
  return {
    read(request) {
      return options.parse(box.open(request.cookies[options.name], app.clock.now()))
    },
    write(reply, value) {
      const expiresAt = new Date(app.clock.now().getTime() + options.minutes * 60_000)
      reply.setCookie(options.name, box.seal(value, expiresAt), { ...attributes, maxAge: options.minutes * 60 })
    },
    clear(reply) {
      reply.clearCookie(options.name, attributes)
    },
  }
}

/**
 * The booking journey's answers (`cc_booking`), for /book and for the
 * invitation link that starts a journey. Path=/book: sent only to the journey.
 */
export function journeyCookie(app: FastifyInstance): SealedCookie<JourneyState> {
  return sealedCookie(app, { name: 'cc_booking', purpose: 'booking-journey', path: '/book', minutes: JOURNEY_MINUTES, parse: readJourney })
}

/** Every day with a free time, from today to the end of the programme's booking window, on the candidate's clock. */
export async function loadAvailableDays(
  deps: BookingDeps,
  programme: { slug: string; horizonDays: number },
  timeZone: string,
  holdKey: string | null,
): Promise<AvailableDay[]> {
  const slots = []
  for (const range of searchRanges(deps.clock.now(), programme.horizonDays, timeZone)) {
    const listing = await listSlots(deps, { programme: programme.slug, ...range, timeZone, holdKey })
    slots.push(...listing.slots)
  }
  return availableDays(slots, timeZone)
}

/** The free times on one day of the candidate's clock (their own held time included). */
export async function loadTimes(
  deps: BookingDeps,
  programmeSlug: string,
  day: string,
  timeZone: string,
  holdKey: string | null,
): Promise<TimeChoice[]> {
  const listing = await listSlots(deps, { programme: programmeSlug, from: day, to: day, timeZone, holdKey })
  return timesOnDay(listing.slots, day, timeZone)
}

/** The pages the time zone page goes back to (`?return=`): day unless it names another. */
export const RETURN_STEPS = ['day', 'time', 'check'] as const
export type ReturnStep = (typeof RETURN_STEPS)[number]
export const returnStep = (value: unknown): ReturnStep => RETURN_STEPS.find((step) => step === value) ?? 'day'

/** Where a journey's day, time and time zone pages are: the booking's, or a change's. */
export interface ChoosingPaths {
  day: string
  time: string
  timeZone: string
}

/** What choosing a day and a time needs of the booking journey's or a change's state. */
type ChoosingState = { timeZone: string; day: string | null; start: string | null }

/** The "choose a day" page (templates/pages/book/day.njk): the week shown of `days` (each day with a free time). */
export function dayPageView(days: AvailableDay[], state: ChoosingState, week: string | null, paths: ChoosingPaths) {
  const shown = weekOfDays(days, week ?? state.day)
  const weekHref = (monday: string | null) => (monday ? `${paths.day}?week=${monday}` : null)
  return {
    ...timeZoneView(state.timeZone),
    formAction: paths.day,
    week: shown,
    dayItems: shown?.days.map((day) => ({ value: day.date, text: day.text })) ?? [],
    selectedDay: state.day,
    previousWeekHref: weekHref(shown?.previousWeek ?? null),
    nextWeekHref: weekHref(shown?.nextWeek ?? null),
    changeTimeZoneHref: `${paths.timeZone}?return=day`,
    /** Where the offer of the browser's own zone posts (time-zone-offer.js). */
    timeZoneAction: paths.timeZone,
  }
}

/** The "choose a time" page (templates/pages/book/time.njk): `times`, the free times on the state's day. */
export function timePageView(times: TimeChoice[], state: ChoosingState, durationMinutes: number, paths: ChoosingPaths) {
  return {
    ...timeZoneView(state.timeZone),
    formAction: paths.time,
    dayText: formatDayShort(state.day!, state.timeZone),
    timeItems: times,
    selectedStart: state.start,
    durationText: formatDuration(durationMinutes),
    changeDayHref: paths.day,
    changeTimeZoneHref: `${paths.timeZone}?return=time`,
  }
}

/**
 * The time zone page's choices: the common zones as radios, and the zone
 * typed under "My time zone is not listed" (open when it holds something).
 */
export function timeZoneChoicesView(current: string, typed?: { timeZone?: string; otherTimeZone?: string }) {
  const otherTimeZone = typed ? (typed.otherTimeZone ?? '') : isCommonTimeZone(current) ? '' : current
  return {
    zoneItems: COMMON_TIME_ZONES,
    selectedZone: typed ? (typed.timeZone ?? null) : isCommonTimeZone(current) ? current : null,
    otherTimeZone,
    otherOpen: otherTimeZone.trim() !== '',
  }
}

/** "Times are shown in UK time." */
export function timeZoneView(timeZone: string) {
  return { timeZone, timeZoneText: timeZoneLabel(timeZone) }
}

/** "10 minutes", "1 minute", "less than a minute": how long is left of a hold. */
function minutesLeftText(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000)
  if (minutes < 1) return 'less than a minute'
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/**
 * How long a held time is kept, if it still is: until when ("9:30am"), how
 * long that is from now, and (given `keepAction`, the booking journey's) where
 * the page's warning asks to keep it for longer (templates/pages/book/_hold.njk).
 */
export function holdView(start: string | null, holdExpiresAt: string | null, timeZone: string, now: Date, keepAction?: string) {
  if (!start || !holdExpiresAt || new Date(holdExpiresAt).getTime() <= now.getTime()) return null
  return {
    until: formatTime(holdExpiresAt, timeZone),
    chosen: `${formatTime(start, timeZone)} on ${formatDayShort(start, timeZone)}`,
    leftText: minutesLeftText(new Date(holdExpiresAt).getTime() - now.getTime()),
    stepMinutes: HOLD_MINUTES,
    maxMinutes: HOLD_MAX_MINUTES,
    expiresAt: new Date(holdExpiresAt).toISOString(),
    now: now.toISOString(),
    keepAction: keepAction ?? null,
  }
}

const STATUS_TEXT: Record<BookingStatus, { text: string; colour: string | null }> = {
  booked: { text: 'Booked', colour: null },
  cancelled: { text: 'Cancelled', colour: 'grey' },
  completed: { text: 'Completed', colour: 'green' },
  no_show: { text: 'Missed', colour: 'orange' },
}
/** Still booked, by the clock: until the coach records how it went, the time tells. */
const HAPPENING_NOW = { text: 'Happening now', colour: 'blue' }
const FINISHED = { text: 'Finished', colour: 'white' }

function statusOf(booking: Booking, now: Date): { text: string; colour: string | null } {
  if (booking.status !== 'booked' || booking.startsAt.getTime() > now.getTime()) return STATUS_TEXT[booking.status]
  return booking.endsAt.getTime() > now.getTime() ? HAPPENING_NOW : FINISHED
}

/** How a booking reads to its candidate, on their clock. */
export function bookingView(booking: Booking, now: Date) {
  const zone = booking.candidateTimeZone
  /** Booked and not over: there is still a call to join. */
  const live = booking.status === 'booked' && booking.endsAt.getTime() > now.getTime()
  return {
    reference: booking.reference,
    when: formatDateTimeRange(booking.startsAt, booking.endsAt, zone),
    contact:
      booking.contactMethod === 'phone'
        ? live
          ? `Phone call: ${booking.coachFirstName} will phone you on ${booking.candidate.phone ?? 'the number you gave'}`
          : 'Phone call'
        : live && !booking.videoLink
          ? `Video call: ${linkToComeText(booking.coachFirstName, booking.candidate.phone)}`
          : 'Video call',
    /** The link to join, while there is still a call to join. */
    videoLink: live ? booking.videoLink : null,
    coachFirstName: booking.coachFirstName,
    status: statusOf(booking, now),
    isCancelled: booking.status === 'cancelled',
    canChange: candidateChangeRefusal(booking, now) === null,
    programmeSlug: booking.programme.slug,
    programmeName: booking.programme.name,
    accessibilityNeeds: booking.accessibilityNeeds,
    email: booking.candidate.email,
  }
}
