import { ConflictError } from '../../src/domain/errors.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { createTestDatabase } from '../support/database.js'
import { testConfig } from '../helper.js'
import { pageTitle } from '../support/visitor.js'

const SERVICE_TITLE = 'Career conversations – NHS'

describe('pages', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildApp({ config: testConfig({ DATABASE_URL: await createTestDatabase() }) })
    // Routes that fail, to see what a person is shown (registered here: src has no test-only branches).
    app.get('/__boom', async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 (secret detail)')
    })
    app.get('/__conflict', async () => {
      throw new ConflictError('slot_unavailable', 'Someone else has just booked this time. Choose another time.')
    })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('shows the start page at /', async () => {
    const response = await app.inject('/')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    const html = response.body
    expect(pageTitle(html)).toBe(`Book a career conversation – ${SERVICE_TITLE}`)
    expect(html).toContain('<html lang="en"')
    expect(html).toMatch(/class="nhsuk-header__service-name"[^>]*>\s*Career conversations/)
    expect(html).toContain('<h1>Book a career conversation</h1>')
    const startButton = html.match(/<a\s([^>]*)>\s*Start now\s*<\/a>/)?.[1] ?? ''
    expect(startButton).toContain('class="nhsuk-button"')
    expect(startButton).toContain('href="/book"')
    expect(html).toContain('<a href="/sign-in">Staff sign in</a>')
    expect(html).toContain('href="/assets/nhsuk-frontend.min.css"')
    expect(html).toMatch(/<script type="module" src="\/assets\/application.js"( nonce="[^"]+")?><\/script>/)
    // Not in development: no outbox link.
    expect(html).not.toContain('/admin/outbox')
  })

  it('says how long a conversation takes from the open programmes’ own lengths', async () => {
    const sentence = async () => /A career conversation is a free, one-to-one call with a trained coach\.([^<]*)<\/p>/.exec((await app.inject('/')).body)?.[1]
    await app.pg.query(`DELETE FROM programmes`)
    expect(await sentence()).toBe('')
    await app.pg.query(`INSERT INTO programmes (slug, name, conversation_model_key, duration_minutes) VALUES ('a', 'A', 'four-stage', 45)`)
    expect(await sentence()).toBe(' It takes about 45 minutes.')
    await app.pg.query(`INSERT INTO programmes (slug, name, conversation_model_key, duration_minutes, active) VALUES ('b', 'B', 'four-stage', 60, true), ('c', 'C', 'four-stage', 240, false)`)
    expect(await sentence()).toBe(' It takes between 45 minutes and 1 hour.')
  })

  it('carries a CSP nonce given in the view data to every script tag', async () => {
    const nonced = await buildApp({ config: testConfig({ DATABASE_URL: await createTestDatabase() }) })
    try {
      nonced.addHook('onRequest', async (_request, reply) => {
        reply.locals = { ...reply.locals, cspNonce: 'n0nce-123' }
      })
      await nonced.ready()
      const html = (await nonced.inject('/')).body
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length).toBeGreaterThanOrEqual(2)
      for (const script of scripts) expect(script).toContain('nonce="n0nce-123"')
    } finally {
      await nonced.close()
    }
  })

  it('links to the outbox in development', async () => {
    const development = await buildApp({
      config: testConfig({ NODE_ENV: 'development', DATABASE_URL: await createTestDatabase() }),
    })
    try {
      await development.ready()
      const html = (await development.inject('/')).body
      expect(html).toContain('In development, emails are kept in a local outbox.')
      expect(html).toContain('<a href="/admin/outbox">')
    } finally {
      await development.close()
    }
  })

  it.each([
    ['/accessibility-statement', 'Accessibility statement'],
    ['/contact-us', 'Contact us'],
    ['/privacy', 'Privacy'],
  ])('shows the footer page %s', async (url, title) => {
    const response = await app.inject(url)
    expect(response.statusCode).toBe(200)
    expect(pageTitle(response.body)).toBe(`${title} – ${SERVICE_TITLE}`)
    expect(response.body).toContain(`<h1>${title}</h1>`)
    expect(response.body).toContain(`href="${url}"`)
  })

  it('shows the NHS page not found, with a reference, for an unknown page', async () => {
    const response = await app.inject({ url: '/no-such-page', headers: { 'x-request-id': 'req-404-abcdef' } })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(pageTitle(response.body)).toBe(`Page not found – ${SERVICE_TITLE}`)
    expect(response.body).toContain('<h1>Page not found</h1>')
    expect(response.body).toContain('If you typed the web address, check it was correct.')
    expect(response.body).toContain('If you pasted the web address, check you copied the entire address.')
    expect(response.body).toContain('<strong class="app-reference">req-404-abcdef</strong>')
  })

  it('answers an unknown API path with JSON, not a page', async () => {
    const response = await app.inject('/api/v1/no-such-thing')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const body = response.json()
    expect(body).toEqual({ error: 'not_found', message: 'Page not found', requestId: expect.any(String) })
    expect(body.requestId).toBe(response.headers['x-request-id'])
  })

  it('shows the NHS error page when something fails, and nothing of the cause', async () => {
    const response = await app.inject('/__boom')
    expect(response.statusCode).toBe(500)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    const html = response.body
    expect(pageTitle(html)).toBe(`Sorry, there is a problem with the service – ${SERVICE_TITLE}`)
    expect(html).toContain('<h1>Sorry, there is a problem with the service</h1>')
    expect(html).toContain('Try again later.')
    expect(html).toContain(`<strong class="app-reference">${response.headers['x-request-id']}</strong>`)
    expect(html).not.toMatch(/ECONNREFUSED|secret detail|at .*\.(ts|js):\d+|Error:/)
  })

  it('shows the message of a client error, under a plain heading', async () => {
    const response = await app.inject('/__conflict')
    expect(response.statusCode).toBe(409)
    const html = response.body
    expect(pageTitle(html)).toBe(`There is a problem – ${SERVICE_TITLE}`)
    expect(html).toContain('<h1>There is a problem</h1>')
    expect(html).toContain('<p>Someone else has just booked this time. Choose another time.</p>')
    expect(html).not.toContain('Try again later.')
    expect(html).toContain(`<strong class="app-reference">${response.headers['x-request-id']}</strong>`)
  })

  it('serves the NHS design system from our own origin', async () => {
    const css = await app.inject('/assets/nhsuk-frontend.min.css')
    expect(css.statusCode).toBe(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.headers['cache-control']).toMatch(/max-age=\d{5,}/)
    expect(css.body).toContain('.nhsuk-header')

    const js = await app.inject('/assets/nhsuk-frontend.min.js')
    expect(js.statusCode).toBe(200)
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/)

    const ours = await app.inject('/assets/application.js')
    expect(ours.statusCode).toBe(200)
    expect(ours.headers['content-type']).toMatch(/^(text|application)\/javascript/)
    expect(ours.body).toContain("from './nhsuk-frontend.min.js'")

    expect((await app.inject('/assets/application.css')).headers['content-type']).toMatch(/^text\/css/)
    const manifest = await app.inject('/assets/manifest.json')
    expect(manifest.statusCode).toBe(200)
    expect(manifest.json().icons.length).toBeGreaterThan(0)
    const favicon = await app.inject('/assets/images/favicon.svg')
    expect(favicon.statusCode).toBe(200)
    expect(favicon.headers['content-type']).toMatch(/^image\/svg\+xml/)
  })

  it('serves nothing else from the design system package', async () => {
    for (const url of [
      '/assets/template.njk',
      '/assets/index.scss',
      '/assets/components/header/template.njk',
      '/assets/assets/manifest.json',
      '/assets/../package.json',
      '/assets/%2e%2e/pages/layout.njk',
      '/assets/no-such-file.css',
    ]) {
      const response = await app.inject(url)
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, url).toBeLessThan(500)
      expect(response.body, url).not.toContain('{%')
    }
  })
})
