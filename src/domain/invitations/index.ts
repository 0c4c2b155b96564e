/** Inviting people to book: CSV lists and batches (the single invitation is in ../booking/service/invitations.ts). */
export {
  INVITATION_CSV_COLUMNS,
  INVITATION_CSV_MAX_BYTES,
  INVITATION_CSV_MAX_ROWS,
  INVITATION_CSV_MESSAGES,
  INVITATION_CSV_TEMPLATE,
  looksLikeCsvFileName,
  parseInvitationCsv,
  rowErrorLines,
  problemColumnText,
  withoutAlreadyInvited,
} from './csv.js'
export type { InvitationCsv, InvitationCsvRowError } from './csv.js'
export { importInvitationCsv, inviteMany, INVITATION_BATCH_MAX } from './invite-many.js'
export { ALREADY_INVITED_MESSAGE, INVITATION_STATUSES, INVITATION_STATUS_LABELS, InvitationAuditActions } from './status.js'
