import { actionCategoryLabels, actionOwnerLabels, actionStatusLabels } from '../actions/types.js'
import type { AuditActor } from '../audit/events.js'
import {
  allFields,
  getConversationModel,
  listConversationModels,
  listConversationModelVersions,
  optionRealismLabels,
  optionTimingLabels,
  preparationFormFor,
  type Field,
} from '../conversation-models/index.js'
import { conversationOutcomeLabels } from '../notes/types.js'
import { preparationQuestions } from '../preparation/index.js'
import { formatDate, formatDateTimeRange, formatTime } from '../time/index.js'
import { collectSubjectRecords, type DataProtectionDeps, type SubjectRecords } from './records.js'
import { confidenceLabels, helpedLabels, nextStepLabels, outcomeTypeLabels, usefulnessLabels } from '../outcomes/questions.js'
import type { FeedbackRecord, FollowUpRecord } from '../../repositories/data-protection.js'
import { DATA_SUBJECT, DataProtectionAuditActions } from './subject.js'
import { describeDays, describePartsOfDay } from '../waitlist/preferences.js'

/**
 * Subject access: everything held about a person, as JSON (a download) and as
 * a page a person can read, including private coach notes, the emails sent
 * and the audit entries about them. Every export is audited
 * ('export.subject_access'), with the booking ids and an HMAC of the address,
 * never the address itself.
 */

type ExportFormat = 'json' | 'html'

/** Who asks, for the audit entry. */
export interface Requester {
  actor: AuditActor
  ip?: string | null
  requestId?: string | null
}

/** Reads everything held about `email` and records the export in the audit log before giving it. */
export async function exportSubjectData(
  deps: DataProtectionDeps,
  email: string,
  format: ExportFormat,
  requester: Requester,
): Promise<SubjectRecords> {
  const records = await collectSubjectRecords(deps, deps.pool, email)
  await deps.audit.record({
    ...requester,
    action: DataProtectionAuditActions.subjectAccess,
    subjectType: DATA_SUBJECT,
    subjectId: records.subjectKey,
    result: 'success',
    details: {
      format,
      bookingIds: records.ids.bookingIds,
      invitationIds: records.ids.invitationIds,
      bookings: records.bookings.length,
      auditEntries: records.auditEntries.length,
    },
  })
  return records
}

/** An email's recipients as the person may see them: their own addresses, and staff as staff. */
function theirs(records: SubjectRecords, recipients: string): string {
  return recipients
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
    .map((address) => (records.identifiers.emails.includes(address.toLowerCase()) ? address : 'a member of staff'))
    .join(', ')
}

const withoutBookingId = <T extends { bookingId: string }>(item: T | undefined): Omit<T, 'bookingId'> | null => {
  if (!item) return null
  const { bookingId: _b, ...rest } = item
  return rest
}

const bookingOf = <T extends { bookingId: string }>(items: readonly T[], id: string) => items.filter((item) => item.bookingId === id)

