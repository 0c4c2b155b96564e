import type { CoachChangeResult } from '../domain/coach-changes/index.js'
import { formatDateTimeRange } from '../domain/time/index.js'

/**
 * View data for the coach-change pages (templates/pages/coach-changes): each
 * conversation, on the coach's clock, and what will happen (or happened) to it.
 */
export function conversationsView(result: CoachChangeResult) {
  const planned = !result.applied
  const conversations = result.affected.map((a) => ({
    when: formatDateTimeRange(a.startsAt, a.endsAt, result.coach.timeZone),
    reference: a.reference,
    programme: a.programme.name,
    candidate: a.candidateName,
    outcomeText:
      a.outcome === 'moved'
        ? `${planned ? 'Moves' : 'Moved'} to ${a.newCoach?.name ?? 'another coach'} at the same time`
        : `Cancelled: no other coach is free then. The candidate ${planned ? 'is' : 'was'} sent an apology and a link to book again`,
  }))
  return {
    conversations,
    movedCount: result.affected.filter((a) => a.outcome === 'moved').length,
    cancelledCount: result.affected.filter((a) => a.outcome === 'cancelled').length,
  }
}
