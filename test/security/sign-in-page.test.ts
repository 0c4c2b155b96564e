import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { safeNextPath } from '../../src/domain/staff/next-path.js'
import { buildTestApp } from '../helper.js'
import { cookieHeader, createStaff, currentCode, formSession, pageBrowser, signIn, type TestStaff } from '../support/staff.js'
import { pageTitle } from '../support/visitor.js'

const TITLE = 'Sign in – Career conversations – NHS'

describe('the sign-in page', () => {
  let app: FastifyInstance
  let coach: TestStaff
  let admin: TestStaff

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    coach = await createStaff(app, { role: 'coach', name: 'Ben Hughes' })
    admin = await createStaff(app, { role: 'admin', name: 'Priya Shah' })
  })
  afterAll(async () => {
    await app?.close()
  })

  const post = (fields: Record<string, string>) => pageBrowser(app).post('/sign-in', fields)

  it('shows one form: email address and password, posting to itself with a CSRF token', async () => {
    const response = await app.inject('/sign-in')
    expect(response.statusCode).toBe(200)
    const html = response.body.replace(/\s+/g, ' ')
    expect(pageTitle(html)).toBe(`${TITLE}`)
    expect(html).toContain('<h1>Sign in</h1>')
    expect(html.match(/<form method="post" action="\/sign-in" novalidate>/g)).toHaveLength(1)
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]{20,}">/)
    expect(html).toMatch(/<input class="nhsuk-input" id="email" name="email" type="email" spellcheck="false" value="" autocomplete="username">/)
    expect(html).toMatch(/id="password" name="password" type="password"[^>]*autocomplete="current-password"/)
    expect(html).not.toContain('nhsuk-error-summary')
    expect(response.cookies.find((c) => c.name === '_csrf')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  })

  it('asks for both fields when both are empty, in an error summary at the top', async () => {
    const response = await post({ email: '', password: '' })
    expect(response.statusCode).toBe(400)
    const html = response.body
    expect(pageTitle(html)).toBe(`Error: ${TITLE}`)
    const summary = html.slice(html.indexOf('nhsuk-error-summary'), html.indexOf('<h1>'))
    expect(summary).toContain('There is a problem')
    expect(summary).toMatch(/<a href="#email">\s*Enter your email address\s*<\/a>/)
    expect(summary).toMatch(/<a href="#password">\s*Enter your password\s*<\/a>/)
    expect(html.indexOf('nhsuk-error-summary')).toBeLessThan(html.indexOf('<h1>Sign in</h1>'))
    const flat = html.replace(/\s+/g, ' ')
    expect(flat).toContain('<span class="nhsuk-error-message" id="email-error"> <span class="nhsuk-u-visually-hidden">Error: </span>Enter your email address </span>')
    expect(flat).toContain('<span class="nhsuk-error-message" id="password-error"> <span class="nhsuk-u-visually-hidden">Error: </span>Enter your password </span>')
    expect(flat).toMatch(/id="email" name="email" type="email"[^>]*aria-describedby="email-error"/)
  })

  it('keeps the email address typed, never the password', async () => {
    const response = await post({ email: 'ben@example.org', password: '' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('value="ben@example.org"')
    expect(response.body).not.toContain('Enter your email address')
    expect(response.body).toContain('Enter your password')

    const wrong = await post({ email: coach.email, password: 'Secret-Typed-Value-1' })
    expect(wrong.body).not.toContain('Secret-Typed-Value-1')
  })

  it('says "The email address or password is not right" for a wrong password and for an unknown account alike', async () => {
    const wrongPassword = await post({ email: coach.email, password: 'not-the-password-1' })
    const unknown = await post({ email: 'nobody@staff.test.example', password: 'not-the-password-1' })
    for (const response of [wrongPassword, unknown]) {
      expect(response.statusCode).toBe(401)
      expect(pageTitle(response.body)).toBe(`Error: ${TITLE}`)
      expect(response.body).toMatch(/<a href="#email">\s*The email address or password is not right\s*<\/a>/)
      expect(response.body).not.toMatch(/no account|not found|does not exist/i)
    }
    const strip = (html: string) =>
      html
        .replace(/value="[^"]*"/g, '')
        .replace(/nonce="[^"]*"/g, '')
        .replace(/<strong class="app-reference">[^<]*<\/strong>/g, '')
    expect(strip(wrongPassword.body)).toBe(strip(unknown.body).replace('nobody@staff.test.example', coach.email))
  })

  it('signs a coach in and goes to /coach, where the header shows who is signed in and a way to sign out', async () => {
    const response = await post({ email: coach.email, password: coach.password })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/coach')
    const cookie = cookieHeader(response)
    const page = await app.inject({ url: '/coach', headers: { cookie } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<p>Signed in as Ben Hughes</p>')
    const account = page.body.slice(page.body.indexOf('nhsuk-header__account'), page.body.indexOf('</nav>'))
    expect(account).toContain('Ben Hughes')
    expect(account).toMatch(
      /<form class="nhsuk-header__account-form" action="\/sign-out" method="post" novalidate><input type="hidden" name="_csrf" value="[^"&]+"><button class="nhsuk-header__account-button">Sign out<\/button><\/form>/,
    )
  })

  it('sends an admin to /admin, after the code from their authenticator app', async () => {
    const browser = pageBrowser(app)
    const response = await browser.post('/sign-in', { email: admin.email, password: admin.password })
    expect(response.headers.location).toBe('/sign-in/code')
    const code = await browser.post('/sign-in/code', { code: await currentCode(app, admin.id) }, { tokenFrom: '/sign-in/code' })
    expect(code.statusCode).toBe(303)
    expect(code.headers.location).toBe('/admin')
    const page = await browser.get('/admin')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<p>Signed in as Priya Shah</p>')
  })

  it('goes back to the page that asked for sign-in', async () => {
    const asked = await app.inject('/coach?view=week')
    expect(asked.statusCode).toBe(302)
    expect(asked.headers.location).toBe('/sign-in?next=%2Fcoach%3Fview%3Dweek')
    const page = await app.inject(asked.headers.location!)
    expect(page.body).toContain('<input type="hidden" name="next" value="/coach?view=week">')
    const response = await post({ email: coach.email, password: coach.password, next: '/coach?view=week' })
    expect(response.headers.location).toBe('/coach?view=week')
  })

  it.each([
    '//evil.example/',
    '///evil.example',
    'https://evil.example/',
    'http:evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    ' /coach',
    'coach',
    '/sign-in',
    '/sign-out',
  ])('never redirects to %j after sign-in', async (next) => {
    const page = await app.inject(`/sign-in?next=${encodeURIComponent(next)}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('name="next"')
    const response = await post({ email: coach.email, password: coach.password, next })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/coach')
  })

  it('sends someone already signed in on from the sign-in page', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    const response = await app.inject({ url: '/sign-in', headers: { cookie } })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/coach')
    const onward = await app.inject({ url: '/sign-in?next=%2Fcoach%2Fagenda', headers: { cookie } })
    expect(onward.headers.location).toBe('/coach/agenda')
  })

  it('refuses a form post without a CSRF token, or with another browser’s', async () => {
    const without = await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: { email: coach.email, password: coach.password },
    })
    expect(without.statusCode).toBe(403)
    expect(without.headers['content-type']).toMatch(/^text\/html/)
    expect(without.body).toContain('Sorry, we could not accept this form.')
    expect(without.headers['set-cookie'] ?? '').not.toContain('cc_session=')

    const mine = await formSession(app)
    const theirs = await formSession(app)
    const mixed = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: mine.cookie },
      payload: { _csrf: theirs.csrfToken, email: coach.email, password: coach.password },
    })
    expect(mixed.statusCode).toBe(403)
  })

  it('shows the signed-out page', async () => {
    const page = await app.inject('/signed-out')
    expect(page.statusCode).toBe(200)
    expect(pageTitle(page.body)).toBe('You have signed out – Career conversations – NHS')
    expect(page.body).toContain('<a href="/sign-in">Sign in again</a>')
    expect(page.body).not.toContain('every device')
  })
})

describe('safeNextPath', () => {
  it.each([
    ['/coach', '/coach'],
    ['/coach/bookings?day=2026-03-02#today', '/coach/bookings?day=2026-03-02#today'],
    ['/admin/../coach', '/coach'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps the local path %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected)
  })

  it.each([undefined, null, 42, '', '//evil.example', '/\\evil', 'https://evil.example', '/\n/evil', `/${'a'.repeat(2001)}`])(
    'refuses %j',
    (next) => {
      expect(safeNextPath(next)).toBeUndefined()
    },
  )
})
