/**
 * The candidate's summary, from their link (or for the coach and admins, who
 * see exactly what the candidate sees): empty until the notes are complete.
 */
import { listActions } from '../../repositories/actions.js'
import { findNotes, listAddenda } from '../../repositories/notes.js'
import type { Booking } from '../booking/types.js'
import { NotesAuditActions, audit, openForAnyone, type NotesDeps, type NotesRequest } from './context.js'
import { modelForNotes } from './notes-service.js'
import { buildCandidateSummary, type CandidateSummary } from './summary.js'

export interface CandidateSummaryState {
  booking: Booking
  /** False until the coach completes the notes. */
  ready: boolean
  completedAt: Date | null
  summary: CandidateSummary | null
}

export async function getCandidateSummary(deps: NotesDeps, bookingId: string, request: NotesRequest): Promise<CandidateSummaryState> {
  const { booking, viewer } = await openForAnyone(deps.pool, bookingId, request, deps.clock.now())
  const notes = await findNotes(deps.pool, booking.id)
  if (notes?.status !== 'complete') return { booking, ready: false, completedAt: null, summary: null }
  const [model, addenda, actions] = await Promise.all([modelForNotes(deps.pool, booking, notes), listAddenda(deps.pool, booking.id), listActions(deps.pool, booking.id)])
  await audit(deps, request, viewer, {
    action: viewer.kind === 'candidate' ? NotesAuditActions.summaryRead : NotesAuditActions.read,
    bookingId: booking.id,
    details: { shared: true },
  })
  return {
    booking,
    ready: true,
    completedAt: notes.completedAt,
    summary: buildCandidateSummary({ model, values: notes.values, noActionsAgreed: notes.noActionsAgreed, addenda, actions }),
  }
}
