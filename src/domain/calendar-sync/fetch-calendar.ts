/**
 * Reading a calendar over HTTP: a subscription address (the private ICS link
 * Outlook, Google and Apple publish), with a time limit, a size limit and
 * only public addresses (unless the operator allows private ones), and every
 * failure said in plain words for the coach's page.
 */
import { isIP } from 'node:net'
import { lookup } from 'node:dns/promises'
import { isPrivateAddress } from '../integrations/webhooks.js'

/** Why a calendar could not be read, in words for the coach. */
export class CalendarSyncError extends Error {}

export const SYNC_MESSAGES = {
  notAnAddress: 'Enter the calendar’s address, starting https:// or webcal://',
  credentialsInAddress: 'The address may not carry a user name or password',
  privateNetwork: 'This address is on a private network, which this service cannot reach',
  notFound: 'There is no calendar at that address. Check it is the whole address and try again',
  unreachable: 'The calendar server could not be reached. Check the address, or try again later',
  slow: 'The calendar server took too long to answer. We will try again',
  refused: 'The calendar server asked for a password. Use your calendar’s private (secret) address, or connect it with CalDAV',
  wrongLogin: 'The calendar server did not accept the user name or app password',
  tooBig: 'The calendar is too big to read (over 10 MB)',
  serverProblem: (status: number) => `The calendar server had a problem (it answered ${status}). We will try again`,
} as const

/** Bigger than any one person's calendar file a year or two either side. */
const MAX_CALENDAR_BYTES = 10 * 1024 * 1024
const MAX_REDIRECTS = 3

export interface FetchOptions {
  timeoutMs: number
  /** Addresses on private, loopback or link-local networks (development, tests, a trust's own server). */
  allowPrivate: boolean
}

/** https:// (or http://) for a typed address; webcal:// is how Apple and Outlook hand out the same https address. */
export function normaliseCalendarAddress(typed: string): URL {
  const trimmed = typed.trim().replace(/^webcals?:\/\//i, 'https://')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new CalendarSyncError(SYNC_MESSAGES.notAnAddress)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CalendarSyncError(SYNC_MESSAGES.notAnAddress)
  if (url.username || url.password) throw new CalendarSyncError(SYNC_MESSAGES.credentialsInAddress)
  return url
}

/** Refuses an address whose host is (or resolves to) a private address, unless allowed. */
export async function checkReachableHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address)
  } catch {
    throw new CalendarSyncError(SYNC_MESSAGES.unreachable)
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) throw new CalendarSyncError(SYNC_MESSAGES.privateNetwork)
}

/** The text of the calendar at a subscription address; a CalendarSyncError says what went wrong. */
export async function fetchCalendarText(address: string, options: FetchOptions): Promise<string> {
  let url = normaliseCalendarAddress(address)
  const signal = AbortSignal.timeout(options.timeoutMs)
  for (let hop = 0; ; hop++) {
    await checkReachableHost(url, options.allowPrivate)
    let response: Response
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1', 'user-agent': 'NHS-Career-Conversations-Calendar/1' },
      })
    } catch (error) {
      throw new CalendarSyncError(isTimeout(error) ? SYNC_MESSAGES.slow : SYNC_MESSAGES.unreachable)
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location') && hop < MAX_REDIRECTS) {
      await response.body?.cancel()
      url = normaliseCalendarAddress(new URL(response.headers.get('location')!, url).toString())
      continue
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new CalendarSyncError(problemForStatus(response.status, 'subscription'))
    }
    return readLimited(response, signal)
  }
}

/** Plain words for an HTTP status from a calendar server. */
export function problemForStatus(status: number, kind: 'subscription' | 'caldav'): string {
  if (status === 401 || status === 403) return kind === 'caldav' ? SYNC_MESSAGES.wrongLogin : SYNC_MESSAGES.refused
  if (status === 404 || status === 410) return SYNC_MESSAGES.notFound
  return SYNC_MESSAGES.serverProblem(status)
}

export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string; cause?: { name?: string } } | null)?.name
  const causeName = (error as { cause?: { name?: string; code?: string } } | null)?.cause?.name
  return name === 'TimeoutError' || causeName === 'TimeoutError' || name === 'AbortError'
}

async function readLimited(response: Response, signal: AbortSignal): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > MAX_CALENDAR_BYTES) {
        await reader.cancel()
        throw new CalendarSyncError(SYNC_MESSAGES.tooBig)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof CalendarSyncError) throw error
    throw new CalendarSyncError(signal.aborted || isTimeout(error) ? SYNC_MESSAGES.slow : SYNC_MESSAGES.unreachable)
  }
  return Buffer.concat(chunks).toString('utf8')
}
