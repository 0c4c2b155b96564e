/**
 * Proof of the email address before we write to it. On a
 * programme that asks for it, a candidate without an invitation is emailed a
 * 6-digit code and books only with it; nothing else goes to the address
 * until then. An invitation link is proof already.
 *
 * The code is never stored: it is an HMAC of the code's id under the
 * session secret, so the id can be given to the client (the API's `codeId`,
 * the journey's sealed cookie) without giving the code away. The row keeps an
 * HMAC of the address, the expiry and the tries.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type pg from 'pg'
import type { Clock } from '../clock.js'
import { DomainError, ValidationError } from '../errors.js'
import type { Limits, LimitContext, LimitRules } from '../limits/index.js'
import { TooManyRequestsError } from '../limits/index.js'
import { isEmailAddress } from '../booking/rules.js'
import type { BookableProgramme } from '../booking/types.js'
import { requireEligible } from '../booking/who-may-book.js'
import { normaliseEmail } from '../staff/sign-in-throttle.js'
import { inTransaction } from '../../repositories/db.js'
import type { Queryable } from '../../repositories/db.js'
import { countCodeTry, insertEmailCode, markCodeProven } from '../../repositories/email-codes.js'
import type { JobQueue } from '../ports/job-queue.js'

export const EMAIL_CODE_MINUTES = 15
const EMAIL_CODE_TRIES = 5
/** How long a proven address stays proven for its code (the longest a hold lasts): the rest of the journey. */
const EMAIL_PROOF_MINUTES = 30
const CODE_DIGITS = 6

/** 422 email_not_proven / email_code_wrong: the booking needs a code that proves the address. */
export class EmailNotProvenError extends DomainError {
  constructor(code: 'email_not_proven' | 'email_code_wrong', message: string) {
    super(code, message, 422)
  }
}

export const EMAIL_CODE_MESSAGES = {
  notProven: 'This programme needs you to prove your email address: ask for a code, then give it with your booking.',
  wrong: 'The code is not right. Check the email we sent you, or ask for a new code.',
  expired: 'This code has expired or been tried too many times. Ask for a new code.',
} as const

interface EmailProofDeps {
  pool: pg.Pool
  clock: Clock
  jobs: Pick<JobQueue, 'add'>
  /** The session secret: keys the codes and the addresses' HMACs. */
  secret: string
  limits: Pick<Limits, 'take'> & { rules: Pick<LimitRules, 'emailCodesPerEmail' | 'emailCodesPerAddress'> }
}

function emailKeyOf(email: string, secret: string): string {
  return createHmac('sha256', secret).update(`email-code:${normaliseEmail(email)}`).digest('hex')
}

/** The code for a code id: what the email says and what the candidate types. */
export function codeFor(codeId: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(`email-code:${codeId}`).digest()
  return String(digest.readUInt32BE(0) % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, '0')
}

/**
 * Sends a code to `email` for booking `programme`: 202 `{ codeId }`. Over the
 * per-address (network) limit it is a 429; over the per-email limit nothing
 * is sent but the answer is the same, so it says nothing about the address.
 */
export async function requestEmailCode(
  deps: EmailProofDeps,
  input: { programme: BookableProgramme; email: string; invited: boolean; context: LimitContext },
): Promise<{ codeId: string; sent: boolean }> {
  const email = input.email.trim()
  if (!isEmailAddress(email) || email.length > 320) {
    throw new ValidationError([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }])
  }
  requireEligible(input.programme.access, { email, invited: input.invited })
  await deps.limits.take(deps.limits.rules.emailCodesPerAddress, `address:${input.context.ip}`, input.context)
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const codeId = await insertEmailCode(client, {
      programmeId: input.programme.id,
      emailKey: emailKeyOf(email, deps.secret),
      expiresAt: new Date(now.getTime() + EMAIL_CODE_MINUTES * 60_000),
      now,
    })
    try {
      await deps.limits.take(deps.limits.rules.emailCodesPerEmail, `email:${normaliseEmail(email)}`, input.context, client)
    } catch (error) {
      if (error instanceof TooManyRequestsError) return { codeId, sent: false }
      throw error
    }
    await deps.jobs.add('send-email', { email: 'email-code', codeId, to: email, programmeName: input.programme.name }, { client })
    return { codeId, sent: true }
  })
}

/**
 * Checks a code for this programme and address, counting the try (5 in all;
 * a proven code is not counted again). Throws EmailNotProvenError when it
 * does not prove the address.
 */
export async function proveEmail(
  deps: Pick<EmailProofDeps, 'pool' | 'clock' | 'secret'>,
  input: { programmeId: string; email: string; codeId?: string | null; code?: string | null },
  db: Queryable = deps.pool,
): Promise<void> {
  if (!input.codeId || !input.code) throw new EmailNotProvenError('email_not_proven', EMAIL_CODE_MESSAGES.notProven)
  if (!/^[0-9a-f-]{36}$/i.test(input.codeId)) throw new EmailNotProvenError('email_code_wrong', EMAIL_CODE_MESSAGES.expired)
  const now = deps.clock.now()
  const record = await countCodeTry(db, input.codeId, EMAIL_CODE_TRIES, now)
  const sameAddress = record && record.programmeId === input.programmeId && record.emailKey === emailKeyOf(input.email, deps.secret)
  if (!record || !sameAddress) throw new EmailNotProvenError('email_code_wrong', EMAIL_CODE_MESSAGES.expired)
  const given = input.code.replace(/\s/g, '')
  const expected = codeFor(input.codeId, deps.secret)
  if (!/^\d{6}$/.test(given) || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new EmailNotProvenError('email_code_wrong', EMAIL_CODE_MESSAGES.wrong)
  }
  // The journey proves the address on its own page and books a few pages later: the proof outlasts the code's 15 minutes.
  await markCodeProven(db, input.codeId, now, new Date(now.getTime() + EMAIL_PROOF_MINUTES * 60_000))
}
