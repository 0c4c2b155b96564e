import type { EmailMessage } from '../render-email.js'

/** To the coach and each admin: a coach's connected calendar has failed to sync several times in a row (src/domain/calendar-sync/sync.ts). */
interface CalendarSyncFailingModel {
  firstName: string
  /** "your calendar", or "Jo Bloggs's calendar" to an admin. */
  whose: string
  /** What the page shows of the address: its host. */
  where: string
  lastError: string
  since: string
  pageUrl: string
}

export const calendarSyncFailing: EmailMessage<CalendarSyncFailingModel> = {
  template: 'calendar-sync-failing',
  subject: () => 'A calendar cannot be read',
}
