import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { createStaff, pageBrowser, startSession, type PageBrowser } from '../support/staff.js'
import { errorSummary, pageText } from '../support/visitor.js'
import { insertProgramme } from '../support/programmes.js'

/** /admin/programmes: the programme team adds programmes and changes their settings. */
describe('the programmes pages', () => {
  let t: TestApp
  let admin: PageBrowser
  let adminId: string

  beforeAll(async () => {
    t = await buildTestApp()
    adminId = (await createStaff(t.app, { role: 'admin' })).id
    admin = pageBrowser(t.app, { cookie: await startSession(t.app, adminId) })
  })
  afterAll(async () => {
    await t.app.close()
  })

  const post = (url: string, form: Record<string, string | string[]>) => admin.post(url, form, { tokenFrom: '/admin/programmes/new' })
  const newProgramme = {
    name: 'Bank nurses',
    slug: 'bank-nurses',
    modelKey: 'four-stage',
    durationMinutes: '60',
    noticeHours: '48',
    horizonDays: '28',
    reminders: ['2880', '60'],
    retentionMonths: '36',
    coachTwoFactor: 'yes',
  }
  const stored = async (slug: string) =>
    (
      await t.app.pg.query(
        `SELECT id, name, conversation_model_key, duration_minutes, minimum_notice_minutes, horizon_days, reminder_offsets_minutes,
                retention_months, require_coach_two_factor, active FROM programmes WHERE slug = $1`,
        [slug],
      )
    ).rows[0]
  /** The version the settings page was read at, which its form sends back. */
  const versionOn = (html: string) => /name="version" value="([^"]+)"/.exec(html)?.[1] ?? 'none'
  const audit = async (programmeId: string) =>
    (await t.app.pg.query(`SELECT actor, action, details FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, id`, [programmeId])).rows

  it('adds a programme, which is listed, and whose booking page says it is not taking bookings until it has a coach', async () => {
    const form = await admin.get('/admin/programmes/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('<h1>Add a programme</h1>')
    // Nothing answered for the candidate-facing two-factor question until the admin chooses.
    expect(form.body).not.toMatch(/name="coachTwoFactor" type="radio" value="(yes|no)" checked/)

    const added = await post('/admin/programmes/new', newProgramme)
    expect(added.statusCode, added.body).toBe(303)
    const programme = await stored('bank-nurses')
    expect(programme).toEqual({
      id: expect.any(String),
      name: 'Bank nurses',
      conversation_model_key: 'four-stage',
      duration_minutes: 60,
      minimum_notice_minutes: 2880,
      horizon_days: 28,
      reminder_offsets_minutes: [2880, 60],
      retention_months: 36,
      require_coach_two_factor: true,
      active: true,
    })
    expect(added.headers.location).toBe(`/admin/programmes?added=${programme.id}`)

    const list = await admin.get(added.headers.location as string)
    expect(list.body).toContain('Bank nurses has been added')
    expect(pageText(list.body)).toContain('Bank nurses Booking page /book/bank-nurses Conversation model Four-stage career conversation Coaches 0')
    // With no coach yet it is not bookable: its booking page says it is not taking bookings.
    const day = await t.app.inject('/book/bank-nurses/day')
    expect(day.statusCode).toBe(404)
    expect(day.body).toContain('Bank nurses')
    expect(day.body).toContain('Not taking bookings at the moment')
    expect(await audit(programme.id)).toEqual([{ actor: `staff:${adminId}`, action: 'programme.created', details: {} }])
  })

  it('shows every problem at once, keeps what was typed, and refuses a web address already used', async () => {
    const empty = await post('/admin/programmes/new', {})
    expect(empty.statusCode).toBe(400)
    expect(errorSummary(empty.body).map((line) => line.split(' ')[0])).toEqual([
      '#name',
      '#slug',
      '#modelKey',
      '#durationMinutes',
      '#noticeHours',
      '#horizonDays',
      '#retentionMonths',
      '#coachTwoFactor',
    ])

    const taken = await post('/admin/programmes/new', { ...newProgramme, name: 'Nurses again', slug: 'Bank-Nurses' })
    expect(taken.statusCode).toBe(400)
    expect(errorSummary(taken.body)).toEqual(['#slug Another programme already uses this web address name'])
    expect(taken.body).toContain('value="Nurses again"')
    expect(taken.body).toMatch(/name="reminders" type="checkbox" value="2880" checked/)
    expect((await t.app.pg.query(`SELECT count(*)::int AS n FROM programmes`)).rows[0].n).toBe(1)
  })

  it('changes a programme from then on: its web address stays, closing it stops booking, and only what changed is audited', async () => {
    const programme = await stored('bank-nurses')
    const page = await admin.get(`/admin/programmes/${programme.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1>Change Bank nurses</h1>')
    expect(page.body).toContain('/book/bank-nurses')
    expect(page.body).toMatch(/name="open" type="radio" value="yes" checked/)
    expect(page.body).toContain('There are no coaches on this programme yet, so nobody can book.')

    const version = versionOn(page.body)
    const unchanged = await post(`/admin/programmes/${programme.id}`, { ...newProgramme, open: 'yes', version })
    expect(unchanged.statusCode).toBe(303)
    expect(await audit(programme.id)).toHaveLength(1)

    const closed = await post(`/admin/programmes/${programme.id}`, {
      ...newProgramme,
      slug: 'renamed',
      modelKey: 'scan',
      durationMinutes: '30',
      reminders: [],
      open: 'no',
      version,
    })
    expect(closed.statusCode).toBe(303)
    expect(closed.headers.location).toBe(`/admin/programmes?changed=${programme.id}`)
    expect(await stored('renamed')).toBeUndefined()
    expect(await stored('bank-nurses')).toMatchObject({ conversation_model_key: 'scan', duration_minutes: 30, reminder_offsets_minutes: [], active: false })
    expect((await t.app.inject('/book/bank-nurses/day')).statusCode).toBe(404)
    expect((await audit(programme.id)).at(-1)).toEqual({
      actor: `staff:${adminId}`,
      action: 'programme.changed',
      details: { changed: ['modelKey', 'durationMinutes', 'reminderOffsetsMinutes', 'active'] },
    })
    const list = await admin.get('/admin/programmes')
    expect(pageText(list.body)).toMatch(/Bank nurses Booking page \/book\/bank-nurses Conversation model SCAN career planning .* Status Closed/)

    const version2 = versionOn((await admin.get(`/admin/programmes/${programme.id}`)).body)
    const bad = await post(`/admin/programmes/${programme.id}`, { ...newProgramme, horizonDays: 'soon', open: 'no', version: version2 })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toEqual(['#horizonDays How far ahead candidates can book must be a whole number of days, like 56'])
    expect(bad.body).toContain('/book/bank-nurses')
    // Put right, the save still checks the version the page was first read at.
    expect(versionOn(bad.body)).toBe(version2)
  })

  it('never lets one admin silently undo another’s change: a save on settings changed meanwhile is refused (409)', async () => {
    const programme = await stored('bank-nurses')
    const other = pageBrowser(t.app, { cookie: await startSession(t.app, (await createStaff(t.app, { role: 'admin' })).id) })
    const mine = versionOn((await admin.get(`/admin/programmes/${programme.id}`)).body)
    const theirs = versionOn((await other.get(`/admin/programmes/${programme.id}`)).body)
    t.clock.advance(1000)

    const first = await other.post(`/admin/programmes/${programme.id}`, { ...newProgramme, horizonDays: '14', open: 'yes', version: theirs }, { tokenFrom: '/admin' })
    expect(first.statusCode).toBe(303)
    const second = await post(`/admin/programmes/${programme.id}`, { ...newProgramme, retentionMonths: '12', open: 'yes', version: mine })
    expect(second.statusCode).toBe(409)
    expect(pageText(second.body)).toContain('Someone else changed these settings while you had them open Nothing you entered was saved.')
    expect(second.body).toContain('value="14"')
    expect(await stored('bank-nurses')).toMatchObject({ horizon_days: 14, retention_months: 36, active: true })

    const again = await post(`/admin/programmes/${programme.id}`, { ...newProgramme, horizonDays: '14', retentionMonths: '12', open: 'yes', version: versionOn(second.body) })
    expect(again.statusCode).toBe(303)
    expect(await stored('bank-nurses')).toMatchObject({ horizon_days: 14, retention_months: 12 })
    expect(await post(`/admin/programmes/${programme.id}`, { ...newProgramme, open: 'yes' }).then((r) => r.statusCode)).toBe(409)
    // A garbled version is stale too, with or without other problems: never a 500.
    expect(await post(`/admin/programmes/${programme.id}`, { ...newProgramme, open: 'yes', version: 'nonsense' }).then((r) => r.statusCode)).toBe(409)
    const garbled = await post(`/admin/programmes/${programme.id}`, { ...newProgramme, name: '', open: 'yes', version: 'nonsense' })
    expect(garbled.statusCode).toBe(400)
    expect(versionOn(garbled.body)).toBe(new Date(0).toISOString())
  })

  it('asks coaches for two-factor at once: those without it are signed out, those with it stay signed in', async () => {
    const wards = await insertProgramme(t.app.pg.pool, { slug: 'wards', name: 'Ward staff' })
    const without = await createStaff(t.app, { role: 'coach' })
    const withIt = await createStaff(t.app, { role: 'coach', twoFactor: true })
    await t.app.pg.query(`INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2), ($1, $3)`, [wards.id, without.coachId, withIt.coachId])
    const [withoutCookie, withCookie] = [await startSession(t.app, without.id), await startSession(t.app, withIt.id)]
    const coachHome = (cookie: string) => t.app.inject({ url: '/coach', headers: { cookie } }).then((r) => r.statusCode)
    expect([await coachHome(withoutCookie), await coachHome(withCookie)]).toEqual([200, 200])

    const wardsPage = (await admin.get(`/admin/programmes/${wards.id}`)).body
    for (const coach of [without, withIt]) expect(wardsPage).toContain(`<a href="/admin/staff/${coach.id}">${coach.name}</a>`)
    const version = versionOn(wardsPage)
    const form = { ...newProgramme, name: 'Ward staff', modelKey: 'four-stage', durationMinutes: '45', noticeHours: '24', horizonDays: '56', reminders: ['1440', '60'], retentionMonths: '24' }
    const saved = await post(`/admin/programmes/${wards.id}`, { ...form, coachTwoFactor: 'yes', open: 'yes', version })
    expect(saved.statusCode).toBe(303)
    expect([await coachHome(withoutCookie), await coachHome(withCookie)]).toEqual([302, 200])
    expect((await audit(wards.id)).at(-1)).toMatchObject({ action: 'programme.changed', details: { changed: ['requireCoachTwoFactor'], sessionsEnded: 1 } })
  })

  it('is linked from the administration page, and not found for a programme that does not exist', async () => {
    expect((await admin.get('/admin')).body).toContain('href="/admin/programmes"')
    expect((await admin.get('/admin/programmes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })
})
