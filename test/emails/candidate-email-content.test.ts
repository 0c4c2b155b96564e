import { describe, expect, it } from 'vitest'
import { preparationEmail, reminderEmail, type BookingForEmail } from '../../src/emails/booking-emails.js'
import { programmeModel, type ConversationModel } from '../../src/domain/conversation-models/index.js'

const booking: BookingForEmail = {
  id: '00000000-0000-4000-8000-000000000002',
  reference: 'CC-ABCDEF',
  status: 'booked',
  start: new Date('2026-03-30T08:00:00Z'),
  end: new Date('2026-03-30T08:45:00Z'),
  sequence: 0,
  candidate: { name: 'Jo Bloggs', email: 'jo@example.com', phone: null, timeZone: 'Europe/London' },
  contactMethod: 'video',
  videoLink: null,
  accessibilityNeeds: null,
  coach: { name: 'Amina Okafor', email: 'amina@example.com', timeZone: 'Europe/London' },
  programme: { name: 'P', slug: 'p', modelKey: 'four-stage' },
}
const links = { publicUrl: 'https://careers.example.nhs.uk', manageUrl: 'https://careers.example.nhs.uk/bookings/manage/x' }

/** The preparation email asks what the candidate's preparation form asks: the programme's model, stage by stage. */
describe('the preparation email', () => {
  it("lists each stage's preparation area and questions, then the reflection questions, from the model it is given", () => {
    const base = programmeModel('four-stage')
    const [first, ...rest] = base.stages
    const model: ConversationModel = {
      ...base,
      stages: [
        { ...first!, preparation: { ...first!.preparation, title: 'Where you are now', questions: [{ key: 'whereNow', label: 'What do you enjoy most at work?' }] } },
        ...rest,
      ],
      reflectionQuestions: [{ key: 'oneThing', label: 'What one thing would you change?' }],
    }
    const email = preparationEmail(booking, links, model)
    // Area titles are in capitals in the plain-text part.
    const titles = (text: string) => text.toUpperCase()
    expect(email.text).toContain(titles('Where you are now'))
    expect(email.html).toContain('Where you are now')
    expect(email.text).toContain('What do you enjoy most at work?')
    expect(email.text).toContain('What one thing would you change?')
    expect(email.text).not.toContain(titles(first!.preparation.title))
    for (const stage of rest) expect(email.text).toContain(titles(stage.preparation.title))
    expect(email.text.indexOf(titles('Where you are now'))).toBeLessThan(email.text.indexOf(titles(rest[0]!.preparation.title)))
  })
})

describe('the preparation email on the short form', () => {
  it('asks the eight questions in the four areas, with no separate reflection questions', () => {
    const email = preparationEmail(booking, links, programmeModel('four-stage'))
    expect(email.text.match(/^- /gm)).toHaveLength(8)
    expect(email.text).toContain('- What are your strengths and skills?')
    expect(email.text).not.toContain('QUESTIONS TO THINK ABOUT')
    expect(email.html).not.toContain('Questions to think about')
  })
})

/** Reminders go when the programme chose (a week, 2 days, a day, hours before): each says how far off the call is. */
describe('the reminder email', () => {
  it.each([
    [7 * 24 * 60, 'Reminder: your career conversation starts in 1 week'],
    [2 * 24 * 60, 'Reminder: your career conversation starts in 2 days'],
    [24 * 60, 'Reminder: your career conversation is tomorrow'],
    [2 * 60, 'Reminder: your career conversation starts in 2 hours'],
    [60, 'Reminder: your career conversation starts in 1 hour'],
    [30, 'Reminder: your career conversation starts in 30 minutes'],
  ])('%i minutes before: "%s"', (offset, subject) => {
    expect(reminderEmail(booking, links, offset).subject).toBe(subject)
  })
})
