import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createProgramme, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { auditRows, expectNoPersonalData } from './invitation-support.js'

/** /api/v1/admin/invitations: for staffing systems, with an admin's session. */

describe('invitations API', () => {
  let app: FastifyInstance
  let admin: TestStaff
  let coach: TestStaff
  let programme: ProgrammeFixture
  let other: ProgrammeFixture

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    admin = await createStaff(app, { role: 'admin' })
    coach = await createStaff(app, { role: 'coach' })
    programme = await createProgramme(app.pg.pool, { slug: 'vaccinators' })
    other = await createProgramme(app.pg.pool, { slug: 'support-workers' })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function as(who: TestStaff | null, options: InjectOptions) {
    const headers = { ...(options.headers ?? {}), ...(who ? { cookie: await startSession(app, who.id) } : {}) }
    return app.inject({ ...options, headers })
  }

  /** POST /api/v1/admin/invitations as the admin. */
  const invite = (payload: object) => as(admin, { method: 'POST', url: '/api/v1/admin/invitations', payload })

  it('lets in admins only: 401 signed out, 403 for a coach, on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    const requests: InjectOptions[] = [
      { method: 'GET', url: '/api/v1/admin/invitations' },
      { method: 'GET', url: `/api/v1/admin/invitations/${id}` },
      { method: 'POST', url: '/api/v1/admin/invitations', payload: { programme: 'vaccinators', name: 'A', email: 'a@example.com' } },
      { method: 'POST', url: '/api/v1/admin/invitations/batch', payload: { invitations: [{ programme: 'vaccinators', name: 'A', email: 'a@example.com' }] } },
      { method: 'POST', url: `/api/v1/admin/invitations/${id}/withdraw` },
    ]
    for (const request of requests) {
      const anonymous = await as(null, request)
      expect(anonymous.statusCode, `${request.method} ${request.url}`).toBe(401)
      expect(anonymous.json()).toMatchObject({ error: 'unauthorized' })
      expect((await as(coach, request)).statusCode, `${request.method} ${request.url}`).toBe(403)
    }
    const { rows } = await app.pg.query('SELECT count(*)::int AS n FROM invitations')
    expect(rows[0].n).toBe(0)
  })

  describe('one invitation', () => {
    it('invites: 201 with the invitation; 409 already_invited for the same address', async () => {
      const response = await invite({ programme: 'vaccinators', name: 'Sam Taylor', email: 'Sam.Taylor@Example.com', phone: '07700 900982', note: 'Leeds' })
      expect(response.statusCode, response.body).toBe(201)
      const { invitation } = response.json()
      expect(invitation).toEqual({
        id: expect.any(String),
        programme: { id: programme.id, slug: 'vaccinators', name: 'Programme vaccinators' },
        name: 'Sam Taylor',
        email: 'sam.taylor@example.com',
        phone: '07700 900982',
        note: 'Leeds',
        status: 'sent',
        createdAt: '2026-03-02T08:00:00.000Z',
        expiresAt: '2026-05-01T08:00:00.000Z',
        emailSentAt: null,
      })

      const again = await invite({ programme: programme.id, name: 'Sam', email: 'sam.taylor@example.com' })
      expect(again.statusCode).toBe(409)
      expect(again.json()).toMatchObject({ error: 'already_invited', requestId: expect.any(String) })

      const rows = await auditRows(app, 'invitation.created')
      expect(rows).toEqual([
        {
          actor: `staff:${admin.id}`,
          action: 'invitation.created',
          subject_type: 'invitation',
          subject_id: invitation.id,
          result: 'success',
          details: { programmeId: programme.id, via: 'api' },
        },
      ])
      expectNoPersonalData(rows, ['Sam Taylor'])
    })

    it('answers 400 with the fields at fault', async () => {
      const missing = await invite({ programme: 'vaccinators' })
      expect(missing.statusCode).toBe(400)
      expect(missing.json().fields).toEqual(
        expect.arrayContaining([
          { field: 'body.name', message: 'is required' },
          { field: 'body.email', message: 'is required' },
        ]),
      )
      const bad = await invite({ programme: 'no-such-programme', name: 'Jo', email: 'jo.example.com' })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().fields).toEqual([
        { field: 'body.email', message: 'Enter an email address in the correct format, like name@example.com' },
      ])
      const unknownProgramme = await invite({ programme: 'no-such-programme', name: 'Jo', email: 'jo@example.com' })
      expect(unknownProgramme.statusCode).toBe(400)
      expect(unknownProgramme.json().fields).toEqual([{ field: 'body.programme', message: expect.stringContaining('no programme') }])
    })
  })

  describe('a batch', () => {
    it('invites every good item and reports each problem by index and field', async () => {
      const response = await as(admin, {
        method: 'POST',
        url: '/api/v1/admin/invitations/batch',
        payload: {
          invitations: [
            { programme: 'vaccinators', name: 'Ali Khan', email: 'ali.khan@example.com', phone: '07700 900123' },
            { programme: 'vaccinators', name: 'Sam Again', email: 'sam.taylor@example.com' }, // invited above
            { programme: 'vaccinators', name: '', email: 'not-an-email' },
            { programme: 'nowhere', name: 'Bea', email: 'bea@example.com' },
            { programme: 'vaccinators', name: 'Ali Twice', email: 'ALI.KHAN@example.com' },
            { programme: 'support-workers', name: 'Ali Khan', email: 'ali.khan@example.com', note: null },
            { programme: 'vaccinators', email: 'no.name@example.com' },
          ],
        },
      })
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json()
      expect(body.invited.map((item: { index: number; invitation: { email: string; programme: { slug: string } } }) => [
        item.index,
        item.invitation.email,
        item.invitation.programme.slug,
      ])).toEqual([
        [0, 'ali.khan@example.com', 'vaccinators'],
        [5, 'ali.khan@example.com', 'support-workers'],
      ])
      expect(body.errors).toEqual([
        { index: 1, error: 'already_invited', field: 'email', message: expect.any(String) },
        { index: 2, error: 'validation_failed', field: 'name', message: 'Enter their name' },
        { index: 2, error: 'validation_failed', field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
        { index: 3, error: 'validation_failed', field: 'programme', message: expect.stringContaining('no programme') },
        { index: 4, error: 'duplicate_in_batch', field: 'email', message: 'This email address is already in this batch, at index 0' },
        { index: 6, error: 'validation_failed', field: 'name', message: 'Enter their name' },
      ])

      const rows = await auditRows(app, 'invitation.imported')
      expect(rows.at(-1)).toMatchObject({
        actor: `staff:${admin.id}`,
        subject_type: null,
        details: { via: 'api', rows: 7, invited: 2, notInvited: 5, programmeIds: [programme.id, other.id] },
      })
      // Each invitation has its own entry too, written with it.
      const created = await auditRows(app, 'invitation.created')
      expect(created.filter((row) => row.details.via === 'batch').map((row) => [row.subject_id, row.details.programmeId])).toEqual(
        body.invited.map((item: { invitation: { id: string; programme: { id: string } } }) => [item.invitation.id, item.invitation.programme.id]),
      )
      expectNoPersonalData(rows, ['Ali Khan'])
    })

    it('refuses a batch that is empty, too big or not a batch (400), inviting nobody', async () => {
      const before = (await app.pg.query('SELECT count(*)::int AS n FROM invitations')).rows[0].n
      const item = (i: number) => ({ programme: 'vaccinators', name: `Person ${i}`, email: `person${i}@example.com` })
      for (const payload of [{}, { invitations: [] }, { invitations: Array.from({ length: 1001 }, (_, i) => item(i)) }, [item(1)]]) {
        const response = await as(admin, { method: 'POST', url: '/api/v1/admin/invitations/batch', payload })
        expect(response.statusCode).toBe(400)
        expect(response.json()).toMatchObject({ error: 'validation_failed' })
      }
      expect((await app.pg.query('SELECT count(*)::int AS n FROM invitations')).rows[0].n).toBe(before)
    })

    it('takes 1,000 at once', async () => {
      const invitations = Array.from({ length: 1000 }, (_, i) => ({
        programme: 'support-workers',
        name: `Person ${i}`,
        email: `bulk${i}@example.com`,
        note: 'n'.repeat(1000),
      }))
      const response = await as(admin, { method: 'POST', url: '/api/v1/admin/invitations/batch', payload: { invitations } })
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
      expect(response.json().invited).toHaveLength(1000)
      expect(response.json().errors).toEqual([])
    }, 120_000)
  })

  describe('the list and withdrawing', () => {
    it('lists newest first, by status and programme, and withdraws', async () => {
      const all = await as(admin, { method: 'GET', url: '/api/v1/admin/invitations?limit=5' })
      expect(all.statusCode).toBe(200)
      expect(all.json().invitations).toHaveLength(5)
      expect(all.json().total).toBe(1003)

      const vaccinators = await as(admin, { method: 'GET', url: `/api/v1/admin/invitations?programme=${programme.id}` })
      const sam = vaccinators.json().invitations.find((i: { email: string }) => i.email === 'sam.taylor@example.com')
      expect(vaccinators.json().total).toBe(2)

      const withdrawn = await as(admin, { method: 'POST', url: `/api/v1/admin/invitations/${sam.id}/withdraw` })
      expect(withdrawn.statusCode, withdrawn.body).toBe(200)
      expect(withdrawn.json().invitation).toMatchObject({ id: sam.id, status: 'withdrawn' })

      const byStatus = await as(admin, { method: 'GET', url: '/api/v1/admin/invitations?status=withdrawn' })
      expect(byStatus.json()).toMatchObject({ total: 1, invitations: [{ id: sam.id }] })
      expect((await as(admin, { method: 'GET', url: '/api/v1/admin/invitations?status=lost' })).statusCode).toBe(400)

      // Withdrawn: the address can be invited again.
      const again = await invite({ programme: 'vaccinators', name: 'Sam Taylor', email: 'sam.taylor@example.com' })
      expect(again.statusCode).toBe(201)

      const missing = await as(admin, { method: 'POST', url: '/api/v1/admin/invitations/00000000-0000-4000-8000-000000000000/withdraw' })
      expect(missing.statusCode).toBe(404)

      const rows = await auditRows(app, 'invitation.withdrawn')
      expect(rows).toEqual([
        { actor: `staff:${admin.id}`, action: 'invitation.withdrawn', subject_type: 'invitation', subject_id: sam.id, result: 'success', details: { programmeId: programme.id, via: 'api' } },
      ])
    })

    it('is described in the OpenAPI document', async () => {
      const document = (await app.inject({ url: '/docs/json' })).json()
      const paths = document.paths as Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>
      expect(Object.keys(paths).filter((path) => path.startsWith('/api/v1/admin/invitations')).sort()).toEqual([
        '/api/v1/admin/invitations',
        '/api/v1/admin/invitations/batch',
        '/api/v1/admin/invitations/{id}',
        '/api/v1/admin/invitations/{id}/withdraw',
      ])
      expect(paths['/api/v1/admin/invitations/batch']!.post!.tags).toEqual(['invitations'])
      expect(Object.keys(paths['/api/v1/admin/invitations']!.post!.responses)).toEqual(expect.arrayContaining(['201', '409']))
    })
  })
})
