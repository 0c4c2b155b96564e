import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config.js'
import { TIMEOUT_CHECK_INTERVAL_MS } from '../../src/http/server-timeouts.js'
import { buildTestApp, testConfig, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'

const REQUEST_TIMEOUT_MS = 1500
const HEADERS_TIMEOUT_MS = 1000

interface SlowClient {
  /** When the server closed the connection, in ms after it opened. */
  closedAfter: Promise<number>
  received: () => string
}

/** A client that sends `first`, then `drip` every 100 ms until the server closes the connection. */
function slowClient(port: number, first: string, drip: string): SlowClient {
  const socket = net.connect(port, '127.0.0.1')
  const opened = performance.now()
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  socket.on('error', () => undefined)
  socket.on('connect', () => socket.write(first))
  const timer = setInterval(() => socket.writable && socket.write(drip), 100)
  const closedAfter = new Promise<number>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer)
      resolve(performance.now() - opened)
    }),
  )
  return { closedAfter, received: () => received }
}

describe('request body and header timeouts (a real socket against the listening app)', () => {
  let t: TestApp
  let port: number
  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({
      databaseUrl,
      config: testConfig({ DATABASE_URL: databaseUrl, REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS }),
    })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('closes a connection whose body arrives too slowly, with 408, within a second of REQUEST_TIMEOUT_MS', async () => {
    const client = slowClient(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":"',
      'a',
    )
    const closedAfter = await client.closedAfter
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100)
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + TIMEOUT_CHECK_INTERVAL_MS + 1000)
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it('closes a connection whose headers arrive too slowly within a second of HEADERS_TIMEOUT_MS', async () => {
    const client = slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n')
    const closedAfter = await client.closedAfter
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100)
    expect(closedAfter).toBeLessThan(HEADERS_TIMEOUT_MS + TIMEOUT_CHECK_INTERVAL_MS + 1000)
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it('answers a request that arrives in time as usual', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(response.status).toBe(200)
  })
})

describe('timeout settings', () => {
  it('have defaults of seconds, not minutes or never', () => {
    const config = readConfig({})
    expect(config.REQUEST_TIMEOUT_MS).toBe(30_000)
    expect(config.HEADERS_TIMEOUT_MS).toBe(10_000)
    expect(config.KEEP_ALIVE_TIMEOUT_MS).toBe(72_000)
    expect(config.CONNECTION_TIMEOUT_MS).toBe(120_000)
  })

  it('stop the start when a value is out of range', () => {
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/)
  })
})
