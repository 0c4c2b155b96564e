/**
 * The limits on what anonymous visitors (and sign-in attempts) may do, each
 * a setting (src/config.ts, listed in the README) with a sane default.
 *
 * They are designed for real networks: many candidates reach us through one
 * gateway (an NHS trust's staff share one address), so what is counted per
 * address is generous or counted per invitation instead, and the tight
 * limits fall on the email address, the holder and the booking.
 */
import type { Config } from '../../config.js'

export interface LimitRule {
  /** Stable name: the counters' key, the logs' and the audit log's word for it. */
  name: string
  max: number
  windowSeconds: number
  /** What the person is told, before "try again in ...". */
  message: string
}

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export interface LimitRules {
  anonymousWrites: LimitRule
  signInRequests: LimitRule
  bookingsPerAddress: LimitRule
  bookingEmailsPerEmail: LimitRule
  emailCodesPerEmail: LimitRule
  emailCodesPerAddress: LimitRule
  changesPerBooking: LimitRule
  newLinksPerEmail: LimitRule
  newLinksPerAddress: LimitRule
  /** Not counted in a window: live uninvited holds of one address on a programme (slot_holds is the count). */
  liveHoldsPerAddress: number
}

export function limitRules(c: Config): LimitRules {
  return {
    anonymousWrites: {
      name: 'anonymous-writes-per-address',
      max: c.LIMIT_ANONYMOUS_WRITES_PER_ADDRESS_PER_MINUTE,
      windowSeconds: MINUTE,
      message: 'There have been too many requests from your network.',
    },
    signInRequests: {
      name: 'sign-in-requests-per-address',
      max: c.LIMIT_SIGN_IN_REQUESTS_PER_ADDRESS_PER_MINUTE,
      windowSeconds: MINUTE,
      message: 'There have been too many requests from your address.',
    },
    bookingsPerAddress: {
      name: 'bookings-per-address',
      max: c.LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR,
      windowSeconds: HOUR,
      message: 'Too many conversations have been booked from your network without an invitation.',
    },
    bookingEmailsPerEmail: {
      name: 'booking-emails-per-email',
      max: c.LIMIT_BOOKING_EMAILS_PER_EMAIL_PER_DAY,
      windowSeconds: DAY,
      message: 'We have sent as many booking emails to this email address as we can today.',
    },
    emailCodesPerEmail: {
      name: 'email-codes-per-email',
      max: c.LIMIT_EMAIL_CODES_PER_EMAIL_PER_HOUR,
      windowSeconds: HOUR,
      message: 'We have sent as many codes to this email address as we can for now.',
    },
    emailCodesPerAddress: {
      name: 'email-codes-per-address',
      max: c.LIMIT_EMAIL_CODES_PER_ADDRESS_PER_HOUR,
      windowSeconds: HOUR,
      message: 'Too many codes have been asked for from your network.',
    },
    changesPerBooking: {
      name: 'changes-per-booking',
      max: c.LIMIT_CHANGES_PER_BOOKING_PER_DAY,
      windowSeconds: DAY,
      message: 'This booking has been changed too many times today.',
    },
    newLinksPerEmail: {
      name: 'new-links-per-email',
      max: c.LIMIT_NEW_LINKS_PER_EMAIL_PER_HOUR,
      windowSeconds: HOUR,
      message: 'We have sent as many new links to this email address as we can for now.',
    },
    newLinksPerAddress: {
      name: 'new-links-per-address',
      max: c.LIMIT_NEW_LINKS_PER_ADDRESS_PER_HOUR,
      windowSeconds: HOUR,
      message: 'Too many new links have been asked for from your network.',
    },
    liveHoldsPerAddress: c.LIMIT_LIVE_HOLDS_PER_ADDRESS,
  }
}
