import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { preparationModelFor } from '../domain/conversation-models/index.js'
import { Value } from 'typebox/value'
import {
  cancelledEmail,
  changedEmail,
  coachChangedEmail,
  coachNoticeEmail,
  confirmationEmail,
  preparationEmail,
  previousCoachNoticeEmail,
  reminderEmail,
  reminderStillDue,
  videoLinkChangedEmail,
  type BookingForEmail,
} from '../emails/booking-emails.js'
import { deliverEmail, type ComposedEmail } from '../emails/deliver-email.js'
import { findPreparation } from '../repositories/preparations.js'
import { coachErasureNoticeEmail } from '../emails/coach-erasure-notice.js'
import { manageLinkFor } from '../emails/manage-link-for-email.js'
import { findBookingEmailRecord, findCoachEmailRecord } from '../repositories/booking-email-records.js'
import { findReminderOffsetsOfBooking } from '../repositories/booking-reminders.js'
import type { ManageTokenRecord } from '../repositories/manage-tokens.js'
import { actionCheckInEmail, conversationSummaryEmail } from '../emails/follow-up-emails.js'
import { sendInvitationEmail } from '../emails/invitation-email.js'
import { conversationFeedbackEmail, outcomeFollowUpEmail } from '../emails/outcome-emails.js'
import { sendPasswordLinkEmail } from '../emails/staff-emails.js'
import { sendNewManageLinkEmail } from '../emails/new-manage-link-email.js'
import { alreadyBookedEmail, emailCodeEmail } from '../emails/email-proof-emails.js'

import { SendEmailPayload } from '../domain/ports/email-jobs.js'

type BookingEmailPayload = Exclude<SendEmailPayload, { email: 'invitation' | 'password-reset' | 'new-account' | 'email-code' | 'coach-erasure-notice' | 'new-manage-link' }>

type Compose = (booking: BookingForEmail, manageUrl: () => Promise<string>) => Promise<ComposedEmail | undefined>

/**
 * `send-email`: composes one email from the booking as it is now (so nothing
 * stale goes out: no reminder for a cancelled or moved booking) and delivers
 * it once. A thrown error makes graphile-worker retry with backoff.
 */
