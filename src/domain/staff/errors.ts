import { DomainError } from '../errors.js'

/** The one message for a wrong email address or password, whether or not the account exists. */
const INVALID_CREDENTIALS_MESSAGE = 'The email address or password is not right'
const TOO_MANY_ATTEMPTS_MESSAGE =
  'You have tried to sign in too many times. Wait 15 minutes, then try again.'

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid_credentials', INVALID_CREDENTIALS_MESSAGE, 401)
  }
}

export class TooManySignInAttemptsError extends DomainError {
  constructor() {
    super('too_many_attempts', TOO_MANY_ATTEMPTS_MESSAGE, 429)
  }
}

const CODE_REQUIRED_MESSAGE = 'Enter the 6-digit code from your authenticator app, or a recovery code'
const INVALID_CODE_MESSAGE = 'The code is not right. Enter the code your authenticator app shows now, or a recovery code'
const SET_UP_REQUIRED_MESSAGE =
  'You need to set up two-factor sign-in. Sign in on the website first: it will show you how.'

/** API sign-in: the password was right; this account also needs its second factor. */
export class TwoFactorCodeRequiredError extends DomainError {
  constructor() {
    super('code_required', CODE_REQUIRED_MESSAGE, 401)
  }
}

/** A wrong, used or malformed two-factor or recovery code. */
export class InvalidTwoFactorCodeError extends DomainError {
  constructor(message = INVALID_CODE_MESSAGE) {
    super('invalid_code', message, 401)
  }
}

/** API sign-in: the account must set up two-factor first, which only the website can do. */
export class TwoFactorSetUpRequiredError extends DomainError {
  constructor() {
    super('two_factor_setup_required', SET_UP_REQUIRED_MESSAGE, 403)
  }
}

/** The second sign-in step without a live pending sign-in (expired, used, or another browser's). */
export class PendingSignInMissingError extends DomainError {
  constructor() {
    super('sign_in_expired', 'Your sign-in has timed out. Sign in again.', 401)
  }
}
