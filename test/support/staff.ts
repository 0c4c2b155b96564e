import { hash } from '@node-rs/argon2'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { SESSION_COOKIE, newSessionTimes, newSessionToken, sessionIdFor } from '../../src/domain/staff/sessions.js'
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpCode } from '../../src/domain/staff/two-factor.js'
import { insertSession } from '../../src/repositories/sessions.js'
import { findStaffByEmail, insertCoachProfile, insertStaffUser, type StaffRole } from '../../src/repositories/staff.js'
import { findTwoFactor, saveTwoFactor } from '../../src/repositories/staff-two-factor.js'
import type { ReceivedEmail } from './smtp.js'

/**
 * Staff accounts and signed-in sessions for tests:
 *
 *   const coach = await createStaff(app, { role: 'coach' })
 *   const cookie = await signIn(app, coach.email, coach.password)
 *   await app.inject({ url: '/api/v1/...', headers: { cookie } })
 *
 * Page forms also need a CSRF token: `const form = await formSession(app, cookie)`,
 * then send `form.cookie` and `_csrf: form.csrfToken` in the body.
 *
 * Two-factor: admins must sign in with a code from an authenticator app.
 * `createStaff` sets one up for every admin (and for anyone created with
 * `twoFactor: true`) with a secret it returns as `totpSecret`; `signIn`
 * answers the code itself, computed at `app.clock.now()`. `startSession`
 * needs no code: it makes the session a full sign-in would end with. An
 * admin who has not set it up yet: `createStaff(app, { role: 'admin', twoFactor: false })`.
 */

export interface TestStaff {
  id: string
  email: string
  password: string
  name: string
  role: StaffRole
  /** Set for coaches (and admins created with `coach: true`). */
  coachId: string | null
  /** The authenticator app's secret (base32), when two-factor is set up: `totpCode(secret, app.clock.now())`. */
  totpSecret: string | null
}

export interface StaffOptions {
  role: StaffRole
  name?: string
  email?: string
  password?: string
  /** Give an admin a coach profile too (coaches always get one). */
  coach?: boolean
  active?: boolean
  /** Set up two-factor sign-in (an authenticator app). Default: for admins, yes; for coaches, no. */
  twoFactor?: boolean
}

/**
 * The stored hash of a test account's password: argon2id, as the app stores
 * it, at the lowest cost (256 KiB, one pass) instead of the app's 19 MiB and
 * two passes. The app reads the cost from the stored hash, so such an account
 * signs in exactly as one the app made, and a wrong password is refused the
 * same way; the app's own cost is checked where it hashes a password
 * (test/security/passwords.test.ts). At the app's cost each hash took about
 * 14 ms of CPU and each sign-in's check 11: some 260 accounts and 175
 * sign-ins a run, about 5 CPU-seconds.
 */
export function testPasswordHash(password: string): Promise<string> {
  return hash(password, { algorithm: 2 /* Argon2id */, memoryCost: 256, timeCost: 1, parallelism: 1 })
}

/** A password that passes the rules and is unique to this call. */
export function strongPassword(): string {
  return `Granite-Lantern-${randomBytes(6).toString('hex')}`
}

/** Creates a staff account (and a coach profile for a coach) straight in the database. */
export async function createStaff(app: FastifyInstance, options: StaffOptions): Promise<TestStaff> {
  const suffix = randomBytes(4).toString('hex')
  const name = options.name ?? (options.role === 'admin' ? `Admin ${suffix}` : `Coach ${suffix}`)
  const email = (options.email ?? `${options.role}-${suffix}@staff.test.example`).toLowerCase()
  const password = options.password ?? strongPassword()
  const now = app.clock.now()
  const id = await insertStaffUser(
    app.pg.pool,
    { email, name, role: options.role, passwordHash: await testPasswordHash(password) },
    now,
  )
  const coachId =
    options.role === 'coach' || options.coach ? await insertCoachProfile(app.pg.pool, id, now) : null
  if (options.active === false) await app.pg.query('UPDATE staff_users SET active = false WHERE id = $1', [id])
  const totpSecret = (options.twoFactor ?? options.role === 'admin') ? await setUpTwoFactor(app, id) : null
  return { id, email, password, name, role: options.role, coachId, totpSecret }
}

/**
 * Sets up two-factor sign-in (an authenticator app) for an account made
 * some other way, e.g. an admin inserted straight into staff_users; gives
 * the app's secret. Then `signIn` (or `code: await currentCode(app, id)` on
 * POST /api/v1/auth/login) signs them in.
 */
export async function setUpTwoFactor(app: FastifyInstance, staffUserId: string): Promise<string> {
  const totpSecret = newTotpSecret()
  await saveTwoFactor(app.pg.pool, {
    staffUserId,
    totpSecret: encryptTotpSecret(totpSecret, app.config.SESSION_SECRET),
    lastUsedStep: null,
    enabledAt: app.clock.now(),
  })
  return totpSecret
}

/**
 * The code this person's authenticator app shows now (on `app.clock`), for a
 * person created with two-factor. A code is accepted once: so that a test
 * can sign the same person in again without moving the clock, this forgets
 * which code was used last (what a real app would get round by waiting 30
 * seconds). Tests of the replay rule itself call `totpCode` directly.
 */
export async function currentCode(app: FastifyInstance, staffUserId: string): Promise<string> {
  const stored = await findTwoFactor(app.pg.pool, staffUserId)
  if (!stored) throw new Error('This person has not set up two-factor sign-in')
  await app.pg.query('UPDATE staff_two_factor SET last_used_step = NULL WHERE staff_user_id = $1', [staffUserId])
  return totpCode(decryptTotpSecret(stored.totpSecret, app.config.SESSION_SECRET), app.clock.now())
}