/** The JSON export: one document, each booking with everything hanging off it. */
export function subjectAccessJson(records: SubjectRecords, exportedAt: Date) {
  return {
    exportedAt,
    about: {
      email: records.email,
      otherEmailAddresses: records.identifiers.emails.filter((e) => e !== records.email),
      names: records.identifiers.names,
      phoneNumbers: records.identifiers.phones,
    },
    aboutThisCopy: [
      'Everything the career conversations service holds about this email address.',
      'Booking notes include the coach’s private notes. Manage links are listed by date only: the links themselves are not kept.',
      ...(records.isStaff ? ['This address also belongs to a staff account, which is not part of this export.'] : []),
    ],
    bookings: records.bookings.map((booking) => {
      const { programmeId: _programmeId, ...fields } = booking
      const notes = records.notes.find((n) => n.bookingId === booking.id)
      const actions = bookingOf(records.actions, booking.id)
      return {
        ...fields,
        history: bookingOf(records.events, booking.id).map(({ bookingId: _b, ...event }) => event),
        manageLinks: bookingOf(records.manageLinks, booking.id).map(({ bookingId: _b, ...link }) => link),
        preparation: records.preparations.find((p) => p.bookingId === booking.id)?.answers ?? null,
        notes: notes
          ? {
              modelKey: notes.modelKey,
              modelVersion: notes.modelVersion,
              status: notes.status,
              values: notes.values,
              noActionsAgreed: notes.noActionsAgreed,
              createdAt: notes.createdAt,
              updatedAt: notes.updatedAt,
              completedAt: notes.completedAt,
              addenda: bookingOf(records.addenda, booking.id).map(({ bookingId: _b, ...addendum }) => addendum),
            }
          : null,
        outcome: records.outcomes.find((o) => o.bookingId === booking.id) ?? null,
        feedback: withoutBookingId(records.feedback.find((f) => f.bookingId === booking.id)),
        outcomeFollowUps: bookingOf(records.followUps, booking.id).map(({ bookingId: _b, ...followUp }) => followUp),
        actions: actions.map(({ bookingId: _b, ...action }) => ({
          ...action,
          statusChanges: records.actionChanges.filter((c) => c.actionId === action.id).map(({ actionId: _a, ...change }) => change),
        })),
      }
    }),
    invitations: records.invitations,
    emails: records.deliveries.map(({ messageId: _m, ...delivery }) => ({
      ...delivery,
      recipient: theirs(records, delivery.recipient),
    })),
    localOutboxMessages: records.outbox.map((copy) => ({ ...copy, to: theirs(records, copy.to) })),
    scheduledJobs: records.queuedJobs.map(({ id: _id, ...job }) => job),
    idempotencyAnswers: records.idempotencyAnswers.map(({ id: _id, ...answer }) => answer),
    waitlist: records.waitlist.map(({ programmeId: _p, programmeSlug: _s, ...entry }) => entry),
    auditEntries: records.auditEntries,
  }
}

// --- The readable page -----------------------------------------------------------------

const when = (date: Date | null | undefined) => (date ? `${formatDate(date)}, ${formatTime(date)}` : '')

function label<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? key
}

/** Labels of every preparation question of every model, by key. */
function preparationLabels(): Map<string, string> {
  const labels = new Map(preparationQuestions.map((q) => [q.key, q.label]))
  for (const { key } of listConversationModels()) {
    for (const version of listConversationModelVersions(key)) {
      const model = getConversationModel(key, version)
      if (!model) continue
      const form = preparationFormFor(model)
      for (const q of [...form.sections.flatMap((s) => s.questions), ...form.reflectionQuestions]) labels.set(q.key, q.label)
    }
  }
  return labels
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** A note value as lines of text, by its field's kind. */
function noteLines(field: Field | undefined, value: unknown): string[] {
  if (field?.kind === 'choice') return [field.options.find((o) => o.value === value)?.label ?? textOf(value)]
  if (!Array.isArray(value)) return [textOf(value)]
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) return textOf(item)
    const record = item as Record<string, unknown>
    if (typeof record.role === 'string') {
      const timing = label(optionTimingLabels, String(record.timing))
      const realism = label(optionRealismLabels, String(record.realism))
      return `${record.role} (${timing}, ${realism})${record.notes ? `: ${textOf(record.notes)}` : ''}`
    }
    if (typeof record.need === 'string') return `${record.need}${record.isFocus ? ' (the focus)' : ''}`
    return textOf(item)
  })
}

function notesFields(modelKey: string, modelVersion: number, values: Record<string, unknown>) {
  const model = getConversationModel(modelKey, modelVersion)
  const fields = model ? allFields(model) : []
  const known = fields.filter((field) => values[field.key] !== undefined)
  const unknown = Object.keys(values).filter((key) => !fields.some((field) => field.key === key))
  return [
    ...known.map((field) => ({
      label: field.label,
      private: field.visibility === 'private',
      lines: noteLines(field, values[field.key]),
    })),
    ...unknown.map((key) => ({ label: key, private: false, lines: noteLines(undefined, values[key]) })),
  ]
}

