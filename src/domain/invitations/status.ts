import type { InvitationStatus } from '../../repositories/invitations.js'

/** As the programme team reads them: sent (the link works), booked, expired (60 days passed), withdrawn. */
export const INVITATION_STATUSES = ['sent', 'booked', 'expired', 'withdrawn'] as const satisfies readonly InvitationStatus[]

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  sent: 'Sent',
  booked: 'Booked',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
}

/** What the programme team sees when they invite an address that already has a live invitation to the programme. */
export const ALREADY_INVITED_MESSAGE = 'This person has already been invited to this programme'

/** What the audit log records about invitations (details: ids and counts only). */
export const InvitationAuditActions = {
  created: 'invitation.created',
  imported: 'invitation.imported',
  withdrawn: 'invitation.withdrawn',
} as const
