import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CONVERSATION_MODEL_KEY,
  allFields,
  findField,
  getConversationModel,
  healthDetailsWarning,
  listConversationModels,
  listConversationModelVersions,
  missingForCompletion,
  preparationFieldKeysFor,
  preparationFormFor,
  preparationModelFor,
  sharedNoteValues,
  validateNoteValues,
  type ConversationModel,
} from '../../../src/domain/conversation-models/index.js'
import { preparationFieldKeys, preparationQuestions, shortFormAreas } from '../../../src/domain/preparation/index.js'

function model(key: string, version?: number): ConversationModel {
  const found = getConversationModel(key, version)
  if (!found) throw new Error(`no model ${key}`)
  return found
}

const allPublished = listConversationModels().flatMap(({ key }) =>
  listConversationModelVersions(key).map((version) => model(key, version)),
)

describe('registry', () => {
  it('lists the two models, the default first', () => {
    expect(DEFAULT_CONVERSATION_MODEL_KEY).toBe('four-stage')
    expect(listConversationModels()).toEqual([
      { key: 'four-stage', version: 2, name: 'Four-stage career conversation' },
      { key: 'scan', version: 2, name: 'SCAN career planning' },
    ])
  })

  it('gets the latest version, or the version asked for', () => {
    expect(model('four-stage').version).toBe(2)
    expect(model('four-stage', 1).key).toBe('four-stage')
    expect(listConversationModelVersions('four-stage')).toEqual([1, 2])
    expect(listConversationModelVersions('scan')).toEqual([1, 2])
    expect(getConversationModel('four-stage', 99)).toBeUndefined()
    expect(getConversationModel('nope')).toBeUndefined()
    expect(listConversationModelVersions('nope')).toEqual([])
  })

  it('cannot be changed by the code that reads it', () => {
    const fourStage = model('four-stage')
    expect(Object.isFrozen(fourStage)).toBe(true)
    expect(Object.isFrozen(fourStage.stages[0]?.fields[0])).toBe(true)
    expect(() => {
      ;(fourStage as { name: string }).name = 'changed'
    }).toThrow(TypeError)
  })

  it('is plain JSON (the API returns it as it is)', () => {
    const fourStage = model('four-stage')
    expect(JSON.parse(JSON.stringify(fourStage))).toEqual(fourStage)
  })
})

describe('the four-stage model', () => {
  const fourStage = model('four-stage')

  it('has the four stages in order', () => {
    expect(fourStage.stages.map((stage) => [stage.key, stage.title])).toEqual([
      ['whoAmI', 'Who am I?'],
      ['options', 'What are my options?'],
      ['personalDevelopment', 'Personal development'],
      ['takingAction', 'Taking action'],
    ])
  })

  it('keeps its published field keys (notes are stored under them)', () => {
    expect(Object.fromEntries(fourStage.stages.map((stage) => [stage.key, stage.fields.map((f) => `${f.key}:${f.kind}:${f.visibility}`)]))).toEqual({
      whoAmI: [
        'purpose:text:shared',
        'experience:text:shared',
        'strengths:list:shared',
        'motivations:text:shared',
        'whoAmIPrivateNotes:text:private',
      ],
      options: [
        'optionsDiscussed:options:shared',
        'trainingNeeded:text:shared',
        'supportAvailable:text:shared',
        'optionsPrivateNotes:text:private',
      ],
      personalDevelopment: [
        'developmentNeeds:developmentNeeds:shared',
        'employability:text:shared',
        'developmentPrivateNotes:text:private',
      ],
      takingAction: [
        'strategies:text:shared',
        'actions:actions:shared',
        'confidence:choice:shared',
        'takingActionPrivateNotes:text:private',
      ],
    })
  })

  it('needs only the agreed purpose to complete the notes', () => {
    expect(allFields(fourStage).filter((field) => field.requiredToComplete).map((field) => field.key)).toEqual(['purpose'])
    expect(findField(fourStage, 'purpose')).toMatchObject({ kind: 'text', visibility: 'shared' })
    expect(missingForCompletion(fourStage, {})).toEqual(['purpose'])
    expect(missingForCompletion(fourStage, { purpose: '   ' })).toEqual(['purpose'])
    expect(missingForCompletion(fourStage, { purpose: 'Explore nursing routes' })).toEqual([])
  })

  it('drives the preparation form from the four areas', () => {
    const form = preparationFormFor(fourStage)
    expect(form.sections.map((section) => [section.stageKey, section.title])).toEqual([
      ['whoAmI', 'Know yourself'],
      ['options', 'Explore possibilities'],
      ['personalDevelopment', 'Making choices'],
      ['takingAction', 'Making it happen'],
    ])
    expect(preparationFormFor(fourStage).reflectionQuestions).toEqual([])
    expect([...preparationFieldKeysFor(fourStage)]).toEqual(shortFormAreas.flatMap((area) => area.questions.map((q) => q.key)))
    expect([...preparationFieldKeysFor(model('four-stage', 1))].sort()).toEqual(preparationQuestions.map((q) => q.key).sort())
  })

  it('keeps version 1 for answers and notes written on it: the same fields, the first form', () => {
    const first = model('four-stage', 1)
    expect(first.stages.map((stage) => stage.fields)).toEqual(fourStage.stages.map((stage) => stage.fields))
    expect(first.stages.map((stage) => stage.coachGuidance)).toEqual(fourStage.stages.map((stage) => stage.coachGuidance))
    expect(first.reflectionQuestions).toHaveLength(7)
  })
})

