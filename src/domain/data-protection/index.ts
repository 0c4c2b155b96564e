/**
 * Data protection: retention, subject access and erasure. See
 * docs/data-protection.md for what is kept, for how long, and who sees what.
 */
export { eraseSubject, type ErasureCounts, type ErasureResult } from './erasure.js'
export { findOutboxCopies, removeOutboxCopies, type OutboxCopy, type OutboxMatch } from './outbox.js'
export { collectSubjectRecords, countRecords, holdsNothing, type DataProtectionDeps, type RecordCounts, type SubjectRecords } from './records.js'
export { keptNoteValues, retentionReport, runRetention, UPCOMING_DAYS, type RetentionReport, type RetentionRunResult } from './retention.js'
export { exportSubjectData, subjectAccessJson, subjectAccessView, type ExportFormat, type Requester } from './subject-access.js'
export {
  ANONYMISED_EMAIL_DOMAIN,
  ANONYMISED_NAME,
  DATA_SUBJECT,
  DataProtectionAuditActions,
  EMAIL_MAX_LENGTH,
  isEmailAddress,
  normaliseSubjectEmail,
  subjectKey,
} from './subject.js'
