/** The words of conversation notes, as the service, repositories and routes use them. */
import type { NoteValues } from '../conversation-models/index.js'
import type { NoShowReason } from './outcome-rules.js'

/** not_started: nothing saved yet (there is no row). */
export type NotesStatus = 'not_started' | 'draft' | 'complete'

export type NoteVisibility = 'shared' | 'private'

export const CONVERSATION_OUTCOMES = ['held', 'no_show', 'cancelled_late'] as const
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number]

export const conversationOutcomeLabels: Readonly<Record<ConversationOutcome, string>> = {
  held: 'Held',
  no_show: 'Did not attend',
  cancelled_late: 'Cancelled late',
}

export interface StaffRef {
  id: string
  name: string
}

/** Notes as stored (a row of conversation_notes). */
export interface StoredNotes {
  bookingId: string
  modelKey: string
  modelVersion: number
  values: NoteValues
  noActionsAgreed: boolean
  status: 'draft' | 'complete'
  version: number
  createdAt: Date
  updatedAt: Date
  updatedBy: StaffRef | null
  completedAt: Date | null
  completedBy: StaffRef | null
}

export interface Addendum {
  id: string
  bookingId: string
  visibility: NoteVisibility
  text: string
  createdAt: Date
  author: StaffRef | null
}

export interface RecordedOutcome {
  outcome: ConversationOutcome
  recordedAt: Date
  recordedBy: StaffRef | null
  /** Why they did not attend (./outcome-rules.ts); null for other outcomes, and for those recorded without one. */
  noShowReason: NoShowReason | null
  /** When it was first recorded: corrections are allowed for a set time after this. */
  firstRecordedAt: Date
}

export const ADDENDUM_MAX_LENGTH = 10_000