describe('the form a preparation was written on', () => {
  it('is the latest for no answers, or for answers the short form holds', () => {
    expect(preparationModelFor('four-stage', []).version).toBe(2)
    expect(preparationModelFor('scan', []).key).toBe('scan')
    expect(preparationModelFor('four-stage', ['conversationGoal', 'strengthsAndSkills']).version).toBe(2)
    // A key both forms ask, for the same question: the latest.
    expect(preparationModelFor('four-stage', ['conversationGoal', 'workValues']).version).toBe(2)
  })

  it('is the first form for answers to its questions', () => {
    expect(preparationModelFor('four-stage', ['conversationGoal', 'technicalSkills'])).toMatchObject({ key: 'four-stage', version: 1 })
    expect(preparationModelFor('scan', ['helpWanted'])).toMatchObject({ key: 'scan', version: 1 })
  })

  it('falls back to the form holding the most answers, and to the default model for an unknown key', () => {
    expect(preparationModelFor('four-stage', ['technicalSkills', 'helpWanted', 'strengthsAndSkills']).version).toBe(1)
    expect(preparationModelFor('nope', [])).toMatchObject({ key: 'four-stage', version: 2 })
  })
})

describe('the SCAN model', () => {
  const scan = model('scan')

  it('has the SCAN stages', () => {
    expect(scan.stages.map((stage) => stage.title)).toEqual([
      'Self-awareness',
      'Career exploration',
      'Arriving at a decision',
      'Next steps',
    ])
  })
})

describe.each(allPublished.map((m) => [`${m.key} v${m.version}`, m] as const))('%s', (_name, m) => {
  it('has unique stage keys and field keys', () => {
    const stageKeys = m.stages.map((stage) => stage.key)
    expect(new Set(stageKeys).size).toBe(stageKeys.length)
    const fieldKeys = allFields(m).map((field) => field.key)
    expect(new Set(fieldKeys).size).toBe(fieldKeys.length)
    for (const key of [...stageKeys, ...fieldKeys]) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/)
  })

  it('has shared and private text in every stage', () => {
    for (const stage of m.stages) {
      const texts = stage.fields.filter((field) => field.kind === 'text')
      expect(texts.some((field) => field.visibility === 'shared'), stage.key).toBe(true)
      expect(texts.some((field) => field.visibility === 'private'), stage.key).toBe(true)
    }
  })

  it('gives every stage a summary, prompts and guidance', () => {
    for (const stage of m.stages) {
      expect(stage.summary.length).toBeGreaterThan(0)
      expect(stage.candidatePrompts.length).toBeGreaterThan(0)
      expect(stage.coachGuidance.length).toBeGreaterThan(0)
      expect(stage.candidatePrompts).toEqual(stage.preparation.questions.map((question) => question.label))
    }
  })

  it('asks only preparation questions with known keys', () => {
    for (const key of preparationFieldKeysFor(m)) expect(preparationFieldKeys.has(key)).toBe(true)
  })

  it('records options in one stage, development needs with a focus in a later one, and ends in actions', () => {
    const kinds = m.stages.map((stage) => stage.fields.map((field) => field.kind))
    const optionsStage = kinds.findIndex((k) => k.includes('options'))
    const needsStage = kinds.findIndex((k) => k.includes('developmentNeeds'))
    expect(optionsStage).toBeGreaterThanOrEqual(0)
    expect(needsStage).toBeGreaterThan(optionsStage)
    expect(kinds.at(-1)).toContain('actions')
    expect(allFields(m).filter((field) => field.kind === 'actions')).toHaveLength(1)
  })

  it('can be completed once the purpose is written', () => {
    expect(missingForCompletion(m, {})).toEqual(['purpose'])
  })

  it('gives every choice field distinct options', () => {
    for (const field of allFields(m)) {
      if (field.kind !== 'choice') continue
      const values = field.options.map((option) => option.value)
      expect(new Set(values).size).toBe(values.length)
      expect(values.length).toBeGreaterThan(1)
    }
  })
})