/** The candidate's feedback as summary-list rows; null when there is none. */
function feedbackRows(feedback: FeedbackRecord | undefined) {
  if (!feedback) return null
  const rows: [string, string][] =
    feedback.status === 'declined'
      ? [['Answer', 'Chose not to answer']]
      : [
          ['How useful', feedback.usefulness ? label(usefulnessLabels, feedback.usefulness) : ''],
          ['Knows their next step', feedback.knowsNextStep ? label(nextStepLabels, feedback.knowsNextStep) : ''],
          ['How confident', feedback.confidence ? label(confidenceLabels, feedback.confidence) : ''],
          ['Comment', feedback.comment ?? ''],
        ]
  return [...rows, ['Answered', when(feedback.firstAnsweredAt)], ['Last changed', when(feedback.updatedAt)]].map(([key, value]) => ({
    key: { text: key },
    value: { text: value || 'None' },
  }))
}

function followUpRows(followUp: FollowUpRecord) {
  return {
    months: followUp.months,
    rows: [
      ['What they had done', followUp.doneSince.map((type) => label(outcomeTypeLabels, type)).join(', ')],
      ['Did it help', followUp.helped ? label(helpedLabels, followUp.helped) : ''],
      ['Do not ask again', followUp.status === 'stopped' ? 'Yes' : 'No'],
      ['Answered', when(followUp.firstAnsweredAt)],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value || 'None' } })),
  }
}

