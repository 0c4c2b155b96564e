/**
 * Data protection: retention, subject access and erasure. See
 * docs/data-protection.md for what is kept, for how long, and who sees what.
 */
export { eraseSubject } from './erasure.js'
export { collectSubjectRecords, countRecords, holdsNothing } from './records.js'
export { retentionReport, runRetention, UPCOMING_DAYS } from './retention.js'
export { exportSubjectData, subjectAccessJson, subjectAccessView, type Requester } from './subject-access.js'
export { DataProtectionAuditActions, isEmailAddress, normaliseSubjectEmail, subjectKey } from './subject.js'
