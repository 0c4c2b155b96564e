/** Errors the domain raises; the error handler maps each to one HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export interface FieldProblem {
  field: string
  message: string
}

export class ValidationError extends DomainError {
  constructor(readonly fields: FieldProblem[], message = 'There is a problem with what was sent') {
    super('validation_failed', message, 400)
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found') {
    super('not_found', message, 404)
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Sign in to continue') {
    super('unauthorized', message, 401)
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have access to this') {
    super('forbidden', message, 403)
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 409)
  }
}
