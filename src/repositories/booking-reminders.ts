/** The reminders a booking gets: its programme's, read when they are scheduled and again when each is sent. */
import { prepared, type Queryable } from './db.js'
import type { Programme } from './rows.js'

/** The booking's programme's reminders, in minutes before the start; none when there is no such booking. */
export async function findReminderOffsetsOfBooking(db: Queryable, bookingId: string): Promise<Programme['reminderOffsetsMinutes']> {
  const { rows } = await db.query<{ offsets: Programme['reminderOffsetsMinutes'] }>(
    prepared(
      'reminder-offsets-of-booking',
      `SELECT p.reminder_offsets_minutes AS offsets FROM bookings b JOIN programmes p ON p.id = b.programme_id WHERE b.id = $1`,
      [bookingId],
    ),
  )
  return rows[0]?.offsets ?? []
}
