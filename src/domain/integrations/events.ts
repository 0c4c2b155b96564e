/**
 * What happened, for other systems: each event is written in the
 * same transaction as the change it tells of, so none is lost and none is
 * told of a change that did not commit. Systems hear of them by webhooks
 * (webhooks.ts) or catch up with the feed (GET /api/v1/events, 30 days).
 * Events carry ids, times and status only: no names, notes or answers.
 */
import type pg from 'pg'
import { ValidationError } from '../errors.js'
import { inTransaction } from '../../repositories/db.js'
import { insertBookingEvent, listEventsAfter, positionNewEvents, type StoredEvent } from '../../repositories/integration-events.js'
import type { BookingChange } from '../ports/notifier.js'

/**
 * Booking events are written by the booking service (announceBookingEvent);
 * follow-up events by triggers (migration 20261203171500_action_events), so
 * every path that makes such a change tells of it.
 */
export const EVENT_TYPES = [
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.reassigned',
  'conversation.completed',
  'action.created',
  'action.status_changed',
] as const
type EventType = (typeof EVENT_TYPES)[number]

export const EVENT_DAYS = 30

/** The event other systems hear for each kind of booking change. */
export const EVENT_TYPE_OF_CHANGE: Record<BookingChange['kind'], EventType> = {
  booked: 'booking.created',
  rescheduled: 'booking.rescheduled',
  cancelled: 'booking.cancelled',
  reassigned: 'booking.reassigned',
}

/**
 * Events are dispatched one at a time in the order they were enqueued, so
 * each endpoint's queue (webhooks.ts) receives them in the order they
 * happened. The follow-up triggers use the same queue
 * (migration 20261205040000_webhooks_in_order).
 */
export const DISPATCH_QUEUE = 'webhook-dispatch'

/** How often the dispatch of an event is tried (the JobQueue port's default). */
const DISPATCH_ATTEMPTS = 25

/**
 * Records a booking event in the change's transaction; a job, added by the
 * same statement when a webhook listens for the type, takes it to them.
 */
export async function announceBookingEvent(client: pg.ClientBase, event: { type: EventType; bookingId: string; occurredAt: Date }): Promise<void> {
  await insertBookingEvent(client, event, { task: 'dispatch-webhooks', queueName: DISPATCH_QUEUE, maxAttempts: DISPATCH_ATTEMPTS })
}

interface FeedPage {
  events: { id: string; type: string; at: string; data: Record<string, unknown> }[]
  nextCursor: string
}

export const FEED_LIMIT = { default: 100, maximum: 500 } as const

/** A cursor is a position, opaque to clients. */
const cursorOf = (position: bigint) => Buffer.from(`p${position}`).toString('base64url')

function positionOf(cursor: string | undefined): bigint {
  if (cursor === undefined || cursor === '') return 0n
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^p\d{1,18}$/.test(text)) throw new ValidationError([{ field: 'after', message: 'This cursor is not one the feed gave' }])
  return BigInt(text.slice(1))
}

/**
 * The events after `after` (a cursor from an earlier page; from the oldest
 * kept when left out), oldest first. `nextCursor` is where to carry on from,
 * the same cursor again when there is nothing new.
 */
export async function readEventFeed(pool: pg.Pool, query: { after?: string; limit?: number }): Promise<FeedPage> {
  const after = positionOf(query.after)
  const limit = Math.min(query.limit ?? FEED_LIMIT.default, FEED_LIMIT.maximum)
  const events: StoredEvent[] = await inTransaction(pool, async (client) => {
    await positionNewEvents(client)
    return listEventsAfter(client, after, limit)
  })
  const last = events.at(-1)
  return {
    events: events.map((event) => ({ id: event.id, type: event.type, at: event.occurredAt.toISOString(), data: event.data })),
    nextCursor: cursorOf(last ? BigInt(last.position) : after),
  }
}
