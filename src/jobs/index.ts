import type { FastifyInstance } from 'fastify'
import type { TaskList } from 'graphile-worker'
import { calendarEventRemovalTask, calendarLeftRemovalTask, calendarSyncFailingTask, calendarSyncTask, calendarSyncsDueTask, calendarWriteBackTask } from './calendar-sync.js'
import { coachDailyAgendasTask } from './coach-daily-agendas.js'
import { failingEmailsDigestTask } from './failing-emails-digest.js'
import { overdueActionsDigestTask } from './overdue-actions-digest.js'
import { purgeSlotHoldsTask } from './purge-slot-holds.js'
import { retentionTask } from './retention.js'
import { sendEmailTask } from './send-email.js'
import { waitlistEmailTask } from './waitlist-email.js'
import { waitlistMatchTask, waitlistSweepTask } from './waitlist-match.js'
import { deliverWebhookTask, dispatchWebhooksTask, webhookSwitchedOffTask } from './webhooks.js'

/**
 * Every task the worker runs, one file per task in this folder. Each takes the
 * parts of the app it needs, so tasks stay testable on their own.
 */
export function createTaskList(app: FastifyInstance): TaskList {
  return {
    'send-email': sendEmailTask(app),
    'coach-daily-agendas': coachDailyAgendasTask(app),
    'overdue-actions-digest': overdueActionsDigestTask(app),
    'failing-emails-digest': failingEmailsDigestTask(app),
    'data-retention': retentionTask(app),
    'purge-slot-holds': purgeSlotHoldsTask(app),
    'dispatch-webhooks': dispatchWebhooksTask(app),
    'deliver-webhook': deliverWebhookTask(app),
    'webhook-switched-off': webhookSwitchedOffTask(app),
    'calendar-syncs-due': calendarSyncsDueTask(app),
    'calendar-sync': calendarSyncTask(app),
    'calendar-write-back': calendarWriteBackTask(app),
    'calendar-sync-failing': calendarSyncFailingTask(app),
    'calendar-event-removal': calendarEventRemovalTask(app),
    'calendar-left-removal': calendarLeftRemovalTask(app),
    'waitlist-email': waitlistEmailTask(app),
    'waitlist-match': waitlistMatchTask(app),
    'waitlist-sweep': waitlistSweepTask(app),
  }
}
