export {
  codeFor,
  requestEmailCode,
  proveEmail,
  EMAIL_CODE_MINUTES,
  EmailNotProvenError,
  EMAIL_CODE_MESSAGES,
} from './email-codes.js'
