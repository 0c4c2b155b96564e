/**
 * Connecting a coach's calendar and reading its busy times again on a
 * schedule.
 *
 * - Connecting reads the calendar at once: the address is checked (reachable,
 *   really a calendar) and its busy times block slots from the moment it is
 *   saved. Secrets are sealed like two-factor secrets and never shown again.
 * - A sync is a worker job per connection (src/jobs/calendar-sync.ts), never
 *   part of listing slots: slots read the busy times stored here. A sync
 *   replaces the connection's busy times in one transaction, which tells the
 *   availability index to work out that coach again (and no one else).
 * - A failing calendar keeps its last busy times and is tried again later
 *   each time (backoff); after FAILURES_BEFORE_TELLING failures in a row the
 *   coach and the programme team are emailed (a job, in the same transaction).
 */
import { ADDRESS_PURPOSE, PASSWORD_PURPOSE, caldavLoginOf, seal, unseal } from './secrets.js'
import type { CalendarSyncDeps } from './deps.js'
import { fetchCalendarText, CalendarSyncError, normaliseCalendarAddress } from './fetch-calendar.js'
import { CalendarFileError, type BusyTime } from './read-busy-times.js'
import { readBusyTimesInWorker, type WorkerBusyTimeQuery } from './read-busy-times-in-worker.js'
import { fetchCaldavEvents, findCaldavCalendar, type CaldavLogin } from './caldav.js'
import { inTransaction } from '../../repositories/db.js'
import {
  claimConnection,
  deleteConnectionOfCoach,
  findCoachToSync,
  lockConnectionOfCoach,
  recordSyncFailure,
  recordSyncSuccess,
  replaceConnection,
  type CoachToSync,
} from '../../repositories/calendar-connections.js'
import { enqueueRemovalsOfCalendarLeft, enqueueWriteBacksOfCoach } from './write-back.js'

/** Failures in a row before the coach and the programme team are told. */
export const FAILURES_BEFORE_TELLING = 3
/** A failing calendar is tried again after the usual wait doubled for each failure, up to this. */
const LONGEST_WAIT_MINUTES = 4 * 60
/** How long one sync holds its connection: longer than any sync takes (requests time out well before). */
const CLAIM_MS = 5 * 60_000
/** Busy times are kept from a day back to past the longest booking window (366 days) and the availability index's reach. */
const DAYS_BACK = 1
const DAYS_AHEAD = 380


const CONNECT_MESSAGES = {
  addressMissing: 'Enter the address of your calendar',
  serverMissing: 'Enter the CalDAV server address',
  usernameMissing: 'Enter the user name',
  passwordMissing: 'Enter the app password',
  unexpected: 'Something went wrong reading the calendar. We will try again',
} as const

export type ConnectResult = { ok: true; busyTimes: number } | { ok: false; field: string; message: string }

function windowFor(coach: CoachToSync, now: Date): WorkerBusyTimeQuery {
  return {
    from: new Date(now.getTime() - DAYS_BACK * 86_400_000),
    to: new Date(now.getTime() + DAYS_AHEAD * 86_400_000),
    coachZone: coach.timeZone,
    coachEmails: [coach.email],
  }
}

function nextSync(deps: CalendarSyncDeps, now: Date, failures = 0): Date {
  const minutes = Math.min(deps.syncMinutes * 2 ** failures, Math.max(LONGEST_WAIT_MINUTES, deps.syncMinutes))
  return new Date(now.getTime() + minutes * 60_000)
}

/** Plain words for any failure; one we did not expect is logged (never the address). */
function problemOf(deps: CalendarSyncDeps, error: unknown): string {
  if (error instanceof CalendarSyncError || error instanceof CalendarFileError) return error.message
  deps.log?.error({ err: error }, 'reading a coach calendar failed unexpectedly')
  return CONNECT_MESSAGES.unexpected
}

/** Reads a subscription address: its busy times (throws with plain words). */
async function subscriptionBusyTimes(deps: CalendarSyncDeps, address: string, query: WorkerBusyTimeQuery): Promise<BusyTime[]> {
  return readBusyTimesInWorker([await fetchCalendarText(address, deps.fetch)], query)
}

async function caldavBusyTimes(deps: CalendarSyncDeps, login: CaldavLogin, calendarUrl: string, query: WorkerBusyTimeQuery): Promise<BusyTime[]> {
  return readBusyTimesInWorker(await fetchCaldavEvents(login, deps.fetch, calendarUrl, query.from, query.to), query)
}

/** What the page may show of an address: its host alone (the rest is the secret). */
function shownAddress(address: string): string {
  return normaliseCalendarAddress(address).host
}

/** Connects a subscription address (replacing any calendar connected before), after reading it. */
export async function connectSubscription(deps: CalendarSyncDeps, coachId: string, typedAddress: string | undefined): Promise<ConnectResult> {
  const address = (typedAddress ?? '').trim()
  if (address === '') return { ok: false, field: 'address', message: CONNECT_MESSAGES.addressMissing }
  const coach = await findCoachToSync(deps.pool, coachId)
  if (!coach) throw new Error('No such coach')
  const now = deps.clock.now()
  let busy: BusyTime[]
  try {
    busy = await subscriptionBusyTimes(deps, address, windowFor(coach, now))
  } catch (error) {
    return { ok: false, field: 'address', message: problemOf(deps, error) }
  }
  const url = normaliseCalendarAddress(address).toString()
  await inTransaction(deps.pool, async (client) => {
    // A CalDAV calendar replaced: our conversations come out of it (the write-back records go with its row).
    await enqueueRemovalsOfCalendarLeft(deps, client, coachId)
    const id = await replaceConnection(
      client,
      { coachId, kind: 'subscription', addressSealed: seal(url, deps.secret, ADDRESS_PURPOSE), addressShown: shownAddress(url), username: null, passwordSealed: null, calendarUrl: null },
      now,
    )
    await recordSyncSuccess(client, { id, coachId }, busy, now, nextSync(deps, now))
  })
  return { ok: true, busyTimes: busy.length }
}

