/**
 * A coach's private subscription feed: GET /calendar/<token>.ics, the
 * address they add to Outlook, Google or Apple Calendar to see their
 * conversations there.
 *
 * The token is an HMAC of a random nonce under a key derived from
 * SESSION_SECRET, so the page can show the address again while a copy of the
 * database alone does not give it; only its sha256 finds the feed. A new
 * address is a new nonce (the old one stops working); stopping the feed
 * deletes it. The events carry the coach's invitation UID, which busy-time
 * reading knows as ours (our-events.ts).
 */
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { coachUid } from './our-events.js'
import { buildCalendarIcs } from './ics.js'
import { conversationEvent } from './conversation-event.js'
import { deleteFeed, findFeedByTokenHash, findFeedOfCoach, listCoachConversationsFrom, saveFeed, setFeedShowsCandidateDetails } from '../../repositories/calendar-feeds.js'

/** Conversations this far back stay in the feed, so last week's are still in the coach's calendar. */
const FEED_DAYS_BACK = 30
const FEED_MOST_CONVERSATIONS = 2000
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

interface CoachFeedDeps {
  pool: pg.Pool
  secret: string
  publicUrl: string
}

function feedKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'career-conversations', 'calendar-feed', 32))
}

function feedToken(nonce: string, secret: string): string {
  return createHmac('sha256', feedKey(secret)).update(nonce).digest('base64url')
}

function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function feedAddress(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`
}

interface CoachFeedView {
  address: string
  /** webcal://: opens the calendar app to subscribe. */
  subscribeAddress: string
  showsCandidateDetails: boolean
  createdAt: Date
}

export async function coachFeed(deps: CoachFeedDeps, coachId: string): Promise<CoachFeedView | null> {
  const feed = await findFeedOfCoach(deps.pool, coachId)
  if (!feed) return null
  const address = feedAddress(deps.publicUrl, feedToken(feed.nonce, deps.secret))
  return { address, subscribeAddress: address.replace(/^https?:/, 'webcal:'), showsCandidateDetails: feed.showsCandidateDetails, createdAt: feed.createdAt }
}

/** Starts the feed, or gives it a new address (the old one stops working). */
export async function newFeedAddress(deps: CoachFeedDeps, db: pg.ClientBase | pg.Pool, coachId: string, now: Date): Promise<void> {
  const nonce = randomBytes(24).toString('base64url')
  await saveFeed(db, coachId, nonce, feedTokenHash(feedToken(nonce, deps.secret)), now)
}

export async function stopFeed(db: pg.ClientBase | pg.Pool, coachId: string): Promise<boolean> {
  return deleteFeed(db, coachId)
}

export async function setFeedCandidateDetails(db: pg.ClientBase | pg.Pool, coachId: string, shows: boolean): Promise<boolean> {
  return setFeedShowsCandidateDetails(db, coachId, shows)
}

/** The feed's calendar for a `<token>.ics` path segment, or null (unknown, stopped, or its coach switched off). */
export async function renderCoachFeed(deps: CoachFeedDeps, file: string, now: Date): Promise<string | null> {
  const token = file.endsWith('.ics') ? file.slice(0, -4) : ''
  if (!TOKEN_PATTERN.test(token)) return null
  const feed = await findFeedByTokenHash(deps.pool, feedTokenHash(token))
  if (!feed) return null
  const host = new URL(deps.publicUrl).hostname
  const from = new Date(now.getTime() - FEED_DAYS_BACK * 24 * 60 * 60 * 1000)
  const conversations = await listCoachConversationsFrom(deps.pool, feed.coachId, from, FEED_MOST_CONVERSATIONS)
  const events = conversations.map((conversation) =>
    conversationEvent(conversation, {
      uid: coachUid(conversation.bookingId, host, conversation.calendarUid),
      sequence: conversation.sequence,
      now,
      publicUrl: deps.publicUrl,
      showsCandidateDetails: feed.showsCandidateDetails,
    }),
  )
  return buildCalendarIcs(events, { name: 'Career conversations' })
}
