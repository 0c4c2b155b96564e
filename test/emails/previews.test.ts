import { describe, expect, it } from 'vitest'
import { emailPreviews } from '../../src/emails/previews.js'

describe('email previews', () => {
  const previews = emailPreviews('https://careers.example.nhs.uk', new Date('2026-03-02T08:00:00Z'))

  it('cover every message the service sends', () => {
    expect(previews.map((p) => p.key)).toEqual([
      'invitation',
      'booking-confirmation',
      'booking-confirmation-video',
      'preparation',
      'reminder-24h',
      'reminder-1h',
      'booking-changed',
      'booking-coach-changed',
      'video-link-changed',
      'booking-cancelled',
      'new-manage-link',
      'email-code',
      'already-booked',
      'waitlist-joined',
      'waitlist-offer',
      'webhook-switched-off',
      'calendar-sync-failing',
      'conversation-summary',
      'action-check-in',
      'conversation-feedback',
      'outcome-follow-up',
      'coach-booked',
      'coach-changed',
      'coach-cancelled',
      'overdue-actions-digest',
      'failing-emails-digest',
      'new-account',
      'password-reset',
      'coach-daily-agenda',
    ])
  })

  it('shows the invitation as a link issued now would read: it works until the day before 60 days are up', () => {
    const invitation = previews.find((p) => p.key === 'invitation')!.email
    // Issued Monday 2 March 2026, 8am UTC: it stops working on 1 May at 9am UK time.
    expect(invitation.text).toContain('Thursday 30 April 2026')
  })

  for (const { key, email } of previews) {
    it(`${key}: a short subject and both parts, fully rendered, Outlook-safe`, () => {
      expect(email.subject.length).toBeGreaterThan(5)
      expect(email.subject.length).toBeLessThanOrEqual(60)
      expect(email.text).not.toMatch(/{{|{%|undefined|\[object Object\]|NaN/)
      expect(email.html).not.toMatch(/{{|{%|undefined|\[object Object\]|NaN/)
      expect(email.html).toMatch(/^<!DOCTYPE html>/)
      expect(email.html).toContain('role="presentation"')
      expect(email.html).not.toMatch(/<script|<img|<link|<style/i)
      expect(email.text).not.toMatch(/<[a-z]/i)
      const hrefs = [...email.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1])
      // Every email links back to the service; signposted resources may link elsewhere, always over https.
      expect(hrefs.some((href) => href?.startsWith('https://careers.example.nhs.uk/'))).toBe(true)
      for (const href of hrefs) expect(href).toMatch(/^https:\/\//)
    })
  }
})