interface CaldavForm {
  serverUrl?: string
  username?: string
  password?: string
}

/** Connects a CalDAV calendar after logging in and reading it; the coach's upcoming conversations are then written to it. */
export async function connectCaldav(deps: CalendarSyncDeps, coachId: string, form: CaldavForm): Promise<ConnectResult> {
  const serverUrl = (form.serverUrl ?? '').trim()
  const username = (form.username ?? '').trim()
  const password = form.password ?? ''
  if (serverUrl === '') return { ok: false, field: 'serverUrl', message: CONNECT_MESSAGES.serverMissing }
  if (username === '') return { ok: false, field: 'username', message: CONNECT_MESSAGES.usernameMissing }
  if (password === '') return { ok: false, field: 'password', message: CONNECT_MESSAGES.passwordMissing }
  const coach = await findCoachToSync(deps.pool, coachId)
  if (!coach) throw new Error('No such coach')
  const now = deps.clock.now()
  const login = { serverUrl, username, password }
  let calendarUrl: string
  let busy: BusyTime[]
  try {
    calendarUrl = await findCaldavCalendar(login, deps.fetch)
    busy = await caldavBusyTimes(deps, login, calendarUrl, windowFor(coach, now))
  } catch (error) {
    const message = problemOf(deps, error)
    const field = error instanceof CalendarSyncError && /user name|password/.test(message) ? 'password' : 'serverUrl'
    return { ok: false, field, message }
  }
  const url = normaliseCalendarAddress(serverUrl).toString()
  await inTransaction(deps.pool, async (client) => {
    // A CalDAV calendar replaced: our conversations come out of it (the write-back records go with its row).
    await enqueueRemovalsOfCalendarLeft(deps, client, coachId)
    const id = await replaceConnection(
      client,
      {
        coachId,
        kind: 'caldav',
        addressSealed: seal(url, deps.secret, ADDRESS_PURPOSE),
        addressShown: shownAddress(url),
        username,
        passwordSealed: seal(password, deps.secret, PASSWORD_PURPOSE),
        calendarUrl,
      },
      now,
    )
    await recordSyncSuccess(client, { id, coachId }, busy, now, nextSync(deps, now))
    await enqueueWriteBacksOfCoach(deps, client, coachId, now)
  })
  return { ok: true, busyTimes: busy.length }
}

type SyncOutcome = 'synced' | 'failed' | 'skipped'

/**
 * One sync of one connection: when it is due (or `force`, "Sync now") and no
 * other sync has it. Never throws for the calendar's own failures: they are
 * recorded, with the next try later.
 */
export async function syncCalendar(deps: CalendarSyncDeps, connectionId: string, { force = false } = {}): Promise<SyncOutcome> {
  const now = deps.clock.now()
  const connection = await claimConnection(deps.pool, connectionId, now, new Date(now.getTime() + CLAIM_MS), force)
  if (!connection) return 'skipped'
  const coach = await findCoachToSync(deps.pool, connection.coachId)
  if (!coach) return 'skipped'
  const query = windowFor(coach, now)
  let busy: BusyTime[]
  try {
    if (connection.kind === 'subscription') {
      busy = await subscriptionBusyTimes(deps, unseal(connection.addressSealed, deps.secret, ADDRESS_PURPOSE), query)
    } else {
      busy = await caldavBusyTimes(deps, caldavLoginOf(connection, deps.secret), connection.calendarUrl ?? '', query)
    }
  } catch (error) {
    const problem = problemOf(deps, error)
    await inTransaction(deps.pool, async (client) => {
      const failures = await recordSyncFailure(client, connection.id, problem, now, (count) => nextSync(deps, now, count))
      if (failures === FAILURES_BEFORE_TELLING) {
        await deps.jobs.add('calendar-sync-failing', { connectionId: connection.id }, { client, jobKey: `calendar-sync-failing:${connection.id}`, maxAttempts: 10 })
      }
    })
    return 'failed'
  }
  await inTransaction(deps.pool, (client) => recordSyncSuccess(client, connection, busy, now, nextSync(deps, now)))
  return 'synced'
}

/**
 * Disconnects the coach's calendar: its busy times stop blocking slots at
 * once (they go with it), and a job takes the conversations written to a
 * CalDAV calendar out of it, tried again while the server fails; the coach
 * does not wait on their server. False when none was connected.
 */
export async function disconnectCalendar(deps: CalendarSyncDeps, coachId: string): Promise<boolean> {
  return inTransaction(deps.pool, async (client) => {
    await lockConnectionOfCoach(client, coachId)
    await enqueueRemovalsOfCalendarLeft(deps, client, coachId)
    return deleteConnectionOfCoach(client, coachId)
  })
}
