/** Conversation notes: the coach's record of a conversation, its addenda, outcome and the candidate's summary. */
export * from './types.js'
export * from './errors.js'
export type { NotesDeps, NotesRequest } from './context.js'
export { NotesAuditActions } from './context.js'
export * from './notes-service.js'
export * from './summary.js'
export * from './summary-service.js'
export * from './follow-up-links.js'
