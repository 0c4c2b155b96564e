/** The ways notes and actions say no; the error handler (or the route) turns each into its status. */
import { ConflictError, ForbiddenError } from '../errors.js'
import type { StaffRef } from './types.js'

/**
 * 409 stale_notes: the save was based on an older version; someone (another
 * tab, another person) saved since. Nothing was written.
 */
export class StaleNotesError extends ConflictError {
  constructor(readonly current: { version: number; updatedAt: Date; updatedBy: StaffRef | null }) {
    super(
      'stale_notes',
      'Someone else saved these notes after you opened them, so your changes have not been saved. ' +
        'Copy anything you need, then reload the notes to see the latest version.',
    )
  }
}

/** 409 notes_complete: the notes are locked; add an addendum instead. */
export class NotesCompleteError extends ConflictError {
  constructor() {
    super('notes_complete', 'These notes are complete, so they cannot be changed. Add an addendum instead.')
  }
}

/** 409 notes_not_complete: addenda (and status updates) come after completion. */
export class NotesNotCompleteError extends ConflictError {
  constructor(message = 'Complete the notes first. Until then, change the notes themselves.') {
    super('notes_not_complete', message)
  }
}

/** 409 conversation_not_held: no notes to complete for a conversation that did not take place. */
export class ConversationNotHeldError extends ConflictError {
  constructor(message = 'This conversation did not take place, so its notes cannot be completed') {
    super('conversation_not_held', message)
  }
}

/** 409 conversation_not_started: an outcome or completion before the start time. */
export class ConversationNotStartedError extends ConflictError {
  constructor(message = 'This conversation has not started yet') {
    super('conversation_not_started', message)
  }
}

/** 403: only the booking's own coach writes its notes and actions (admins read). */
export class NotTheCoachError extends ForbiddenError {
  constructor() {
    super('Only the coach of this conversation can change its notes and actions')
  }
}
