/**
 * What the invitation pages share: how an invitation reads in the table, the
 * programme choices, and counts in words. (Not a plugin: autoload loads only
 * index.ts from this folder.)
 */
import { INVITATION_STATUS_LABELS, problemColumnText, type InvitationCsvRowError } from '../../../../domain/invitations/index.js'
import { formatDate } from '../../../../domain/time/index.js'
import type { InvitationListing, InvitationStatus } from '../../../../repositories/invitations.js'
import type { ProgrammeListEntry } from '../../../../repositories/programmes.js'

const TAG_CLASSES: Record<InvitationStatus, string> = {
  sent: 'nhsuk-tag--blue',
  booked: 'nhsuk-tag--green',
  expired: 'nhsuk-tag--grey',
  withdrawn: 'nhsuk-tag--grey',
}

/** One invitation as a row of the table (and the withdraw page). */
export function invitationView(invitation: InvitationListing) {
  return {
    id: invitation.id,
    name: invitation.name,
    email: invitation.email,
    phone: invitation.phone,
    note: invitation.note,
    programmeName: invitation.programme.name,
    status: invitation.status,
    // Not "Sent" beside "Not sent yet": the email is still waiting (or failed).
    statusText: invitation.status === 'sent' && !invitation.emailSentAt ? 'Waiting to send' : INVITATION_STATUS_LABELS[invitation.status],
    statusClasses: TAG_CLASSES[invitation.status],
    invitedOn: formatDate(invitation.createdAt),
    sentOn: invitation.emailSentAt
      ? formatDate(invitation.emailSentAt)
      : invitation.status === 'sent'
        ? 'Not sent yet'
        : 'Not sent',
    expiresOn: formatDate(invitation.expiresAt),
    canWithdraw: invitation.status === 'sent',
  }
}

/** A CSV upload's rows not invited: one line a problem, with its column (templates/pages/admin/invitations/upload-results.njk). */
export function uploadProblemsView(rowErrors: readonly InvitationCsvRowError[]) {
  return rowErrors.flatMap((rowError) =>
    rowError.problems.map((problem) => ({ row: rowError.row, column: problemColumnText(problem.field), message: problem.message })),
  )
}

/** `<select>` items; `selected` is a programme id. */
export function programmeItems(programmes: readonly ProgrammeListEntry[], selected: string | undefined, first: { text: string }) {
  return [
    { value: '', text: first.text, selected: !selected },
    ...programmes.map((programme) => ({
      value: programme.id,
      text: programme.active ? programme.name : `${programme.name} (closed)`,
      selected: programme.id === selected,
    })),
  ]
}

/** "1 person", "12 people"; "1 row", "3 rows". */
export const people = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`
export const rows = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`
