import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createProgramme, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createStaff, formSession, startSession, type TestStaff } from '../support/staff.js'
import { waitingJobs } from '../support/jobs.js'
import { auditRows, expectNoPersonalData, multipartForm } from './invitation-support.js'
import { pageTitle } from '../support/visitor.js'

/**
 * The programme team's invitation pages, through HTTP as a browser without
 * JavaScript uses them: forms with their CSRF token, a multipart CSV upload.
 */

describe('invitation pages', () => {
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

  /** A signed-in admin's cookies and a CSRF token from the form's own page. */
  async function adminForm(page: string) {
    return formSession(app, await startSession(app, admin.id), page)
  }

  async function postForm(url: string, form: { cookie: string; csrfToken?: string }, fields: Record<string, string>) {
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(form.csrfToken ? { _csrf: form.csrfToken } : {}), ...fields }).toString(),
    })
  }

  async function upload(
    form: { cookie: string; csrfToken?: string },
    fields: Record<string, string>,
    file?: Parameters<typeof multipartForm>[1],
  ) {
    const body = multipartForm({ ...(form.csrfToken ? { _csrf: form.csrfToken } : {}), ...fields }, file)
    return app.inject({ method: 'POST', url: '/admin/invitations/upload', headers: { cookie: form.cookie, ...body.headers }, payload: body.payload })
  }

  async function invitationsOf(programmeId: string) {
    const { rows } = await app.pg.query<{ id: string; email: string; name: string; phone: string | null; note: string | null; status: string }>(
      'SELECT id, email, name, phone, note, status FROM invitations WHERE programme_id = $1 ORDER BY email',
      [programmeId],
    )
    return rows
  }

  /** A link in the NHS error summary to the field at fault. */
  const summaryLink = (href: string, text: string) =>
    new RegExp(`<a href="${href}">\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*</a>`)

  const get = async (url: string, staff: TestStaff = admin) => app.inject({ url, headers: { cookie: await startSession(app, staff.id) } })

  it('are for admins only', async () => {
    expect((await app.inject({ url: '/admin/invitations' })).statusCode).toBe(302)
    expect((await get('/admin/invitations', coach)).statusCode).toBe(403)
    expect((await get('/admin/invitations')).statusCode).toBe(200)
  })

  describe('invite someone', () => {
    it('shows every problem in an error summary', async () => {
      const form = await adminForm('/admin/invitations/new')
      const response = await postForm('/admin/invitations/new', form, { programme: '', name: '', email: 'not an email', phone: '12' })
      expect(response.statusCode).toBe(400)
      expect(pageTitle(response.body)).toBe('Error: Invite someone – Career conversations – NHS')
      expect(response.body).toContain('There is a problem')
      for (const [href, text] of [
        ['#programme', 'Select a programme'],
        ['#name', 'Enter their name'],
        ['#email', 'Enter an email address in the correct format, like name@example.com'],
        ['#phone', 'Enter a phone number, like 07700 900 982 or +44 7700 900 982'],
      ]) {
        expect(response.body).toMatch(summaryLink(href!, text!))
      }
      expect(response.body).toContain('value="not an email"') // what was typed stays
    })

    it('invites, then says so; the same address again is refused', async () => {
      const form = await adminForm('/admin/invitations/new')
      const response = await postForm('/admin/invitations/new', form, {
        programme: programme.id,
        name: 'Sam Taylor',
        email: 'Sam.Taylor@example.com',
        phone: '07700 900982',
        note: 'Vaccinator, Leeds',
      })
      expect(response.statusCode, response.body).toBe(303)
      const [invitation] = await invitationsOf(programme.id)
      expect(invitation).toMatchObject({ name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '07700 900982', note: 'Vaccinator, Leeds', status: 'sent' })
      expect(response.headers.location).toBe(`/admin/invitations?invited=${invitation!.id}`)
      expect((await waitingJobs(app, 'send-email')).map((job) => job.payload)).toContainEqual({ email: 'invitation', invitationId: invitation!.id })

      const list = await get(response.headers.location as string)
      expect(list.body).toContain('Sam Taylor has been invited')
      expect(list.body).toContain('sam.taylor@example.com')
      expect(list.body).toContain('Not sent yet') // no worker here: the email is waiting
      // Its status says the same, not "Sent" beside "Not sent yet".
      expect(list.body).toMatch(/<strong class="nhsuk-tag nhsuk-tag--blue">\s*Waiting to send\s*<\/strong>/)

      const again = await postForm('/admin/invitations/new', form, { programme: programme.id, name: 'Sam T', email: 'sam.taylor@example.com' })
      expect(again.statusCode).toBe(400)
      expect(again.body).toMatch(summaryLink('#email', 'This person has already been invited to this programme'))
      expect(await invitationsOf(programme.id)).toHaveLength(1)

      const rows = await auditRows(app, 'invitation.created')
      expect(rows).toEqual([
        {
          actor: `staff:${admin.id}`,
          action: 'invitation.created',
          subject_type: 'invitation',
          subject_id: invitation!.id,
          result: 'success',
          details: { programmeId: programme.id, via: 'page' },
        },
      ])
      expectNoPersonalData(rows, ['Sam Taylor'])
    })

    it('needs the form’s CSRF token', async () => {
      const form = await adminForm('/admin/invitations/new')
      const response = await postForm('/admin/invitations/new', { cookie: form.cookie }, { programme: programme.id, name: 'No Token', email: 'no.token@example.com' })
      expect(response.statusCode).toBe(403)
      expect((await invitationsOf(programme.id)).map((row) => row.email)).not.toContain('no.token@example.com')
    })
  })

  describe('invite a list', () => {
    it('offers a template to download', async () => {
      const response = await get('/admin/invitations/template.csv')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toBe('attachment; filename="invitations-template.csv"')
      expect(response.body).toBe('\uFEFFname,email,phone,note\r\n')
      const page = await get('/admin/invitations/upload')
      expect(page.body).toContain('href="/admin/invitations/template.csv"')
      expect(page.body).toContain('enctype="multipart/form-data"')
    })

    it('invites the good rows and lists the others with what is wrong', async () => {
      const form = await adminForm('/admin/invitations/upload')
      const csv =
        '\uFEFFname,email,phone,note\r\n' +
        'Ali Khan,ali.khan@example.com,07700 900123,Leeds\r\n' +
        'Bea Jones,bea.jones@example.com,,\r\n' +
        'No Email,,,\r\n' +
        'Sam Again,SAM.TAYLOR@example.com,,\r\n' + // invited above
        'Chris Lee,chris.example.com,,\r\n' +
        'Ali Again,ali.khan@example.com,,\r\n'
      const response = await upload(form, { programme: programme.id }, { name: 'people.csv', content: csv })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.body).toContain('<h1>2 people invited</h1>')
      expect(response.body).toContain('4 rows not invited')
      const table = response.body.slice(response.body.indexOf('<tbody'))
      const cells = [...table.matchAll(/<td class="nhsuk-table__cell">\s*([^<]+?)\s*<\/td>/g)].map((match) => match[1])
      expect(cells).toEqual([
        '4',
        'email',
        'Enter their email address',
        '5',
        'email',
        'This person has already been invited to this programme',
        '6',
        'email',
        'Enter an email address in the correct format, like name@example.com',
        '7',
        'email',
        'This email address is already in row 2 of the file',
      ])
      expect((await invitationsOf(programme.id)).map((row) => row.email)).toEqual([
        'ali.khan@example.com',
        'bea.jones@example.com',
        'sam.taylor@example.com',
      ])

      // The same file again invites nobody twice.
      const again = await upload(await adminForm('/admin/invitations/upload'), { programme: programme.id }, { name: 'people.csv', content: csv })
      expect(again.body).toContain('<h1>0 people invited</h1>')
      expect(again.body).toContain('6 rows not invited')
      expect(await invitationsOf(programme.id)).toHaveLength(3)

      const rows = await auditRows(app, 'invitation.imported')
      expect(rows.slice(-2).map((row) => row.details)).toEqual([
        { via: 'csv', rows: 6, invited: 2, notInvited: 4 },
        { via: 'csv', rows: 6, invited: 0, notInvited: 6 },
      ])
      expect(rows.at(-1)).toMatchObject({ actor: `staff:${admin.id}`, subject_type: 'programme', subject_id: programme.id })
      const created = await auditRows(app, 'invitation.created')
      expect(created.filter((row) => row.details.via === 'csv')).toHaveLength(2)
      expectNoPersonalData(rows, ['Ali Khan', 'Bea Jones'])
    })

    it('needs the CSRF token in the form: without it, or with another browser’s, nothing is read or invited', async () => {
      const csv = 'name,email\nToken Less,token.less@example.com\n'
      const form = await adminForm('/admin/invitations/upload')
      const missing = await upload({ cookie: form.cookie }, { programme: other.id }, { name: 'people.csv', content: csv })
      expect(missing.statusCode).toBe(403)
      const otherBrowser = await adminForm('/admin/invitations/upload')
      const foreign = await upload({ cookie: form.cookie, csrfToken: otherBrowser.csrfToken }, { programme: other.id }, { name: 'people.csv', content: csv })
      expect(foreign.statusCode).toBe(403)
      // Coaches never get as far as the form.
      const coachForm = await formSession(app, await startSession(app, coach.id))
      expect((await upload(coachForm, { programme: other.id }, { name: 'people.csv', content: csv })).statusCode).toBe(403)
      expect(await invitationsOf(other.id)).toEqual([])
    })

    it('also takes the token in the x-csrf-token header (for a page script), as every other form does', async () => {
      const form = await adminForm('/admin/invitations/upload')
      const body = multipartForm({ programme: other.id }, { name: 'people.csv', content: 'name,email\nHedda Header,hedda@example.com\n' })
      const response = await app.inject({
        method: 'POST',
        url: '/admin/invitations/upload',
        headers: { cookie: form.cookie, 'x-csrf-token': form.csrfToken, ...body.headers },
        payload: body.payload,
      })
      expect(response.statusCode).toBe(200)
      expect(response.body).toContain('<h1>1 person invited</h1>')
      expect((await invitationsOf(other.id)).map((row) => row.email)).toEqual(['hedda@example.com'])
      await app.pg.query(`UPDATE invitations SET status = 'withdrawn' WHERE email = 'hedda@example.com'`)
    })

    it('says what is wrong with the file itself, and invites nobody from it', async () => {
      const cases: [Parameters<typeof multipartForm>[1] | undefined, string, string?][] = [
        [undefined, 'Select a CSV file'],
        [{ name: '', content: '', type: 'application/octet-stream' }, 'Select a CSV file'], // the browser's "no file chosen"
        [{ name: 'people.xlsx', content: 'PK\u0003\u0004' }, 'The selected file must be a CSV'],
        [{ name: 'people.csv', content: '' }, 'The selected file is empty'],
        [{ name: 'people.csv', content: 'a'.repeat(1024 * 1024 + 1) }, 'The selected file must be smaller than 1MB'],
        [{ name: 'people.csv', content: 'Sam,sam@example.com\n' }, 'The first row of the file must name the columns'],
        [
          { name: 'people.csv', content: ['name,email', ...Array.from({ length: 1001 }, (_, i) => `P ${i},p${i}@example.com`)].join('\n') },
          'The selected file has 1,001 people in it. Upload 1,000 or fewer at a time',
        ],
        [{ name: 'people.csv', content: 'name,email\nSam,sam@example.com\n' }, 'Select a programme', ''],
      ]
      for (const [file, message, programmeId = other.id] of cases) {
        const response = await upload(await adminForm('/admin/invitations/upload'), { programme: programmeId }, file)
        expect(response.statusCode, message).toBe(400)
        expect(response.body).toContain('There is a problem')
        expect(response.body).toContain(message)
      }
      expect((await invitationsOf(other.id)).filter((row) => row.status !== 'withdrawn')).toEqual([])
    })
  })

  describe('the list', () => {
    it('filters by status and programme', async () => {
      const form = await adminForm('/admin/invitations/new')
      await postForm('/admin/invitations/new', form, { programme: other.id, name: 'Dee Support', email: 'dee@example.com' })

      const byProgramme = await get(`/admin/invitations?programme=${other.id}`)
      expect(byProgramme.body).toContain('dee@example.com')
      expect(byProgramme.body).not.toContain('sam.taylor@example.com')
      expect(byProgramme.body).toContain(`<option value="${other.id}" selected>`)

      const sent = await get(`/admin/invitations?status=sent&programme=${programme.id}`)
      expect(sent.body).toContain('sam.taylor@example.com')
      expect(sent.body).not.toContain('dee@example.com')

      const none = await get('/admin/invitations?status=expired')
      expect(none.body).toContain('No invitations match these filters.')
      expect((await get('/admin/invitations?status=lost')).statusCode).toBe(400)
    })

    it('sends a page past the end back to the last page, and shows no count for it', async () => {
      const past = await get(`/admin/invitations?programme=${programme.id}&page=7`)
      expect(past.statusCode).toBe(200)
      expect(past.body).not.toContain('Showing ')
      expect(past.body).toContain('There are no invitations on this page.')
      expect(past.body).toMatch(new RegExp(`href="/admin/invitations\\?programme=${programme.id}"[^>]*>[\\s\\S]*?Newer invitations`))
      expect(past.body).not.toContain('Older invitations')
    })
  })

  describe('withdraw', () => {
    it('asks first, then withdraws; the page then says it cannot be withdrawn again', async () => {
      const invitation = (await invitationsOf(programme.id)).find((row) => row.email === 'sam.taylor@example.com')
      const url = `/admin/invitations/${invitation!.id}/withdraw`
      const list = await get('/admin/invitations')
      expect(list.body).toContain(`href="${url}"`)

      const confirm = await get(url)
      expect(confirm.statusCode).toBe(200)
      expect(confirm.body).toContain('Withdraw the invitation to Sam Taylor?')

      const form = await adminForm(url)
      expect((await postForm(url, { cookie: form.cookie }, {})).statusCode).toBe(403)
      const done = await postForm(url, form, {})
      expect(done.statusCode).toBe(303)
      expect(done.headers.location).toBe(`/admin/invitations?withdrawn=${invitation!.id}`)
      expect((await get(done.headers.location as string)).body).toContain('The invitation to Sam Taylor has been withdrawn')
      expect((await invitationsOf(programme.id)).find((row) => row.id === invitation!.id)?.status).toBe('withdrawn')

      const after = await get(url)
      expect(after.body).toContain('This invitation cannot be withdrawn')
      expect(after.body).not.toContain('Withdraw invitation</button>')
      expect((await get(`/admin/invitations/00000000-0000-4000-8000-000000000000/withdraw`)).statusCode).toBe(404)

      const rows = await auditRows(app, 'invitation.withdrawn')
      expect(rows).toEqual([
        { actor: `staff:${admin.id}`, action: 'invitation.withdrawn', subject_type: 'invitation', subject_id: invitation!.id, result: 'success', details: { programmeId: programme.id, via: 'page' } },
      ])
    })
  })
})
