/**
 * A coach's CalDAV calendar, through tsdav: checking the login and finding
 * the calendar, reading its events in a window (expanded here, by
 * read-busy-times.ts), and writing, changing and removing our conversations.
 *
 * Every request goes through `guardedFetch`: public addresses only (unless
 * allowed), a time limit, and HTTP failures turned into plain words.
 */
import { createDAVClient, type DAVCalendar } from 'tsdav'
import { CalendarSyncError, SYNC_MESSAGES, checkReachableHost, isTimeout, normaliseCalendarAddress, problemForStatus, type FetchOptions } from './fetch-calendar.js'

export interface CaldavLogin {
  serverUrl: string
  username: string
  password: string
}

const CALDAV_MESSAGES = {
  notCaldav: 'That address is not a CalDAV server. Check the server address your calendar provider gives for CalDAV',
  noCalendar: 'There is no calendar for events in this account',
} as const

type DavClient = Awaited<ReturnType<typeof createDAVClient>>

function guardedFetch(options: FetchOptions): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    await checkReachableHost(url, options.allowPrivate)
    let response: Response
    try {
      response = await fetch(input, { ...init, redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs) })
    } catch (error) {
      throw new CalendarSyncError(isTimeout(error) ? SYNC_MESSAGES.slow : SYNC_MESSAGES.unreachable)
    }
    if (response.status === 401 || response.status === 403 || response.status >= 500) {
      await response.body?.cancel()
      throw new CalendarSyncError(problemForStatus(response.status, 'caldav'))
    }
    return response
  }
}

async function connect(login: CaldavLogin, options: FetchOptions): Promise<DavClient> {
  const serverUrl = normaliseCalendarAddress(login.serverUrl).toString()
  try {
    return await createDAVClient({
      serverUrl,
      credentials: { username: login.username, password: login.password },
      authMethod: 'Basic',
      defaultAccountType: 'caldav',
      fetch: guardedFetch(options),
    })
  } catch (error) {
    if (error instanceof CalendarSyncError) throw error
    throw new CalendarSyncError(CALDAV_MESSAGES.notCaldav)
  }
}

/** A calendar is one for events when it says it holds VEVENTs (or says nothing). */
function holdsEvents(calendar: DAVCalendar): boolean {
  return !calendar.components || calendar.components.length === 0 || calendar.components.includes('VEVENT')
}

/** Logs in and finds the calendar to use: the one named, else the first for events. */
export async function findCaldavCalendar(login: CaldavLogin, options: FetchOptions, calendarUrl?: string | null): Promise<string> {
  const client = await connect(login, options)
  let calendars: DAVCalendar[]
  try {
    calendars = await client.fetchCalendars()
  } catch (error) {
    if (error instanceof CalendarSyncError) throw error
    throw new CalendarSyncError(CALDAV_MESSAGES.notCaldav)
  }
  const forEvents = calendars.filter(holdsEvents)
  const chosen = (calendarUrl ? forEvents.find((calendar) => sameUrl(calendar.url, calendarUrl)) : undefined) ?? forEvents[0]
  if (!chosen) throw new CalendarSyncError(CALDAV_MESSAGES.noCalendar)
  return chosen.url
}

/** The calendar's events (each object's iCalendar text) that touch [from, to), recurring ones whole. */
export async function fetchCaldavEvents(login: CaldavLogin, options: FetchOptions, calendarUrl: string, from: Date, to: Date): Promise<string[]> {
  const client = await connect(login, options)
  try {
    const objects = await client.fetchCalendarObjects({
      calendar: { url: calendarUrl },
      timeRange: { start: from.toISOString(), end: to.toISOString() },
    })
    return objects.map((object) => (typeof object.data === 'string' ? object.data : '')).filter((data) => data !== '')
  } catch (error) {
    if (error instanceof CalendarSyncError) throw error
    throw new CalendarSyncError(CALDAV_MESSAGES.notCaldav)
  }
}

/** Writes an event at `eventUrl` (created or replaced: our own events, so the last write wins); answers its ETag when the server gives one. */
export async function putCaldavEvent(login: CaldavLogin, options: FetchOptions, eventUrl: string, ics: string): Promise<string | null> {
  const response = await authorisedRequest(login, options, eventUrl, { method: 'PUT', body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8' } })
  if (!response.ok) throw new CalendarSyncError(problemForStatus(response.status, 'caldav'))
  return response.headers.get('etag')
}

/** Removes an event; one already gone is fine. */
export async function deleteCaldavEvent(login: CaldavLogin, options: FetchOptions, eventUrl: string): Promise<void> {
  const response = await authorisedRequest(login, options, eventUrl, { method: 'DELETE' })
  if (!response.ok && response.status !== 404 && response.status !== 410) throw new CalendarSyncError(problemForStatus(response.status, 'caldav'))
}

/** Where our event for a booking lives in the calendar collection. */
export function eventUrlFor(calendarUrl: string, bookingId: string): string {
  return new URL(`career-conversation-${bookingId}.ics`, calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`).toString()
}

async function authorisedRequest(login: CaldavLogin, options: FetchOptions, url: string, init: RequestInit): Promise<Response> {
  const authorization = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`
  const response = await guardedFetch(options)(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization } })
  await response.body?.cancel()
  return response
}

function sameUrl(a: string, b: string): boolean {
  const strip = (url: string) => url.replace(/\/+$/, '')
  return strip(a) === strip(b)
}
