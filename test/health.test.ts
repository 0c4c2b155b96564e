import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from './helper.js'

describe('health and readiness', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ runWorker: true })
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('says the process is up', async () => {
    const response = await t.app.inject('/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('is ready when the database is migrated and the worker runs', async () => {
    const response = await t.app.inject('/readyz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', worker: 'ok' },
    })
  })
})

describe('readiness without a worker', () => {
  it('is not ready while no worker runs', async () => {
    const t = await buildTestApp({ runWorker: false })
    try {
      const response = await t.app.inject('/readyz')
      expect(response.statusCode).toBe(503)
      expect(response.json().checks).toEqual({ database: 'ok', migrations: 'ok', worker: 'failing' })
    } finally {
      await t.app.close()
    }
  })
})
