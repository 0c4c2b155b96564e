import type pg from 'pg'

/**
 * A change to a booking, as the domain reports it to the notifier.
 */
export type BookingChange =
  | {
      kind: 'booked'
      bookingId: string
      start: Date
      end: Date
      sequence: number
      /**
       * The programme's reminders (minutes before the start), when the caller has read them with the programme:
       * the notifier then adds the booking's emails without reading them again, in the same message as the rest.
       */
      reminderOffsetsMinutes?: readonly number[]
    }
  | {
      kind: 'rescheduled'
      bookingId: string
      start: Date
      end: Date
      sequence: number
      previousStart: Date
      /** The coach now, and before: when they differ, each coach is told (new booking / moved away). */
      coachId?: string
      previousCoachId?: string
    }
  | { kind: 'cancelled'; bookingId: string; start: Date; end: Date; sequence: number; by: 'candidate' | 'coach' | 'admin' }
  | { kind: 'reassigned'; bookingId: string; start: Date; end: Date; sequence: number; coachId: string; previousCoachId: string }

/**
 * Who hears of a change, told inside the change's own transaction (a client
 * of inTransaction, which sends statements issued together in one message:
 * the notifier issues its independent ones together), so the change and what
 * it sets going commit together or not at all. The
 * composition root (src/plugins/app/deps.ts) wires it to the emails
 * (src/emails), the event feed and webhooks (src/domain/integrations) and
 * the coaches' calendars (src/domain/calendar-sync).
 */
export interface Notifier {
  /** A booking was made, moved, given another coach or cancelled. */
  bookingChanged(client: pg.ClientBase, change: BookingChange): Promise<void>
  /** A candidate's video link changed. */
  videoLinkChanged(client: pg.ClientBase, booking: { id: string; startsAt: Date }): Promise<void>
  /** The coach finished the notes of a held conversation: the summary and the action check-in. */
  conversationHeld(client: pg.ClientBase, conversation: { bookingId: string; conversationStart: Date; now: Date }): Promise<void>
}