/** View data for templates/pages/admin/data/requests/export.njk. */
export function subjectAccessView(records: SubjectRecords, exportedAt: Date) {
  const prep = preparationLabels()
  return {
    email: records.email,
    exportedAt: when(exportedAt),
    isStaff: records.isStaff,
    otherEmails: records.identifiers.emails.filter((e) => e !== records.email),
    names: records.identifiers.names,
    phones: records.identifiers.phones,
    bookings: records.bookings.map((booking) => {
      const notes = records.notes.find((n) => n.bookingId === booking.id)
      const outcome = records.outcomes.find((o) => o.bookingId === booking.id)
      const preparation = records.preparations.find((p) => p.bookingId === booking.id)
      return {
        reference: booking.reference,
        rows: [
          ['Programme', booking.programmeName],
          ['Coach', booking.coachName],
          ['Conversation', formatDateTimeRange(booking.startsAt, booking.endsAt)],
          ['Status', booking.status],
          ['Name', booking.candidateName],
          ['Email address', booking.candidateEmail],
          ['Phone number', booking.candidatePhone ?? ''],
          ['How they talk to their coach', booking.contactMethod],
          ['Accessibility needs', booking.accessibilityNeeds ?? ''],
          ['Time zone', booking.candidateTimeZone],
          ['Cancelled', booking.cancelledAt ? `${when(booking.cancelledAt)} by ${booking.cancelledBy ?? ''}` : ''],
          ['Reason for cancelling', booking.cancellationReason ?? ''],
          ['Privacy notice acknowledged', `${when(booking.consentAcknowledgedAt)} (version ${booking.consentNoticeVersion})`],
          ['Booked', when(booking.createdAt)],
        ].map(([key, value]) => ({ key: { text: key }, value: { text: value || 'None' } })),
        history: records.events
          .filter((e) => e.bookingId === booking.id)
          .map((e) => ({
            when: when(e.occurredAt),
            what: e.kind,
            by: e.actor,
            time: formatDateTimeRange(e.startsAt, e.endsAt),
            before: e.previousStartsAt && e.previousEndsAt ? formatDateTimeRange(e.previousStartsAt, e.previousEndsAt) : '',
            coach: e.coachName ?? '',
            reason: e.reason ?? '',
          })),
        manageLinks: records.manageLinks.filter((l) => l.bookingId === booking.id).map((l) => ({ created: when(l.createdAt), expires: when(l.expiresAt) })),
        preparation: preparation
          ? {
              updated: when(preparation.updatedAt),
              answers: Object.entries(preparation.answers).map(([key, value]) => ({ key: { text: prep.get(key) ?? key }, value: { text: textOf(value) } })),
            }
          : null,
        notes: notes
          ? {
              status: notes.status,
              model: `${notes.modelKey} version ${notes.modelVersion}`,
              updated: when(notes.updatedAt),
              completed: when(notes.completedAt),
              noActionsAgreed: notes.noActionsAgreed,
              fields: notesFields(notes.modelKey, notes.modelVersion, notes.values),
              addenda: records.addenda
                .filter((a) => a.bookingId === booking.id)
                .map((a) => ({ when: when(a.createdAt), by: a.authorName ?? '', private: a.visibility === 'private', text: a.text })),
            }
          : null,
        outcome: outcome ? `${label(conversationOutcomeLabels, outcome.outcome)} (recorded ${when(outcome.recordedAt)})` : null,
        feedback: feedbackRows(records.feedback.find((f) => f.bookingId === booking.id)),
        followUps: records.followUps.filter((f) => f.bookingId === booking.id).map(followUpRows),
        actions: records.actions
          .filter((a) => a.bookingId === booking.id)
          .map((a) => ({
            summary: a.summary,
            owner: label(actionOwnerLabels, a.owner),
            due: formatDate(`${a.dueOn}T12:00:00Z`),
            category: label(actionCategoryLabels, a.category),
            resource: [a.resourceTitle, a.resourceUrl].filter(Boolean).join(': '),
            status: label(actionStatusLabels, a.status),
            changes: records.actionChanges
              .filter((c) => c.actionId === a.id)
              .map((c) => ({
                when: when(c.changedAt),
                by: c.actor,
                change: c.fromStatus === c.toStatus
                  ? 'Comment'
                  : `${c.fromStatus ? label(actionStatusLabels, c.fromStatus) : 'Agreed'} to ${label(actionStatusLabels, c.toStatus)}`,
                comment: c.comment ?? '',
              })),
          })),
      }
    }),
    invitations: records.invitations.map((i) => ({
      programme: i.programmeName,
      name: i.name,
      email: i.email,
      phone: i.phone ?? '',
      note: i.note ?? '',
      status: i.status,
      created: when(i.createdAt),
      expires: when(i.expiresAt),
    })),
    emails: records.deliveries.map((d) => ({
      subject: d.subject,
      to: theirs(records, d.recipient),
      kind: d.kind,
      status: d.status,
      when: when(d.sentAt ?? d.createdAt),
    })),
    outbox: records.outbox.map((m) => ({ subject: m.subject, to: theirs(records, m.to), date: m.date ? when(new Date(m.date)) : '', text: m.text })),
    scheduled: records.queuedJobs.map((j) => ({
      task: j.task,
      what: typeof j.payload === 'object' && j.payload !== null ? textOf((j.payload as Record<string, unknown>).email ?? '') : '',
      runAt: when(j.runAt),
    })),
    idempotencyAnswers: records.idempotencyAnswers.map((a) => ({ created: when(a.createdAt), expires: when(a.expiresAt), body: JSON.stringify(a.responseBody, null, 2) })),
    waitlist: records.waitlist.map((w) => ({
      programme: w.programmeName,
      name: w.candidateName,
      email: w.candidateEmail,
      phone: w.candidatePhone ?? '',
      accessibilityNeeds: w.accessibilityNeeds ?? '',
      status: w.status,
      joined: when(w.createdAt),
      suits: `${describeDays(w.days)}; ${describePartsOfDay(w.partsOfDay).toLowerCase()}; ${w.from ?? 'any date'} to ${w.to ?? 'any date'} (${w.timeZone})`,
      offers: w.offers.map((o) => `${formatDateTimeRange(o.startsAt, o.endsAt, w.timeZone)}: offered ${when(o.offeredAt)}, ${o.status}`),
    })),
    audit: records.auditEntries.map((e) => ({
      when: when(e.occurredAt),
      actor: e.actor,
      action: e.action,
      subject: [e.subjectType, e.subjectId].filter(Boolean).join(' '),
      result: e.result,
      details: JSON.stringify(e.details),
    })),
  }
}
