import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { JobHelpers, Task } from 'graphile-worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { givingWayToRequests } from '../../src/jobs/give-way-to-requests.js'
import { buildTestApp } from '../helper.js'
import { listen } from '../support/browser.js'
import { jobsWithPayloads } from '../support/jobs.js'

const helpers = {} as JobHelpers

describe('a job giving way to requests', () => {
  const wrapped = (busy: () => boolean, longestWaitMs = 5_000) => {
    const ran: unknown[] = []
    const task: Task = async (payload) => void ran.push(payload)
    const tasks = givingWayToRequests({ probe: task }, { busy, longestWaitMs, checkEveryMs: 5 })
    return { run: (payload: unknown) => (tasks.probe as Task)(payload, helpers), ran }
  }

  it('starts at once when the service is not busy', async () => {
    let checks = 0
    const { run, ran } = wrapped(() => (checks++, false))
    await run({ n: 1 })
    expect(ran).toEqual([{ n: 1 }])
    expect(checks).toBe(1)
  })

  it('waits while the service is busy, and starts once it is not', async () => {
    let checks = 0
    const { run, ran } = wrapped(() => ++checks <= 3)
    await run({ n: 2 })
    expect(ran).toEqual([{ n: 2 }])
    expect(checks).toBe(4)
  })

  it('starts anyway after the longest wait when the service stays busy', async () => {
    let checks = 0
    const { run, ran } = wrapped(() => (checks++, true), 50)
    const started = performance.now()
    await run({ n: 3 })
    expect(ran).toEqual([{ n: 3 }])
    expect(performance.now() - started).toBeGreaterThanOrEqual(50)
    expect(checks).toBeGreaterThan(2)
  })
})

describe("the worker in the web service's process", () => {
  let app: FastifyInstance
  let port = 0
  const probed: unknown[] = []
  let arrived = 0

  beforeAll(async () => {
    ;({ app } = await buildTestApp({ runWorker: true, tasks: { 'test-probe': async (payload: unknown) => void probed.push(payload) } }))
    port = Number(new URL(await listen(app)).port)
    app.server.on('request', (request) => {
      if (request.url === '/api/v1/bookings') arrived++
    })
  })
  afterAll(async () => {
    await app.close()
  })

  /** A request whose headers have come and whose body never does: the service is answering it until the socket closes. */
  const heldRequest = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST /api/v1/bookings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{')
        resolve(socket)
      })
      socket.on('error', reject)
    })

  async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    const deadline = performance.now() + 10_000
    while (!(await condition())) {
      if (performance.now() > deadline) throw new Error(`Gave up waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it('holds a job it has taken while four requests are being answered, and runs it when they end', async () => {
    const held = await Promise.all([heldRequest(), heldRequest(), heldRequest(), heldRequest()])
    try {
      // Counted once each request's headers are in (the server's 'request' event, which this listener hears too).
      await until(() => arrived >= 4, 'the four requests to arrive')
      await app.jobs.add('test-probe', { n: 1 })
      // Taken by the worker (locked), and not run: it stays so while the four requests are open.
      await until(async () => (await jobsWithPayloads(app, 'test-probe')).some((job) => job.locked_at !== null), 'the worker to take the job')
      expect(probed).toEqual([])
    } finally {
      for (const socket of held) socket.destroy()
    }
    await until(() => probed.length === 1, 'the job to run once the requests ended')
    expect(probed).toEqual([{ n: 1 }])
  })

  it('runs a job at once when fewer than four requests are being answered', async () => {
    const held = await Promise.all([heldRequest(), heldRequest(), heldRequest()])
    try {
      await app.jobs.add('test-probe', { n: 2 })
      await until(() => probed.length === 2, 'the job to run')
      expect(probed[1]).toEqual({ n: 2 })
    } finally {
      for (const socket of held) socket.destroy()
    }
  })
})
