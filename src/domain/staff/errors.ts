import { DomainError } from '../errors.js'

/** The one message for a wrong email address or password, whether or not the account exists. */
export const INVALID_CREDENTIALS_MESSAGE = 'The email address or password is not right'
export const TOO_MANY_ATTEMPTS_MESSAGE =
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
