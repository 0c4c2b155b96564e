import { DateTime } from 'luxon'
import { DEFAULT_CONVERSATION_MODEL_KEY, programmeModel } from '../domain/conversation-models/index.js'
import {
  cancelledEmail,
  changedEmail,
  coachChangedEmail,
  coachNoticeEmail,
  confirmationEmail,
  preparationEmail,
  reminderEmail,
  videoLinkChangedEmail,
  type BookingForEmail,
} from './booking-emails.js'
import type { ComposedEmail } from './deliver-email.js'
import { invitationEmail } from './invitation-email.js'
import { INVITATION_VALID_DAYS } from '../domain/booking/service/invitations.js'
import { coachDailyAgenda } from './messages/coach-daily-agenda.js'
import { actionCheckIn } from './messages/action-check-in.js'
import { conversationSummary } from './messages/conversation-summary.js'
import { conversationFeedback } from './messages/conversation-feedback.js'
import { outcomeFollowUp } from './messages/outcome-follow-up.js'
import { newAccount } from './messages/new-account.js'
import { newManageLink } from './messages/new-manage-link.js'
import { overdueActionsDigest } from './messages/overdue-actions-digest.js'
import { failingEmailsDigest } from './messages/failing-emails-digest.js'
import { passwordReset } from './messages/password-reset.js'
import { renderEmail } from './render-email.js'
import { alreadyBooked } from './messages/already-booked.js'
import { emailCode } from './messages/email-code.js'
import { webhookSwitchedOff } from './messages/webhook-switched-off.js'
import { calendarSyncFailing } from './messages/calendar-sync-failing.js'
import { waitlistJoined, waitlistOffer } from './messages/waitlist.js'

