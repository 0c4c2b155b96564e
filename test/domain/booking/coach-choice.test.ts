import { describe, expect, it } from 'vitest'
import { orderByFairShare, weekAround } from '../../../src/domain/booking/coach-choice.js'

const at = (iso: string) => new Date(iso)

describe('fair share of bookings', () => {
  it('puts the coach with the fewest conversations that week first', () => {
    expect(
      orderByFairShare([
        { coachId: 'a', conversationsThatWeek: 3, lastAssignedAt: null },
        { coachId: 'b', conversationsThatWeek: 1, lastAssignedAt: at('2026-03-02T10:00:00Z') },
        { coachId: 'c', conversationsThatWeek: 2, lastAssignedAt: null },
      ]),
    ).toEqual(['b', 'c', 'a'])
  })

  it('takes ties in turn: never given one first, then least recently given one, then by id', () => {
    expect(
      orderByFairShare([
        { coachId: 'd', conversationsThatWeek: 1, lastAssignedAt: at('2026-03-02T10:00:00Z') },
        { coachId: 'c', conversationsThatWeek: 1, lastAssignedAt: at('2026-03-01T10:00:00Z') },
        { coachId: 'b', conversationsThatWeek: 1, lastAssignedAt: null },
        { coachId: 'a', conversationsThatWeek: 1, lastAssignedAt: null },
      ]),
    ).toEqual(['a', 'b', 'c', 'd'])
  })

  it('puts a preferred coach (their hold, or the booking’s own coach) first when they are among the free', () => {
    const loads = [
      { coachId: 'a', conversationsThatWeek: 0, lastAssignedAt: null },
      { coachId: 'b', conversationsThatWeek: 5, lastAssignedAt: null },
    ]
    expect(orderByFairShare(loads, 'b')).toEqual(['b', 'a'])
    expect(orderByFairShare(loads, 'z')).toEqual(['a', 'b'])
    expect(orderByFairShare([], 'a')).toEqual([])
  })

  it('counts the week Monday to Sunday on the coach’s own clock, across a clock change', () => {
    // Sunday 29 March 2026, 11pm in London (BST): still the week of Monday 23 March
    const week = weekAround(at('2026-03-29T22:00:00Z'), 'Europe/London')
    expect(week.start.toISOString()).toBe('2026-03-23T00:00:00.000Z') // midnight GMT
    expect(week.end.toISOString()).toBe('2026-03-29T23:00:00.000Z') // midnight BST
    // the same instant is already Monday in Tokyo
    expect(weekAround(at('2026-03-29T22:00:00Z'), 'Asia/Tokyo').start.toISOString()).toBe('2026-03-29T15:00:00.000Z')
  })
})
