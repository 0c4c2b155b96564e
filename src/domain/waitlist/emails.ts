/** The waitlist's emails go through their own job (src/jobs/waitlist-email.ts), enqueued in the change's transaction. */
export const WAITLIST_EMAIL_TASK = 'waitlist-email'
/** Matching a programme's line against its free times (src/jobs/waitlist-match.ts). */
export const WAITLIST_MATCH_TASK = 'waitlist-match'

export type WaitlistEmailPayload =
  | { email: 'waitlist-joined'; entryId: string; requestId: string }
  | { email: 'waitlist-offer'; offerId: string }