/** Every email the service sends, rendered with made-up data, for the admin preview page. */
export function emailPreviews(publicUrl: string, now: Date): { key: string; title: string; email: ComposedEmail }[] {
  const start = DateTime.fromJSDate(now).setZone('Europe/London').plus({ days: 7 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  const booking: BookingForEmail = {
    id: '00000000-0000-4000-8000-000000000000',
    reference: 'CC-7KQ2M9',
    status: 'booked',
    start: start.toJSDate(),
    end: start.plus({ minutes: 45 }).toJSDate(),
    sequence: 1,
    previousStart: start.minus({ days: 1 }).toJSDate(),
    previousEnd: start.minus({ days: 1 }).plus({ minutes: 45 }).toJSDate(),
    cancelledBy: 'candidate',
    candidate: { name: 'Sam Example', email: 'sam@example.com', phone: '07700 900000', timeZone: 'Europe/London' },
    contactMethod: 'phone',
    videoLink: null,
    accessibilityNeeds: 'Please speak slowly',
    coach: { name: 'Alex Coach', email: 'alex@example.com', timeZone: 'Europe/London' },
    programme: { name: 'Career conversations for vaccinators', slug: 'vaccinators', modelKey: DEFAULT_CONVERSATION_MODEL_KEY },
  }
  const byVideo: BookingForEmail = { ...booking, contactMethod: 'video', videoLink: 'https://meet.example.nhs.uk/alex-coach' }
  const links = { publicUrl, manageUrl: `${publicUrl}/bookings/manage/example` }
  const sample = (key: string, title: string, email: ComposedEmail) => ({ key, title, email })
  const simple = (key: string, title: string, rendered: { subject: string; html: string; text: string }) =>
    sample(key, title, { kind: key, dedupeKey: `preview:${key}`, to: 'sam@example.com', ...rendered })
  return [
    sample(
      'invitation',
      'Invitation',
      invitationEmail(
        {
          id: booking.id,
          name: 'Sam Example',
          email: 'sam@example.com',
          // As a link issued now: it works for INVITATION_VALID_DAYS.
          expiresAt: DateTime.fromJSDate(now).plus({ days: INVITATION_VALID_DAYS }).toJSDate(),
          programme: { name: booking.programme.name, durationMinutes: 45 },
        },
        `${publicUrl}/invitations/example`,
      ),
    ),
    sample('booking-confirmation', 'Booking confirmation', confirmationEmail(booking, links, now, false)),
    sample('booking-confirmation-video', 'Booking confirmation, video call', confirmationEmail(byVideo, links, now, false)),
    sample('preparation', 'Preparation', preparationEmail(booking, links, programmeModel(DEFAULT_CONVERSATION_MODEL_KEY))),
    sample('reminder-24h', 'Reminder, the day before', reminderEmail(booking, links, 1440)),
    sample('reminder-1h', 'Reminder, an hour before', reminderEmail(booking, links, 60)),
    sample('booking-changed', 'Booking changed', changedEmail(booking, links, now)),
    sample('booking-coach-changed', 'Booking given to another coach', coachChangedEmail(booking, links, now)),
    sample('video-link-changed', 'Video call link changed', videoLinkChangedEmail(byVideo, links, now, 'preview')),
    sample('booking-cancelled', 'Booking cancelled', cancelledEmail({ ...booking, status: 'cancelled' }, links, now)),
    simple(
      'new-manage-link',
      'A new link to a booking',
      renderEmail(newManageLink, { candidateName: 'Sam Example', when: 'Monday 2 March 2026, 9:30am to 10:15am (UK time)', reference: 'CC-7KQ2M9', manageUrl: links.manageUrl }),
    ),
    simple('email-code', 'Code that proves an email address', renderEmail(emailCode, { code: '493027', programmeName: booking.programme.name, minutes: 15, bookingUrl: `${links.publicUrl}/book/example/email-code` })),
    simple(
      'already-booked',
      'A second booking attempt for an address',
      renderEmail(alreadyBooked, {
        candidateName: 'Sam Example',
        programmeName: booking.programme.name,
        when: 'Monday 2 March 2026, 9:30am to 10:15am (UK time)',
        reference: 'CC-7KQ2M9',
        manageUrl: links.manageUrl,
      }),
    ),
    simple(
      'waitlist-joined',
      'On the waitlist, with the link to see, change or leave it',
      renderEmail(waitlistJoined, {
        candidateName: 'Sam Example',
        programmeName: booking.programme.name,
        days: 'Tuesdays and Thursdays',
        partsOfDay: 'Morning and early evening',
        dates: 'Any date',
        timeZone: 'UK time',
        manageUrl: `${links.publicUrl}/waitlist/manage/example-link`,
      }),
    ),
    simple(
      'waitlist-offer',
      'A time held for someone on the waitlist, with its deadline',
      renderEmail(waitlistOffer, {
        candidateName: 'Sam Example',
        programmeName: booking.programme.name,
        when: 'Monday 2 March 2026, 9:30am to 10:15am (UK time)',
        deadline: '8pm on Sunday 1 March 2026 (UK time)',
        offerUrl: `${links.publicUrl}/waitlist/manage/example-link/offer`,
        manageUrl: `${links.publicUrl}/waitlist/manage/example-link`,
      }),
    ),
    simple(
      'webhook-switched-off',
      'A webhook switched off after failing for a day',
      renderEmail(webhookSwitchedOff, {
        adminFirstName: 'Jo',
        url: 'https://reporting.example.nhs.uk/hooks',
        lastError: 'The endpoint answered 503',
        pageUrl: `${links.publicUrl}/admin/integrations`,
      }),
    ),
    simple(
      'calendar-sync-failing',
      "A coach's calendar that cannot be read (to the coach; admins get the same with the coach's name)",
      renderEmail(calendarSyncFailing, {
        firstName: 'Alex',
        whose: 'your calendar',
        where: 'outlook.office365.com',
        lastError: 'The calendar server took too long to answer. We will try again',
        since: '8:15am on Monday 2 March 2026',
        pageUrl: `${links.publicUrl}/coach/availability/calendar`,
      }),
    ),
    simple(
      'conversation-summary',
      'Summary after the conversation',
      renderEmail(conversationSummary, {
        candidateName: 'Sam Example',
        coachFirstName: 'Alex',
        conversationDate: start.toFormat('cccc d LLLL yyyy'),
        stages: [
          { title: 'Who am I?', entries: [{ label: 'What we agreed to talk about', text: 'Moving from vaccinating into a clinical role' }] },
          { title: 'What are my options?', entries: [{ label: 'Roles we talked about', items: ['Healthcare assistant (now, realistic)', 'Nursing associate (later, stretch)'] }] },
        ],
        addenda: [],
        actions: [
          {
            summary: 'Apply for the healthcare assistant role at the trust',
            ownerLabel: 'You',
            dueText: start.plus({ weeks: 2 }).toFormat('cccc d LLLL yyyy'),
            categoryLabel: 'Job application',
            statusLabel: 'Not started',
            resource: { title: 'Health Careers: healthcare assistant', url: 'https://www.healthcareers.nhs.uk/' },
          },
        ],
        noActionsAgreed: false,
        summaryUrl: `${links.manageUrl}#summary`,
      }),
    ),
    simple(
      'action-check-in',
      'Check-in, 4 weeks later',
      renderEmail(actionCheckIn, {
        candidateName: 'Sam Example',
        coachFirstName: 'Alex',
        conversationDate: start.toFormat('cccc d LLLL yyyy'),
        actions: [{ summary: 'Apply for the healthcare assistant role at the trust', dueText: start.plus({ weeks: 2 }).toFormat('cccc d LLLL yyyy'), statusLabel: 'In progress' }],
        updateUrl: `${links.manageUrl}#summary`,
      }),
    ),
    simple(
      'conversation-feedback',
      'Feedback, a day later',
      renderEmail(conversationFeedback, {
        candidateName: 'Sam Example',
        coachFirstName: 'Alex',
        conversationDate: start.toFormat('cccc d LLLL yyyy'),
        feedbackUrl: `${links.manageUrl}/feedback`,
      }),
    ),
    simple(
      'outcome-follow-up',
      'What you have done since, 3 and 12 months later',
      renderEmail(outcomeFollowUp, {
        candidateName: 'Sam Example',
        conversationDate: start.toFormat('cccc d LLLL yyyy'),
        sinceText: '3 months',
        followUpUrl: `${links.manageUrl}/outcomes/3`,
      }),
    ),
    sample('coach-booked', 'Coach: new booking', coachNoticeEmail(booking, links, now, 'booked')),
    sample('coach-changed', 'Coach: booking moved', coachNoticeEmail(booking, links, now, 'changed')),
    sample('coach-cancelled', 'Coach: booking cancelled', coachNoticeEmail(booking, links, now, 'cancelled')),
    simple(
      'overdue-actions-digest',
      'Admins: weekly overdue actions',
      renderEmail(overdueActionsDigest, {
        adminFirstName: 'Priya',
        dateText: start.toFormat('cccc d LLLL yyyy'),
        countText: '1 overdue action',
        byCoach: [
          {
            coachName: 'Alex Coach',
            actions: [
              { reference: 'CC-7KQ2M9', summary: 'Book a shadowing day', ownerLabel: 'Candidate', dueText: start.minus({ days: 3 }).toFormat('cccc d LLLL yyyy'), statusLabel: 'Not started', categoryLabel: 'Work experience or shadowing' },
            ],
          },
        ],
        byCategory: [{ label: 'Work experience or shadowing', count: 1 }],
        reviewUrl: `${publicUrl}/admin/actions`,
      }),
    ),
    simple(
      'failing-emails-digest',
      'Admins: daily, while emails are not getting through',
      renderEmail(failingEmailsDigest, {
        adminFirstName: 'Priya',
        dateText: start.toFormat('cccc d LLLL yyyy'),
        countText: '2 emails',
        deliveries: [
          { subject: 'Your career conversation is booked', problem: '421: Service not available, try again later', attemptsText: '3 attempts' },
          { subject: 'Prepare for your career conversation', problem: 'ETIMEDOUT: Greeting never received', attemptsText: '14 attempts, stopped trying' },
        ],
        moreText: null,
        emailsUrl: `${publicUrl}/admin/emails`,
      }),
    ),
    simple(
      'new-account',
      'Staff: a new account',
      renderEmail(newAccount, {
        staffName: 'Alex Coach',
        roleText: 'a coach',
        setPasswordUrl: `${publicUrl}/password/reset/example`,
        expiresText: '5:30pm on Tuesday 3 March 2026 (UK time)',
        signInUrl: `${publicUrl}/sign-in`,
        twoFactorRequired: false,
      }),
    ),
    simple(
      'password-reset',
      'Staff: reset a password',
      renderEmail(passwordReset, {
        staffName: 'Alex Coach',
        resetUrl: `${publicUrl}/password/reset/example`,
        expiresText: '6:30pm on Monday 2 March 2026 (UK time)',
        signInUrl: `${publicUrl}/sign-in`,
      }),
    ),
    simple(
      'coach-daily-agenda',
      "Coach: the day's agenda",
      renderEmail(coachDailyAgenda, {
        coachFirstName: 'Alex',
        dateText: start.toFormat('cccc d LLLL yyyy'),
        countText: '2 conversations',
        conversations: [
          { time: '9:30am to 10:15am', candidateName: 'Sam Example', how: 'phone 07700 900000', videoLink: null, reference: 'CC-7KQ2M9' },
          { time: '11am to 11:45am', candidateName: 'Ola Example', how: 'video', videoLink: byVideo.videoLink, reference: 'CC-3HT8W2' },
        ],
        linksNeeded: [
          {
            time: '2pm to 2:45pm',
            candidateName: 'Kim Example',
            ifNoLink: 'If you cannot add one, phone them at the start time on 07700 900111: they have been told you will.',
            addLinkUrl: `${publicUrl}/coach/conversations/example/video-link`,
          },
        ],
        tomorrowText: start.plus({ days: 1 }).toFormat('cccc d LLLL yyyy'),
        dashboardUrl: `${publicUrl}/coach`,
      }),
    ),
  ]
}
