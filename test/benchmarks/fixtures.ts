/** What the seed makes and the scenarios use: programme slugs, staff credentials, the service's secret. */

/** Three programmes as in the issue (70/120/10 coaches) and a bench-only one holding all 200. */
export const PROGRAMMES = {
  seventy: { slug: 'bench-70', name: 'Bench: 70 coaches', coaches: [1, 70] },
  hundredTwenty: { slug: 'bench-120', name: 'Bench: 120 coaches', coaches: [71, 190] },
  ten: { slug: 'bench-10', name: 'Bench: 10 coaches', coaches: [191, 200] },
  all: { slug: 'bench-200', name: 'Bench: all 200 coaches', coaches: [1, 200] },
} as const

export const COACH_COUNT = 200
export const BOOKING_COUNT = 20_000
export const ACTION_COUNT = 100_000
export const TIME_ZONE = 'Europe/London'

/** Known to the harness so it can sign in through the API (fixed, so a kept database still works). */
export const SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef'
export const ADMIN_PASSWORD = 'bench-admin-password-2026'
/** base32, 20 bytes: the authenticator secret of every bench admin (stored encrypted with SESSION_SECRET). */
export const ADMIN_TOTP_SECRET = 'RAGISCFC2R6FJ7BB4BX3TNG7U2HAGUHS'
export const ADMIN_COUNT = 4
export const adminEmail = (n: number) => `bench-admin${n}@bench.example`

/** Candidates the harness books with: removed at the start of a run on a kept database. */
export const LOAD_EMAIL_DOMAIN = 'load.bench.example'