/** The key the two-factor set-up page shows (for typing into an authenticator app), without its spaces. */
export function totpKeyOnPage(html: string): string {
  const key = html.match(/<code class="app-totp-key" id="totp-key">([A-Z2-7 ]+)<\/code>/)?.[1]
  if (!key) throw new Error('No key on the set-up page')
  return key.replaceAll(' ', '')
}

/** The recovery codes a page lists. */
export function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)].map((match) => match[1]!)
}

/** The path of the link to choose a password (a reset, or a new account's first) in an email from the app at https://careers.example.nhs.uk. */
export function passwordLinkIn(email: ReceivedEmail): string {
  const match = email.parsed.text!.match(/https:\/\/careers\.example\.nhs\.uk(\/password\/reset\/[A-Za-z0-9_-]{43})/)
  if (!match) throw new Error('No password link in the email')
  return match[1]!
}

/** The value for a `cookie` header that carries these Set-Cookie answers (on top of `existing`). */
export function cookieHeader(response: LightMyRequestResponse, existing = ''): string {
  const jar = new Map<string, string>()
  for (const part of existing.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name) jar.set(name, rest.join('='))
  }
  for (const cookie of response.cookies as Array<{ name: string; value: string }>) {
    if (cookie.value === '') jar.delete(cookie.name)
    else jar.set(cookie.name, cookie.value)
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

/**
 * Signs in through the API; gives the `cookie` header value of the new
 * session. For a person with two-factor, sends the code their app shows now.
 */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const account = await findStaffByEmail(app.pg.pool, email.trim().toLowerCase())
  const withCode = account && (await findTwoFactor(app.pg.pool, account.id)) ? { code: await currentCode(app, account.id) } : {}
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, ...withCode } })
  if (response.statusCode !== 200) {
    throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`)
  }
  return cookieHeader(response)
}

/**
 * A new session for this person straight in the database, as sign-in would
 * make it (after the second factor, for someone with two-factor): for tests
 * that need many sessions without the cost (and the rate limits) of signing
 * in. Gives the `cookie` header value.
 */
export async function startSession(app: FastifyInstance, staffUserId: string): Promise<string> {
  const token = newSessionToken()
  await insertSession(app.pg.pool, {
    id: sessionIdFor(token),
    staffUserId,
    ...newSessionTimes(app.clock.now()),
    ip: '127.0.0.1',
    userAgent: 'test',
  })
  return `${SESSION_COOKIE}=${token}`
}

/** Sessions (`cookie` header values, see startSession) of a new admin and a new coach. */
export async function adminAndCoachSessions(app: FastifyInstance): Promise<{ admin: string; coach: string }> {
  const admin = await createStaff(app, { role: 'admin' })
  const coach = await createStaff(app, { role: 'coach' })
  return { admin: await startSession(app, admin.id), coach: await startSession(app, coach.id) }
}

/** Creates an account of this role and signs it in. */
export async function signedInStaff(
  app: FastifyInstance,
  options: StaffOptions,
): Promise<TestStaff & { cookie: string }> {
  const staff = await createStaff(app, options)
  return { ...staff, cookie: await signIn(app, staff.email, staff.password) }
}

/**
 * Opens a page as this browser and gives what a form post from it needs: the
 * cookies (with the `_csrf` secret) and the token. The default page has a
 * form for anyone: the sign-in page when signed out; when signed in, the
 * start page (the header's sign-out form).
 */
export async function formSession(
  app: FastifyInstance,
  cookie = '',
  page = cookie.includes('cc_session=') ? '/' : '/sign-in',
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await app.inject({ url: page, headers: cookie ? { cookie } : {} })
  const token = response.body.match(/name="_csrf" value="([^"]+)"/)?.[1]
  if (!token) throw new Error(`No CSRF token on ${page} (${response.statusCode})`)
  return { cookie: cookieHeader(response, cookie), csrfToken: token }
}

export interface PageBrowser {
  /** The `cookie` header it sends: every cookie it was given and has not been told to forget. */
  cookie: string
  get(url: string): Promise<LightMyRequestResponse>
  /** Posts a form with a fresh CSRF token (from `tokenFrom`: by default /sign-in when signed out, / when signed in). */
  post(url: string, fields: Record<string, string | string[]>, options?: { tokenFrom?: string }): Promise<LightMyRequestResponse>
}

/**
 * A browser for page tests: keeps its cookies between requests (the session,
 * a pending sign-in, the CSRF secret) and posts forms as a person would.
 */
export function pageBrowser(app: FastifyInstance, options: { cookie?: string; remoteAddress?: string } = {}): PageBrowser {
  const address = options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}
  const browser: PageBrowser = {
    cookie: options.cookie ?? '',
    async get(url) {
      const response = await app.inject({ url, ...address, headers: browser.cookie ? { cookie: browser.cookie } : {} })
      browser.cookie = cookieHeader(response, browser.cookie)
      return response
    },
    async post(url, fields, { tokenFrom } = {}) {
      const form = await formSession(app, browser.cookie, tokenFrom ?? (browser.cookie.includes('cc_session=') ? '/' : '/sign-in'))
      const body = new URLSearchParams({ _csrf: form.csrfToken })
      for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
      const response = await app.inject({
        method: 'POST',
        url,
        ...address,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      })
      browser.cookie = cookieHeader(response, form.cookie)
      return response
    },
  }
  return browser
}

/** A pageBrowser signed in as this person, on a session `startSession` makes. */
export async function signedInBrowser(app: FastifyInstance, staffUserId: string): Promise<PageBrowser> {
  return pageBrowser(app, { cookie: await startSession(app, staffUserId) })
}
