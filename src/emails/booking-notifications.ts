import type pg from 'pg'
import type { JobQueue } from '../plugins/app/jobs.js'

/**
 * What the booking service tells the email side, inside the booking's own
 * transaction, so a booking and its emails commit together.
 */
export type BookingChange =
  | { kind: 'booked'; bookingId: string; start: Date; end: Date; sequence: number }
  | { kind: 'rescheduled'; bookingId: string; start: Date; end: Date; sequence: number; previousStart: Date }
  | { kind: 'cancelled'; bookingId: string; start: Date; end: Date; sequence: number; by: 'candidate' | 'coach' | 'admin' }

export async function enqueueBookingNotifications(
  jobs: Pick<JobQueue, 'add' | 'remove'>,
  client: pg.ClientBase,
  change: BookingChange,
): Promise<void> {
  await jobs.add('send-email', { kind: `booking-${change.kind}`, bookingId: change.bookingId, sequence: change.sequence }, { client })
}
