import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import ICAL from 'ical.js'
import { TestClock, useMailingTestApp } from '../helper.js'
import type { ReceivedEmail } from '../support/smtp.js'
import { runDueJobs, waitingJobs } from '../support/jobs.js'
import { pageBrowser, type PageBrowser } from '../support/staff.js'
import { asCandidate, createConversation, notesTeam, signedIn, type SignedIn } from '../notes/notes-fixtures.js'
import { VIDEO_LINK_NOTICE_DELAY_MS } from '../../src/emails/booking-notifications.js'

/**
 * Video call links, end to end over real PostgreSQL and SMTP: a coach's
 * usual link, a conversation's own link, who is emailed when either changes,
 * and where the link shows (dashboard, candidate's page and API, emails,
 * calendar invitations). The clock runs some weeks after the real date, so
 * the job queue's "later" is later for the database too.
 */
describe('video call links', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const at = (days: number, hour: number) => monday.plus({ days }).set({ hour }).toJSDate().toISOString()
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()) })
  let programmeId: string
  let coach: SignedIn
  let otherCoach: SignedIn
  let admin: SignedIn
  let coachPages: PageBrowser

  beforeAll(async () => {
    ;({ programmeId, coach, otherCoach, admin } = await notesTeam(t.app, { coach: 'Amina Okafor', otherCoach: 'Ben Carter', admin: 'Priya Shah' }))
    coachPages = pageBrowser(t.app, { cookie: coach.cookie })
  })
  beforeEach(async () => {
    await t.app.pg.query(`UPDATE coaches SET video_link = NULL`)
  })

  const videoCall = (start: string, name = 'Sam Taylor', coachId = coach.coachId!) =>
    createConversation(t.app, programmeId, coachId, start, { name, phone: null, email: `${name.split(' ')[0]!.toLowerCase()}.${Date.now()}@example.com` })
  const linkNotices = async () =>
    (await waitingJobs(t.app, 'send-email')).filter((job) => job.payload.email === 'video-link-changed').map((job) => job.payload.bookingId)
  const sendDueEmails = () => runDueJobs(t.app, new Date(t.clock.now().getTime() + VIDEO_LINK_NOTICE_DELAY_MS + 60_000))
  const coachLinkOf = async (coachId: string) =>
    (await t.app.pg.query<{ video_link: string | null }>(`SELECT video_link FROM coaches WHERE id = $1`, [coachId])).rows[0]!.video_link
  const errorSummaryOf = (html: string) => html.match(/nhsuk-error-summary__list[\s\S]*?<a href="([^"]+)">([^<]+)<\/a>/)?.slice(1).map((part) => part.trim())
  const eventOf = (email: ReceivedEmail) => {
    const ics = email.parsed.attachments.find((attachment) => attachment.mimeType === 'text/calendar')
    const content = typeof ics!.content === 'string' ? ics!.content : new TextDecoder().decode(ics!.content as ArrayBuffer)
    return new ICAL.Component(ICAL.parse(content)).getFirstSubcomponent('vevent')!
  }

  it('a coach adds their usual link: each upcoming video call that uses it is emailed it once, with the calendar updated', async () => {
    const upcoming = await videoCall(at(2, 10), 'Sam Taylor')
    const ownLink = await videoCall(at(2, 11), 'Ola Adeyemi')
    await t.app.pg.query(`UPDATE bookings SET video_link = 'https://own.example.nhs.uk/ola' WHERE id = $1`, [ownLink.id])
    await createConversation(t.app, programmeId, coach.coachId!, at(2, 12), { name: 'Pat Phone' })
    const cancelled = await videoCall(at(3, 10), 'Cal Cancelled')
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate' WHERE id = $1`, [cancelled.id])
    await videoCall(monday.minus({ days: 1 }).toJSDate().toISOString(), 'Pam Past')

    const form = await coachPages.get('/coach/availability/video-link')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Video call link')

    const refused = await coachPages.post('/coach/availability/video-link', { videoLink: 'http://zoom.us/j/1' })
    expect(refused.statusCode).toBe(400)
    expect(errorSummaryOf(refused.body)).toEqual(['#videoLink', 'Video call link must start with https:// (a secure link)'])
    expect(refused.body).toContain('value="http://zoom.us/j/1"')
    expect(await coachLinkOf(coach.coachId!)).toBeNull()

    const saved = await coachPages.post('/coach/availability/video-link', { videoLink: 'https://meet.example.nhs.uk/amina' })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe('/coach/availability?saved=video-link')
    expect(await coachLinkOf(coach.coachId!)).toBe('https://meet.example.nhs.uk/amina')
    const overview = await coachPages.get('/coach/availability?saved=video-link')
    expect(overview.body).toContain('Video call link saved')
    expect(overview.body).toContain('https://meet.example.nhs.uk/amina')
    expect(await linkNotices()).toEqual([upcoming.id])

    // The same link again changes nothing for anyone.
    expect((await coachPages.post('/coach/availability/video-link', { videoLink: 'https://meet.example.nhs.uk/amina' })).statusCode).toBe(303)
    expect(await linkNotices()).toEqual([upcoming.id])

    await sendDueEmails()
    const [email] = await t.smtp.waitFor(1)
    expect(t.smtp.received).toHaveLength(1)
    expect(email!.envelopeTo[0]).toMatch(/^sam\./)
    expect(email!.parsed.subject).toBe('How to join your career conversation')
    expect(email!.parsed.text).toContain('How: By video: https://meet.example.nhs.uk/amina')
    expect(email!.parsed.html).toContain('<a href="https://meet.example.nhs.uk/amina"')
    const event = eventOf(email!)
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.nhs.uk/amina')
    const { rows: uidRows } = await t.app.pg.query('SELECT calendar_uid FROM bookings WHERE id = $1', [upcoming.id])
    expect(uidRows[0].calendar_uid).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(event.getFirstPropertyValue('uid')).toBe(uidRows[0].calendar_uid)
    // A new version of the event: calendars replace the one they hold.
    expect(event.getFirstPropertyValue('sequence')).toBe(1)

    const audit = await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'availability.change' AND subject_id = $1`, [coach.coachId])
    expect(audit.rows.map((row) => row.details.change)).toEqual(['video_link', 'video_link'])
  })

  it('an admin can set a coach’s usual link, and removing it tells the candidates the old one no longer works', async () => {
    const upcoming = await videoCall(at(4, 10), 'Kim Lee', otherCoach.coachId!)
    const adminPages = pageBrowser(t.app, { cookie: admin.cookie })
    const base = `/admin/coaches/${otherCoach.coachId}/availability`
    expect((await adminPages.post(`${base}/video-link`, { videoLink: 'https://meet.example.nhs.uk/ben' })).headers.location).toBe(`${base}?saved=video-link`)
    expect(await coachLinkOf(otherCoach.coachId!)).toBe('https://meet.example.nhs.uk/ben')
    await sendDueEmails()
    await t.smtp.waitFor(1)

    const removed = await adminPages.post(`${base}/video-link`, { videoLink: '' })
    expect(removed.headers.location).toBe(`${base}?saved=video-link-removed`)
    expect(await coachLinkOf(otherCoach.coachId!)).toBeNull()
    expect(await linkNotices()).toEqual([upcoming.id])
    await sendDueEmails()
    const [, second] = await t.smtp.waitFor(2)
    expect(second!.parsed.subject).toBe('Your video call link has changed')
    expect(second!.parsed.text).toContain('Ben will send you a new link before the call')
    expect(eventOf(second!).getFirstPropertyValue('location')).toBeNull()
  })

  it('a conversation’s own link wins, is emailed once however often it is corrected, and shows to coach and candidate', async () => {
    await t.app.pg.query(`UPDATE coaches SET video_link = 'https://meet.example.nhs.uk/amina' WHERE id = $1`, [coach.coachId])
    const call = await videoCall(at(2, 14), 'Ria Shah')
    const page = `/coach/conversations/${call.id}/video-link`

    const form = await coachPages.get(page)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Video call link for this conversation')
    expect(form.body).toContain('your usual one (https://meet.example.nhs.uk/amina)')

    const refused = await coachPages.post(page, { videoLink: 'https://alex:secret@zoom.us/j/1' })
    expect(refused.statusCode).toBe(400)
    expect(errorSummaryOf(refused.body)).toEqual(['#videoLink', 'Video call link must not contain a user name or password'])

    expect((await coachPages.post(page, { videoLink: 'https://room.example.nhs.uk/first' })).headers.location).toBe('/coach?saved=video-link-sent')
    expect((await coachPages.post(page, { videoLink: 'https://room.example.nhs.uk/second' })).headers.location).toBe('/coach?saved=video-link-sent')
    expect(await linkNotices()).toEqual([call.id])
    await sendDueEmails()
    await t.smtp.waitFor(1)
    expect(t.smtp.received).toHaveLength(1)
    expect(t.smtp.received[0]!.parsed.text).toContain('https://room.example.nhs.uk/second')
    expect(t.smtp.received[0]!.parsed.text).not.toContain('https://room.example.nhs.uk/first')

    const dashboard = await coachPages.get('/coach?saved=video-link-sent')
    expect(dashboard.body).toContain('Video call link saved. We will email it to the candidate.')
    expect(dashboard.body).toContain('href="https://room.example.nhs.uk/second"')
    expect(dashboard.body).toContain(`href="${page}">Change link<span class="nhsuk-u-visually-hidden"> to join the video call with Ria Shah`)

    const api = await asCandidate(t.app, call.token, 'GET', `/api/v1/bookings/${call.id}`)
    expect(api.json().booking.videoLink).toBe('https://room.example.nhs.uk/second')
    const manage = await t.app.inject({ url: `/bookings/manage/${call.token}` })
    expect(manage.body).toMatch(/Video call: <a class="nhsuk-link app-video-link" href="https:\/\/room.example.nhs.uk\/second"/)
    const calendar = await t.app.inject({ url: `/bookings/manage/${call.token}/calendar.ics` })
    expect(calendar.body).toContain('LOCATION:https://room.example.nhs.uk/second')
    // The same event as the invitations: the booking's stored UID.
    const stored = (await t.app.pg.query('SELECT calendar_uid FROM bookings WHERE id = $1', [call.id])).rows[0].calendar_uid as string
    expect(stored).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(calendar.body).toContain(`UID:${stored}\r\n`)

    // Back to the usual link: the candidate's link changes again, so they are told again.
    expect((await coachPages.post(page, { videoLink: '' })).headers.location).toBe('/coach?saved=video-link-sent')
    expect((await asCandidate(t.app, call.token, 'GET', `/api/v1/bookings/${call.id}`)).json().booking.videoLink).toBe('https://meet.example.nhs.uk/amina')
    expect(await linkNotices()).toEqual([call.id])
    // Setting their own link to the usual one changes nothing the candidate sees: no email.
    await sendDueEmails()
    await t.smtp.waitFor(2)
    expect((await coachPages.post(page, { videoLink: 'https://meet.example.nhs.uk/amina' })).headers.location).toBe('/coach?saved=video-link-saved')
    expect(await linkNotices()).toEqual([])

    const audit = await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'booking.video_link_change' AND subject_id = $1 ORDER BY id`, [call.id])
    expect(audit.rows.map((row) => row.details)).toEqual([
      { own_link: true, candidate_told: true },
      { own_link: true, candidate_told: true },
      { own_link: false, candidate_told: true },
      { own_link: true, candidate_told: false },
    ])
  })

  it('is only for the coach’s own video calls still to come', async () => {
    const theirs = await videoCall(at(2, 15), 'Otto Other', otherCoach.coachId!)
    expect((await coachPages.get(`/coach/conversations/${theirs.id}/video-link`)).statusCode).toBe(404)
    expect((await coachPages.post(`/coach/conversations/${theirs.id}/video-link`, { videoLink: 'https://x.example.nhs.uk/1' })).statusCode).toBe(404)
    expect((await coachPages.get(`/coach/conversations/not-an-id/video-link`)).statusCode).toBe(404)
    const phone = await createConversation(t.app, programmeId, coach.coachId!, at(2, 16), { name: 'Pat Phone' })
    const phonePage = await coachPages.get(`/coach/conversations/${phone.id}/video-link`)
    expect(phonePage.statusCode).toBe(409)
    expect(phonePage.body).toContain('Only a video call that has not started yet can have its link changed')
    const past = await videoCall(monday.minus({ hours: 2 }).toJSDate().toISOString(), 'Pam Past')
    expect((await coachPages.post(`/coach/conversations/${past.id}/video-link`, { videoLink: 'https://x.example.nhs.uk/1' })).statusCode).toBe(409)
    const rows = await t.app.pg.query(`SELECT video_link FROM bookings WHERE id = ANY($1)`, [[theirs.id, phone.id, past.id]])
    expect(rows.rows.every((row) => row.video_link === null)).toBe(true)
    expect(await linkNotices()).toEqual([])
  })

  it('warns the coach about video calls nobody can join yet', async () => {
    const newCoach = await signedIn(t.app, 'coach', 'Nia Brown')
    const call = await videoCall(at(1, 10), 'Zed Young', newCoach.coachId!)
    const pages = pageBrowser(t.app, { cookie: newCoach.cookie })
    const before = await pages.get('/coach')
    expect(before.body).toContain('Video calls without a link')
    expect(before.body).toContain('1 video call has no link to join yet')
    expect(before.body).toContain('Video (no link yet)')
    expect(before.body).toContain(`href="/coach/conversations/${call.id}/video-link">Add link`)
    await t.app.pg.query(`UPDATE coaches SET video_link = 'https://meet.example.nhs.uk/nia' WHERE id = $1`, [newCoach.coachId])
    const after = await pages.get('/coach')
    expect(after.body).not.toContain('Video calls without a link')
    expect(after.body).toContain('href="https://meet.example.nhs.uk/nia"')
  })

  it('stays with its coach when the conversation moves to another coach', async () => {
    await t.app.pg.query(`UPDATE coaches SET video_link = 'https://meet.example.nhs.uk/ben' WHERE id = $1`, [otherCoach.coachId])
    await t.app.pg.query(`INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)`, [programmeId, otherCoach.coachId])
    await t.app.pg.query(`INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, 4, 540, 1020)`, [otherCoach.coachId])
    const call = await videoCall(at(3, 9), 'Max Moved') // 9am: on the slot grid, so the other coach can take it
    await t.app.pg.query(`UPDATE bookings SET video_link = 'https://room.example.nhs.uk/amina-only' WHERE id = $1`, [call.id])
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${call.id}/reassign`,
      headers: { cookie: admin.cookie },
      payload: { coachId: otherCoach.coachId, reason: 'Coach unwell' },
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().booking.videoLink).toBe('https://meet.example.nhs.uk/ben')
    const row = await t.app.pg.query(`SELECT video_link FROM bookings WHERE id = $1`, [call.id])
    expect(row.rows[0].video_link).toBeNull()
  })
})
