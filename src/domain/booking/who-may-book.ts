/**
 * Who may book a programme (a setting on each programme, see ProgrammeAccess):
 * anyone with the link, only email addresses on listed domains, or only people
 * invited. An invitation always may: the programme team chose that person.
 */
import { ConflictError, DomainError } from '../errors.js'
import type { ProgrammeAccess } from './types.js'

/** 403 not_eligible: this person may not book this programme; the message says who may. */
export class NotEligibleError extends DomainError {
  constructor(message: string) {
    super('not_eligible', message, 403)
  }
}

/**
 * 409 already_booked: the address has as many live bookings on the programme
 * as it may. Nothing is booked; the address is emailed its booking's details
 * and a link to change it.
 */
export class AlreadyBookedError extends ConflictError {
  constructor() {
    super(
      'already_booked',
      'This email address already has as many conversations booked on this programme as it can. ' +
        'We have sent it an email with the booking and a link to change it.',
    )
  }
}

export const INVITED_ONLY_MESSAGE =
  'This programme is only for people who have been invited. Use the link in your invitation email, or ask the programme team for one.'

/** The domain of an email address, lower case. */
function emailDomainOf(email: string): string {
  return email.trim().slice(email.trim().lastIndexOf('@') + 1).toLowerCase()
}

/** "@nhs.net or @example-trust.nhs.uk": the domains as a person reads them. */
export function domainsInWords(domains: readonly string[]): string {
  const named = domains.map((domain) => `@${domain}`)
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`
}

/** Why this person may not book, or null when they may. */
export function eligibilityProblem(access: ProgrammeAccess, candidate: { email: string; invited: boolean }): string | null {
  if (candidate.invited || access.whoMayBook === 'anyone') return null
  if (access.whoMayBook === 'invited') return INVITED_ONLY_MESSAGE
  if (access.emailDomains.includes(emailDomainOf(candidate.email))) return null
  return `This programme is only for people with an email address ending ${domainsInWords(access.emailDomains)}. Use your work email address.`
}

/** Throws NotEligibleError when this person may not book. */
export function requireEligible(access: ProgrammeAccess, candidate: { email: string; invited: boolean }): void {
  const problem = eligibilityProblem(access, candidate)
  if (problem) throw new NotEligibleError(problem)
}

/** A domain as the admin typed it ("@NHS.net ") as stored ("nhs.net"), or null when it is not one. */
export function normaliseEmailDomain(text: string): string | null {
  const domain = text.trim().replace(/^@/, '').toLowerCase()
  return /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain) ? domain : null
}
