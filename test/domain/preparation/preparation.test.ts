import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_PREPARATION_ANSWER_LENGTH,
  preparationAreas,
  preparationFieldKeys,
  preparationQuestions,
  reflectionQuestions,
  shortFormAreas,
  validatePreparationAnswers,
} from '../../../src/domain/preparation/index.js'

describe('preparation content', () => {
  it('has the four areas in the order of the conversation', () => {
    expect(preparationAreas.map((area) => area.title)).toEqual([
      'Know yourself',
      'Explore possibilities',
      'Making choices',
      'Making it happen',
    ])
    for (const area of preparationAreas) {
      expect(area.intro.length).toBeGreaterThan(0)
      expect(area.questions.length).toBeGreaterThan(0)
    }
  })

  it('has reflection questions', () => {
    expect(reflectionQuestions.length).toBe(7)
  })

  it('gives every question a unique camelCase key', () => {
    const keys = preparationQuestions.map((question) => question.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/)
    const shortKeys = shortFormAreas.flatMap((area) => area.questions.map((question) => question.key))
    expect(new Set(shortKeys).size).toBe(shortKeys.length)
    for (const key of shortKeys) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/)
    expect([...preparationFieldKeys].sort()).toEqual([...new Set([...keys, ...shortKeys])].sort())
  })

  it('keeps published keys (answers are stored under them)', () => {
    expect(preparationQuestions.map((question) => question.key)).toEqual([
      'conversationGoal',
      'nextRoleGoal',
      'keyStrengths',
      'technicalSkills',
      'transferableSkills',
      'workValues',
      'interests',
      'rolesLookedAt',
      'questionsAboutRoles',
      'developmentNeeded',
      'skillsAndQualificationsAsked',
      'supportToGainThem',
      'oneDevelopmentNeed',
      'rolesOfInterest',
      'skillsForThoseRoles',
      'transferableSkillsForRoles',
      'learningFromRecentRole',
      'boostEmployability',
      'stepsToMakeItHappen',
      'helpWanted',
    ])
    expect(Object.fromEntries(shortFormAreas.map((area) => [area.key, area.questions.map((question) => question.key)]))).toEqual({
      knowYourself: ['conversationGoal', 'strengthsAndSkills', 'workValues'],
      explorePossibilities: ['rolesOfInterest', 'questionsAboutRoles'],
      makingChoices: ['developmentNeeded', 'supportWanted'],
      makingItHappen: ['oneDevelopmentNeed'],
    })
  })

  it('asks the one-development-need question in Making it happen', () => {
    expect(preparationAreas[3]?.questions.map((question) => question.label)).toEqual([
      'If you could work on just one development need, which would it be?',
    ])
  })
})

describe('the short form', () => {
  const shortQuestions = shortFormAreas.flatMap((area) => area.questions)

  it('asks one question per idea, about eight, in the four areas, each with a hint', () => {
    expect(shortFormAreas.map((area) => area.title)).toEqual(preparationAreas.map((area) => area.title))
    expect(shortQuestions).toHaveLength(8)
    for (const question of shortQuestions) expect(question.hint, question.key).toBeTruthy()
    const labels = shortQuestions.map((question) => question.label)
    expect(new Set(labels).size).toBe(labels.length)
  })

  it('keeps a first-form key only for the same question, with the same label', () => {
    for (const question of shortQuestions) {
      const first = preparationQuestions.find((q) => q.key === question.key)
      if (first) expect(question.label, question.key).toBe(first.label)
    }
  })

  it('asks nothing about roles, transferable skills or development twice', () => {
    const about = (pattern: RegExp) => shortQuestions.filter((question) => pattern.test(question.label))
    expect(about(/roles?\b/i)).toHaveLength(2) // which roles; what to find out about them
    expect(about(/transferable/i)).toHaveLength(0) // a hint of "strengths and skills"
    expect(about(/development/i)).toHaveLength(2) // what development; the one to work on first
  })
})

describe('validatePreparationAnswers', () => {
  it('accepts known keys, trims, and allows empty answers', () => {
    const result = validatePreparationAnswers({ conversationGoal: '  Find a clinical role \n', interests: '', helpWanted: '   ' })
    expect(result).toEqual({
      ok: true,
      answers: { conversationGoal: 'Find a clinical role', interests: '', helpWanted: '' },
    })
  })

  it('accepts no answers at all', () => {
    expect(validatePreparationAnswers({})).toEqual({ ok: true, answers: {} })
  })

  it('rejects unknown keys', () => {
    const result = validatePreparationAnswers({ conversationGoal: 'ok', favouriteColour: 'blue', __proto__x: 'x' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((error) => error.field)).toEqual(['favouriteColour', '__proto__x'])
  })

  it('rejects a __proto__ key without polluting anything', () => {
    const answers = JSON.parse('{"__proto__": "x", "interests": "music"}') as Record<string, string>
    const result = validatePreparationAnswers(answers)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([{ field: '__proto__', message: 'This question is not on the preparation form' }])
  })

  it('rejects answers that are not text', () => {
    const result = validatePreparationAnswers({ interests: 42, keyStrengths: ['a'], workValues: null } as unknown as Record<string, string>)
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'interests', message: 'Answer must be text' },
        { field: 'keyStrengths', message: 'Answer must be text' },
        { field: 'workValues', message: 'Answer must be text' },
      ],
    })
  })

  it('rejects a value that is not a set of answers', () => {
    expect(validatePreparationAnswers(null).ok).toBe(false)
    expect(validatePreparationAnswers(['a']).ok).toBe(false)
    expect(validatePreparationAnswers('text').ok).toBe(false)
  })

  it('limits each answer to 5,000 characters, counted after trimming and by character', () => {
    expect(MAX_PREPARATION_ANSWER_LENGTH).toBe(5000)
    expect(validatePreparationAnswers({ interests: 'a'.repeat(5000) }).ok).toBe(true)
    expect(validatePreparationAnswers({ interests: ` ${'a'.repeat(5000)}  ` }).ok).toBe(true)
    // 5,000 emoji: 10,000 UTF-16 units but 5,000 characters
    expect(validatePreparationAnswers({ interests: '😀'.repeat(5000) }).ok).toBe(true)
    const tooLong = validatePreparationAnswers({ interests: 'a'.repeat(5001) })
    expect(tooLong).toEqual({
      ok: false,
      errors: [{ field: 'interests', message: 'Answer to "What interests you?" must be 5,000 characters or fewer' }],
    })
  })

  it('rejects NUL characters, which the database cannot store', () => {
    expect(validatePreparationAnswers({ interests: 'a\u0000b' }).ok).toBe(false)
  })

  it('takes a narrower set of keys when given one', () => {
    expect(validatePreparationAnswers({ interests: 'x' }, new Set(['conversationGoal'])).ok).toBe(false)
  })

  it('never throws, and only ever returns known keys (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...preparationFieldKeys), fc.string()), fc.anything()), (answers) => {
        const result = validatePreparationAnswers(answers)
        if (result.ok) {
          for (const [key, value] of Object.entries(result.answers)) {
            expect(preparationFieldKeys.has(key)).toBe(true)
            expect(value).toBe(value.trim())
          }
        } else {
          expect(result.errors.length).toBeGreaterThan(0)
        }
      }),
    )
  })
})
