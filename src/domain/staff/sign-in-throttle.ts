import { createHmac } from 'node:crypto'

/**
 * Rate limits for sign-in: failed attempts in a sliding window, per account
 * and per address. Unknown email addresses are counted exactly like known
 * ones, so the limit says nothing about whether an account exists.
 */
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
const MAX_FAILURES_PER_ADDRESS = 20

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Identifies the account being tried without storing its email address. */
export function accountKey(email: string, secret: string): string {
  return createHmac('sha256', secret).update(`sign-in:${normaliseEmail(email)}`).digest('hex')
}

export interface FailureCounts {
  account: number
  address: number
}

export function isThrottled(counts: FailureCounts): boolean {
  return counts.account >= MAX_FAILURES_PER_ACCOUNT || counts.address >= MAX_FAILURES_PER_ADDRESS
}

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_WINDOW_MS)
}
