/**
 * What happened to a conversation, as its coach records it:
 * "did not attend" asks for confirmation and why, in the reason codes of the
 * National Careers Service; an outcome can be corrected for a set time after
 * it was first recorded, and each recording and correction is audited.
 * Pure: no I/O, no clock.
 */
export const NO_SHOW_REASONS = ['forgot', 'no_longer_needed', 'work', 'personal_situation', 'rescheduled', 'not_known'] as const
export type NoShowReason = (typeof NO_SHOW_REASONS)[number]

export const noShowReasonLabels: Readonly<Record<NoShowReason, string>> = {
  forgot: 'Forgot',
  no_longer_needed: 'No longer needed',
  work: 'Work',
  personal_situation: 'Personal situation',
  rescheduled: 'Rescheduled',
  not_known: 'Not known',
}

/** How long after an outcome is first recorded its coach can correct it. */
const OUTCOME_CORRECTION_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

export const OUTCOME_MESSAGES = {
  reasonMissing: 'Select why they did not attend',
  reasonUnknown: `Select one of: ${NO_SHOW_REASONS.join(', ')}`,
  tooLate: `What happened was recorded more than ${OUTCOME_CORRECTION_DAYS} days ago, so it can no longer be changed. Ask the programme team if it is wrong.`,
} as const

export function isNoShowReason(value: unknown): value is NoShowReason {
  return typeof value === 'string' && (NO_SHOW_REASONS as readonly string[]).includes(value)
}

/** The last instant an outcome first recorded at `firstRecordedAt` can be corrected. */
export function correctableUntil(firstRecordedAt: Date): Date {
  return new Date(firstRecordedAt.getTime() + OUTCOME_CORRECTION_DAYS * DAY_MS)
}

export function canCorrectOutcome(firstRecordedAt: Date, now: Date): boolean {
  return now.getTime() <= correctableUntil(firstRecordedAt).getTime()
}
