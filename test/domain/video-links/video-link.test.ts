import { describe, expect, it } from 'vitest'
import { effectiveVideoLink, joiningLine, parseVideoLink } from '../../../src/domain/video-links/index.js'

describe('a video call link', () => {
  it('keeps secure web addresses, in the parser’s own spelling', () => {
    expect(parseVideoLink('https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc')).toEqual({
      ok: true,
      link: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc',
    })
    expect(parseVideoLink('  HTTPS://Zoom.US/j/123456?pwd=abc  ')).toEqual({ ok: true, link: 'https://zoom.us/j/123456?pwd=abc' })
    expect(parseVideoLink('https://meet.example.nhs.uk')).toEqual({ ok: true, link: 'https://meet.example.nhs.uk/' })
  })

  it('takes an empty answer as no link', () => {
    expect(parseVideoLink('')).toEqual({ ok: true, link: null })
    expect(parseVideoLink('   ')).toEqual({ ok: true, link: null })
    expect(parseVideoLink(undefined)).toEqual({ ok: true, link: null })
  })

  it.each([
    ['http://zoom.us/j/1', 'Video call link must start with https:// (a secure link)'],
    ['javascript:alert(1)', 'Enter a video call link that starts with https://, like https://teams.microsoft.com/l/meetup-join/…'],
    ['zoom.us/j/1', 'Enter a video call link in the correct format, like https://teams.microsoft.com/l/meetup-join/…'],
    ['https://zoom.us/j/1 and more', 'Video call link must not contain spaces, like https://teams.microsoft.com/l/meetup-join/…'],
    ['https://alex:secret@zoom.us/j/1', 'Video call link must not contain a user name or password'],
    ['https://localhost/room', 'Enter a video call link in the correct format, like https://teams.microsoft.com/l/meetup-join/…'],
    ['https://10.0.0.1/room', 'Enter a video call link in the correct format, like https://teams.microsoft.com/l/meetup-join/…'],
    [`https://zoom.us/${'a'.repeat(500)}`, 'Video call link must be 500 characters or fewer'],
  ])('refuses %s, saying why', (text, message) => {
    expect(parseVideoLink(text)).toEqual({ ok: false, message })
  })

  it('is the conversation’s own link, else the coach’s, and never for a phone call', () => {
    expect(effectiveVideoLink('video', 'https://a.example/1', 'https://b.example/2')).toBe('https://a.example/1')
    expect(effectiveVideoLink('video', null, 'https://b.example/2')).toBe('https://b.example/2')
    expect(effectiveVideoLink('video', null, null)).toBeNull()
    expect(effectiveVideoLink('phone', 'https://a.example/1', 'https://b.example/2')).toBeNull()
  })

  it('tells the candidate how they will talk', () => {
    const base = { coachFirstName: 'Alex', phone: '07700 900123' }
    expect(joiningLine({ ...base, contactMethod: 'phone', videoLink: null })).toBe('Alex will phone you on 07700 900123')
    expect(joiningLine({ ...base, contactMethod: 'video', videoLink: 'https://a.example/1' })).toBe('By video')
    // No link yet: what happens at the start time.
    expect(joiningLine({ ...base, contactMethod: 'video', videoLink: null, phone: '07700 900123' })).toBe(
      `By video: ${base.coachFirstName} will email you a link to join before the call. If you have not had it by the start time, ${base.coachFirstName} will phone you on 07700 900123 instead`,
    )
    expect(joiningLine({ ...base, contactMethod: 'video', videoLink: null, phone: null })).toBe(
      `By video: ${base.coachFirstName} will email you a link to join before the call. If you have not had it by the start time, check your junk or spam folder, then open your booking: the link will be there as soon as ${base.coachFirstName} adds it`,
    )
  })
})
