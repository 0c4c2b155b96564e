import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ValidationError } from '../../src/domain/errors.js'
import { setPassword } from '../../src/domain/staff/accounts.js'
import { commonPasswords, isCommonPassword, passwordProblem } from '../../src/domain/staff/password-policy.js'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { buildTestApp } from '../helper.js'
import { createStaff, signIn } from '../support/staff.js'

describe('the password rules', () => {
  it('ships a list of a few hundred common passwords', () => {
    expect(commonPasswords.size).toBeGreaterThanOrEqual(300)
    for (const known of ['password', '123456789012', 'qwertyuiop123', 'iloveyou', 'correcthorsebatterystaple']) {
      expect(commonPasswords.has(known), known).toBe(true)
    }
  })

  it.each([
    ['', 'Enter a password'],
    ['short-one', 'Your password must be 12 characters or more'],
    ['elevenchars', 'Your password must be 12 characters or more'],
    ['x'.repeat(257), 'Your password must be 256 characters or fewer'],
    ['aaaaaaaaaaaaaaaa', 'Your password is too easy to guess. Use more different characters, or 3 or more random words'],
    ['abababababababab', 'Your password is too easy to guess. Use more different characters, or 3 or more random words'],
    ['123456789012', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['Password1234', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['P@ssw0rd2026!!', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['QwertyUiop123', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['Correct Horse Battery Staple', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['Careerconversations1', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
    ['NHS-2026!!!!!', 'Your password is too common. Choose one that is harder to guess, for example 3 random words'],
  ])('refuses %j: %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem)
  })

  it('refuses a password made of the email address or the name', () => {
    const context = { email: 'amina.okafor@nhs.example', name: 'Amina Okafor' }
    expect(passwordProblem('amina.okafor-2026', context)).toBe('Your password must not include your email address')
    expect(passwordProblem('AminaOkafor2026!', context)).toBe('Your password must not be your name')
  })

  it.each(['violet kettle harbour', 'Granite-Lantern-4f2a', 'tj8#Kq2!mZ9xLw', 'a long sentence about coaching'])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password, { email: 'ben.hughes@nhs.example', name: 'Ben Hughes' })).toBeNull()
    },
  )

  it('knows the common ones whatever the case', () => {
    expect(isCommonPassword('LETMEIN')).toBe(true)
    expect(isCommonPassword('violet kettle harbour')).toBe(false)
  })
})

describe('setPassword', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ app } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  function services() {
    return { pool: app.pg.pool, clock: app.clock, audit: app.audit }
  }

  it('sets a password that keeps the rules, signs out every other session, and records it', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const here = await signIn(app, coach.email, coach.password)
    const elsewhere = await signIn(app, coach.email, coach.password)
    const { rows } = await app.pg.query<{ id: string }>(
      'SELECT id FROM staff_sessions WHERE staff_user_id = $1 ORDER BY created_at LIMIT 1',
      [coach.id],
    )
    const keep = rows[0]!.id
    await setPassword(services(), { staffUserId: coach.id, password: 'violet kettle harbour', keepSessionId: keep })
    // Stored as argon2id at OWASP's cost (test accounts start with a cheaper hash: test/support/staff.ts).
    const stored = await app.pg.query('SELECT password_hash FROM staff_users WHERE id = $1', [coach.id])
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)

    const statuses = await Promise.all(
      [here, elsewhere].map(async (cookie) => (await app.inject({ url: '/coach', headers: { cookie } })).statusCode),
    )
    expect(statuses.sort()).toEqual([200, 302])
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: coach.password } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: 'violet kettle harbour' } })).statusCode).toBe(200)

    const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.password_changed' })
    expect(event).toMatchObject({ actor: `staff:${coach.id}`, subjectId: coach.id, details: { sessionsEnded: 1 } })
  })

  it('refuses a password that breaks the rules, with the reason for the field', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const before = await app.pg.query('SELECT password_hash FROM staff_users WHERE id = $1', [coach.id])
    const attempt = setPassword(services(), { staffUserId: coach.id, password: 'password1234' })
    await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'password', message: 'Your password is too common. Choose one that is harder to guess, for example 3 random words' }],
    })
    const { rows } = await app.pg.query('SELECT password_hash FROM staff_users WHERE id = $1', [coach.id])
    expect(rows[0].password_hash).toBe(before.rows[0].password_hash)
  })
})
