/** Conversation notes: the coach's record of a conversation, its addenda, outcome and the candidate's summary. */
export {
  CONVERSATION_OUTCOMES,
  type ConversationOutcome,
  conversationOutcomeLabels,
  type Addendum,
  type RecordedOutcome,
} from './types.js'
export { StaleNotesError, NotesCompleteError, ConversationNotStartedError } from './errors.js'
export type { NotesDeps, NotesRequest } from './context.js'
export {
  completionProblems,
  getNotes,
  saveNotes,
  completeNotes,
  addAddendum,
  recordOutcome,
  notesModelForCoach,
  type NotesState,
} from './notes-service.js'
export { summaryAction, buildCandidateSummary, type SummaryAction, type CandidateSummary } from './summary.js'
export * from './summary-service.js'