export function sendEmailTask(app: FastifyInstance): Task {
  const publicUrl = app.config.PUBLIC_URL
  const links = (manageUrl: string) => ({ publicUrl, manageUrl })

  function composerFor(payload: BookingEmailPayload): Compose {
    const now = app.clock.now()
    switch (payload.email) {
      case 'booking-confirmation':
        return async (booking, manage) =>
          booking.status === 'booked' ? confirmationEmail(booking, links(await manage()), now, payload.preparationIncluded) : undefined
      case 'booking-changed':
        return async (booking, manage) =>
          booking.status === 'booked' && booking.sequence === payload.sequence ? changedEmail(booking, links(await manage()), now) : undefined
      case 'booking-coach-changed':
        return async (booking, manage) =>
          booking.status === 'booked' && booking.sequence === payload.sequence ? coachChangedEmail(booking, links(await manage()), now) : undefined
      case 'booking-cancelled':
        return async (booking) => (booking.status === 'cancelled' ? cancelledEmail(booking, links(''), now) : undefined)
      case 'previous-coach-notice':
        return async (booking) => {
          const previous = await findCoachEmailRecord(app.pg.pool, payload.coachId)
          return previous ? previousCoachNoticeEmail(booking, previous, links(''), now) : undefined
        }
      case 'coach-notice':
        return async (booking) => {
          const live = booking.status === 'booked'
          if ((payload.notice === 'cancelled') === live) return undefined
          return coachNoticeEmail(booking, links(''), now, payload.notice)
        }
      case 'preparation':
        // The questions of the form the candidate's answers are on (an earlier form keeps its own), else the latest.
        return async (booking, manage) => {
          if (booking.status !== 'booked' || booking.start <= now) return undefined
          const { answers } = await findPreparation(app.pg.pool, booking.id)
          return preparationEmail(booking, links(await manage()), preparationModelFor(booking.programme.modelKey, Object.keys(answers)))
        }
      case 'reminder':
        // Worded from when it is sent, and not sent once a nearer reminder is due too (a worker that was down).
        return async (booking, manage) =>
          booking.status === 'booked' &&
          booking.start.toISOString() === payload.start &&
          reminderStillDue(booking.start, now, payload.offsetMinutes, await findReminderOffsetsOfBooking(app.pg.pool, booking.id))
            ? reminderEmail(booking, links(await manage()), payload.offsetMinutes, now)
            : undefined
      case 'video-link-changed':
        return async (booking, manage) =>
          booking.status === 'booked' && booking.contactMethod === 'video' && booking.start > now
            ? videoLinkChangedEmail(booking, links(await manage()), now, payload.changeId)
            : undefined
      // Both carry a link of their own that outlives the manage link (see follow-up-emails.ts).
      case 'conversation-summary':
        return async (booking) => conversationSummaryEmail(app.pg.pool, booking, publicUrl, now)
      case 'action-check-in':
        return async (booking) => actionCheckInEmail(app.pg.pool, booking, publicUrl, now)
      case 'conversation-feedback':
        return async (booking) => conversationFeedbackEmail(app.pg.pool, booking, publicUrl, now)
      case 'outcome-follow-up':
        return async (booking) => outcomeFollowUpEmail(app.pg.pool, booking, payload.months, publicUrl, now)
      case 'already-booked':
        return async (booking, manage) => (booking.status === 'booked' ? alreadyBookedEmail(booking, await manage(), payload.requestId) : undefined)
    }
  }

  return async (rawPayload, helpers) => {
    if (!Value.Check(SendEmailPayload, rawPayload)) {
      helpers.logger.error('send-email: payload does not match its schema; dropped')
      return
    }
    const payload = rawPayload
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl }
    const attempt = { jobPayload: payload, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts }
    if (payload.email === 'invitation') {
      const result = await sendInvitationEmail({ ...deps, now: app.clock.now() }, payload.invitationId, attempt)
      helpers.logger.info(`send-email: invitation ${result}`)
      return
    }
    if (payload.email === 'email-code') {
      const email = await emailCodeEmail(app.pg.pool, payload, app.config.SESSION_SECRET, app.clock.now(), publicUrl)
      helpers.logger.info(`send-email: email-code ${email ? await deliverEmail(deps, email, attempt) : 'expired'}`)
      return
    }
    if (payload.email === 'password-reset' || payload.email === 'new-account') {
      const result = await sendPasswordLinkEmail({ ...deps, now: app.clock.now() }, payload.email, payload.passwordLinkId, attempt)
      helpers.logger.info(`send-email: ${payload.email} ${result}`)
      return
    }
    if (payload.email === 'coach-erasure-notice') {
      const coach = await findCoachEmailRecord(app.pg.pool, payload.coachId)
      if (!coach) return
      const conversation = { ...payload, start: new Date(payload.start), end: new Date(payload.end) }
      helpers.logger.info(`send-email: coach-erasure-notice ${await deliverEmail(deps, coachErasureNoticeEmail(coach, conversation, publicUrl, app.clock.now()), attempt)}`)
      return
    }
    const booking = await findBookingEmailRecord(app.pg.pool, payload.bookingId)
    if (!booking) return // erased or never committed: nothing to tell anyone
    if (payload.email === 'new-manage-link') {
      const result = await sendNewManageLinkEmail({ ...deps, now: app.clock.now() }, booking, payload.requestId, attempt)
      helpers.logger.info(`send-email: new-manage-link ${result}`)
      return
    }
    // The link is made as the email is composed and stored with the delivery's claim (deliverEmail).
    let link: { url: string; token: ManageTokenRecord } | undefined
    const manage = async () => (link ??= manageLinkFor(booking, publicUrl, app.clock.now())).url
    const email = await composerFor(payload)(booking, manage)
    if (!email) return
    helpers.logger.info(`send-email: ${email.kind} ${await deliverEmail(deps, link ? { ...email, manageToken: link.token } : email, attempt)}`)
  }
}