describe('healthDetailsWarning', () => {
  it('tells coaches not to record health details', () => {
    expect(healthDetailsWarning).toMatch(/^Do not record health details/)
  })
})

describe('note values', () => {
  const fourStage = model('four-stage')

  const good = {
    purpose: '  Explore routes into nursing  ',
    strengths: ['Calm with anxious patients', '  ', 'Organised'],
    optionsDiscussed: [
      { role: 'Healthcare support worker', timing: 'now', realism: 'realistic' },
      { role: 'Nursing degree apprenticeship', timing: 'later', realism: 'stretch', notes: 'Needs maths GCSE' },
    ],
    developmentNeeds: [
      { need: 'Maths GCSE', isFocus: true },
      { need: 'Interview practice', isFocus: false },
    ],
    confidence: 'fairlyConfident',
    whoAmIPrivateNotes: 'Seemed unsure about commuting.',
  }

  it('accepts well-formed values and tidies them', () => {
    const result = validateNoteValues(fourStage, good)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.values.purpose).toBe('Explore routes into nursing')
    expect(result.values.strengths).toEqual(['Calm with anxious patients', 'Organised'])
    expect(result.values.optionsDiscussed).toEqual(good.optionsDiscussed)
  })

  it('treats an empty choice as no answer', () => {
    const result = validateNoteValues(fourStage, { confidence: '' })
    expect(result).toEqual({ ok: true, values: {} })
  })

  it('rejects unknown fields, bad shapes and bad choices', () => {
    const result = validateNoteValues(fourStage, {
      nope: 'x',
      purpose: 5,
      strengths: 'not a list',
      confidence: 'ecstatic',
      optionsDiscussed: [{ role: '', timing: 'soon', realism: 'realistic' }],
      actions: [],
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((error) => error.field)).toEqual([
      'nope',
      'purpose',
      'strengths',
      'confidence',
      'optionsDiscussed[0].role',
      'optionsDiscussed[0].timing',
      'actions',
    ])
  })

  it('allows only one development need as the focus', () => {
    const result = validateNoteValues(fourStage, {
      developmentNeeds: [
        { need: 'A', isFocus: true },
        { need: 'B', isFocus: true },
      ],
    })
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'developmentNeeds', message: 'Choose only one development need to focus on first' }],
    })
  })

  it('limits text length', () => {
    expect(validateNoteValues(fourStage, { purpose: 'a'.repeat(10_000) }).ok).toBe(true)
    expect(validateNoteValues(fourStage, { purpose: 'a'.repeat(10_001) }).ok).toBe(false)
  })

  it('keeps private fields out of what the candidate sees', () => {
    const result = validateNoteValues(fourStage, good)
    if (!result.ok) throw new Error('expected valid notes')
    const shared = sharedNoteValues(fourStage, result.values)
    expect(shared).not.toHaveProperty('whoAmIPrivateNotes')
    expect(shared).toHaveProperty('purpose')
    for (const key of Object.keys(shared)) expect(findField(fourStage, key)?.visibility).toBe('shared')
  })

  it('drops values of fields the model does not have from the shared view', () => {
    expect(sharedNoteValues(fourStage, { secret: 'x', purpose: 'y' })).toEqual({ purpose: 'y' })
  })
})
