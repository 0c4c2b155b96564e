import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoDataForRepeatBookings } from '../../support/booking-fixtures.js'
import { buildTestApp, type TestApp } from '../../helper.js'
import { demoProgramme } from '../../../src/demo/seed-demo-data.js'
import { insertProgramme } from '../../support/programmes.js'

describe('public reference API', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('lists no programmes on an empty database', async () => {
    const response = await t.app.inject('/api/v1/programmes')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ programmes: [] })
  })

  it('lists active programmes only, in the documented shape', async () => {
    await seedDemoDataForRepeatBookings({ databaseUrl: t.databaseUrl, password: 'correct horse battery staple' })
    await insertProgramme(t.app.pg.pool, { slug: 'closed', name: 'Closed pilot', conversationModelKey: 'scan', active: false })
    const response = await t.app.inject('/api/v1/programmes')
    expect(response.json()).toEqual({
      programmes: [
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          slug: demoProgramme.slug,
          name: demoProgramme.name,
          conversationModel: 'four-stage',
          durationMinutes: 45,
          // Who may book, and whether a code proves the address: the demo is open to anyone, without a code.
          whoMayBook: 'anyone',
          emailDomains: [],
          asksEmailCode: false,
          cancellationCutoffHours: 0,
        },
      ],
    })
  })

  it('lists the conversation models', async () => {
    const response = await t.app.inject('/api/v1/conversation-models')
    expect(response.statusCode).toBe(200)
    const keys = response.json().models.map((model: { key: string }) => model.key)
    expect(keys).toEqual(['four-stage', 'scan'])
  })

  it('serves the four-stage model with its stages in order', async () => {
    const response = await t.app.inject('/api/v1/conversation-models/four-stage')
    expect(response.statusCode).toBe(200)
    const model = response.json()
    expect(model).toMatchObject({ key: 'four-stage', version: 2 })
    expect(model.stages.map((stage: { title: string }) => stage.title)).toEqual([
      'Who am I?',
      'What are my options?',
      'Personal development',
      'Taking action',
    ])
    for (const stage of model.stages) {
      expect(stage.candidatePrompts.length).toBeGreaterThan(0)
      expect(stage.coachGuidance.length).toBeGreaterThan(0)
      expect(stage.fields.length).toBeGreaterThan(0)
    }
  })

  it('keeps serving version 1, with the first preparation form', async () => {
    const first = (await t.app.inject('/api/v1/conversation-models/four-stage?version=1')).json()
    expect(first.version).toBe(1)
    expect(first.stages[0].candidatePrompts).toContain('What technical skills do you have?')
    const latest = (await t.app.inject('/api/v1/conversation-models/four-stage')).json()
    expect(latest.stages[0].candidatePrompts).toEqual([
      'What would you like to get out of the conversation?',
      'What are your strengths and skills?',
      'What matters to you in work?',
    ])
  })

  it('answers an unknown model or version with 404, and a malformed key with 400', async () => {
    expect((await t.app.inject('/api/v1/conversation-models/nope')).statusCode).toBe(404)
    expect((await t.app.inject('/api/v1/conversation-models/scan?version=99')).statusCode).toBe(404)
    const bad = await t.app.inject('/api/v1/conversation-models/NOT_OK')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().fields[0].field).toBe('params.key')
  })

  it('describes every route in the OpenAPI document', async () => {
    const response = await t.app.inject('/docs/json')
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    const paths = Object.keys(document.paths)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/api/v1/programmes',
        '/api/v1/conversation-models',
        '/api/v1/conversation-models/{key}',
      ]),
    )
    const docsPage = await t.app.inject('/docs/')
    expect(docsPage.statusCode).toBe(200)
    expect(docsPage.headers['content-type']).toMatch(/text\/html/)
  })
})
