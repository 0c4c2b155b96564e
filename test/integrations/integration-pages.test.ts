import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createStaff, signedInBrowser, type PageBrowser } from '../support/staff.js'

/**
 * /admin/integrations without JavaScript: a token or a webhook's secret is
 * shown once, on the page after it is made; tokens are revoked and webhooks
 * removed with a form; problems come back in the NHS error summary.
 */
describe('the integrations pages', () => {
  let app: FastifyInstance
  let browser: PageBrowser

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    const admin = await createStaff(app, { role: 'admin' })
    browser = await signedInBrowser(app, admin.id)
  })
  afterAll(async () => {
    await app?.close()
  })

  const shownValue = (html: string) => /<code id="shown-value" class="app-wrap-anywhere">([^<]+)<\/code>/.exec(html)?.[1]

  it('creates a token, shows it once, and it works until it is revoked', async () => {
    const created = await browser.post('/admin/integrations/tokens', { name: 'Staffing system', scopes: ['invitations:write'] }, { tokenFrom: '/admin/integrations' })
    expect(created.statusCode).toBe(200)
    const token = shownValue(created.body)!
    expect(token).toMatch(/^ccat_/)
    expect(created.body).toContain('it will not be shown again')
    const listed = await browser.get('/admin/integrations')
    expect(listed.body).toContain('Staffing system')
    expect(listed.body).not.toContain(token)
    expect((await app.inject({ url: '/api/v1/admin/invitations', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200)

    const id = (await app.pg.query<{ id: string }>(`SELECT id FROM api_tokens WHERE name = 'Staffing system'`)).rows[0]!.id
    const revoked = await browser.post(`/admin/integrations/tokens/${id}/revoke`, {}, { tokenFrom: '/admin/integrations' })
    expect(revoked.statusCode).toBe(303)
    expect((await browser.get('/admin/integrations')).body).toContain('Revoked')
    expect((await app.inject({ url: '/api/v1/admin/invitations', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
  })

  it('shows the problems with a token or a webhook in the error summary, keeping what was typed', async () => {
    const noToken = await browser.post('/admin/integrations/tokens', { name: '' }, { tokenFrom: '/admin/integrations' })
    expect(noToken.statusCode).toBe(400)
    expect(noToken.body).toContain('nhsuk-error-summary')
    expect(noToken.body).toContain('Enter a name for the token')
    expect(noToken.body).toContain('Select at least one thing the token may do')
    const badHook = await browser.post('/admin/integrations/webhooks', { url: 'ftp://files.example/x', description: 'Old <b>system</b>' }, { tokenFrom: '/admin/integrations' })
    expect(badHook.statusCode).toBe(400)
    expect(badHook.body).toContain('Enter a web address starting https://')
    expect(badHook.body).toContain('Choose events from')
    expect(badHook.body).toContain('Old &lt;b&gt;system&lt;/b&gt;')
  })

  it('adds a webhook, shows its secret once, makes a new one on asking, and removes it', async () => {
    const added = await browser.post('/admin/integrations/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['booking.created', 'booking.cancelled'] }, { tokenFrom: '/admin/integrations' })
    expect(added.statusCode).toBe(200)
    const secret = shownValue(added.body)!
    expect(secret).toMatch(/^whsec_/)
    const id = (await app.pg.query<{ id: string }>(`SELECT id FROM webhook_endpoints`)).rows[0]!.id
    const page = await browser.get(`/admin/integrations/webhooks/${id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('booking.created, booking.cancelled')
    expect(page.body).toContain('Nothing has been sent to this webhook yet')
    expect(page.body).not.toContain(secret)
    const rotated = await browser.post(`/admin/integrations/webhooks/${id}/rotate-secret`, {}, { tokenFrom: `/admin/integrations/webhooks/${id}` })
    expect(shownValue(rotated.body)).toMatch(/^whsec_/)
    expect(shownValue(rotated.body)).not.toBe(secret)
    expect((await browser.post(`/admin/integrations/webhooks/${id}/remove`, {}, { tokenFrom: `/admin/integrations/webhooks/${id}` })).statusCode).toBe(303)
    expect((await browser.get(`/admin/integrations/webhooks/${id}`)).statusCode).toBe(404)
    const audited = await app.pg.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, id`, [id])
    expect(audited.rows.map((row) => row.action)).toEqual(['webhook.created', 'webhook.secret_rotated', 'webhook.removed'])
  })
})
