import { firstNameOf } from '../booking/rules.js'
import type { CalendarConversation } from '../../repositories/calendar-feeds.js'
import type { CalendarEventInput } from './ics.js'

/**
 * A conversation as an event in the coach's own calendar (their feed, or
 * written to their CalDAV calendar). Only the candidate's first name and the
 * reference, unless the coach chose to see more: calendars are shared with
 * assistants, synced to phones and kept for years.
 */
export function conversationEvent(
  conversation: CalendarConversation,
  options: { uid: string; sequence: number; now: Date; publicUrl: string; showsCandidateDetails: boolean },
): CalendarEventInput {
  const firstName = firstNameOf(conversation.candidateName)
  const how =
    conversation.contactMethod === 'phone'
      ? options.showsCandidateDetails && conversation.candidatePhone
        ? `By phone: ${conversation.candidatePhone}`
        : 'By phone (the number is on your coaching page)'
      : conversation.videoLink
        ? `By video: ${conversation.videoLink}`
        : 'By video (no link added yet)'
  const details = options.showsCandidateDetails
    ? [
        `Candidate: ${conversation.candidateName} (${conversation.candidateEmail})`,
        ...(conversation.accessibilityNeeds ? [`Accessibility needs: ${conversation.accessibilityNeeds}`] : []),
      ]
    : []
  return {
    uid: options.uid,
    sequence: options.sequence,
    start: conversation.startsAt,
    end: conversation.endsAt,
    summary: `Career conversation with ${firstName} (${conversation.reference})`,
    description: [`${conversation.programmeName}. Reference ${conversation.reference}.`, how, ...details, `Your coaching page: ${options.publicUrl}/coach`].join('\n'),
    location: conversation.videoLink ?? undefined,
    now: options.now,
  }
}
