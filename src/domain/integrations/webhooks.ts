/**
 * Webhooks for other systems. An admin registers an endpoint (a
 * URL and the events it wants) and gets its signing secret once. Each event
 * (events.ts, written in the change's transaction) is delivered to every
 * endpoint listening for it, signed by the Standard Webhooks scheme
 * (`webhook-id` is the event's id, so a receiver can drop repeats), retried
 * with backoff for about a day, and never sent again after a 2xx. An endpoint
 * still failing a day after its oldest undelivered event is switched off and
 * the failure audited. A URL that resolves to a private, loopback or
 * link-local address is refused unless WEBHOOKS_ALLOW_PRIVATE, checked when
 * the endpoint is registered and again at every delivery.
 */
import { randomBytes } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import type pg from 'pg'
import { Webhook } from 'standardwebhooks'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import { seal, unseal } from '../staff/two-factor.js'
import { EVENT_TYPES } from './events.js'
import { inTransaction } from '../../repositories/db.js'
import { findEvent } from '../../repositories/integration-events.js'
import {
  deleteEndpoint,
  disableEndpoint,
  findDelivery,
  findEndpoint,
  insertDeliveries,
  insertEndpoint,
  markWaiting,
  oldestUndelivered,
  recordAttempt,
  setEndpointSecret,
  type WebhookEndpointRecord,
} from '../../repositories/webhooks.js'
import type { JobQueue } from '../ports/job-queue.js'

const SECRET_PURPOSE = 'webhook-secret'
/** graphile-worker waits exp(min(attempt, 10)) seconds between attempts: 12 span about a day. */
const WEBHOOK_MAX_ATTEMPTS = 12
const SWITCH_OFF_AFTER_MS = 24 * 60 * 60 * 1000

/**
 * Each endpoint's deliveries run in a queue of their own, one at a time,
 * oldest first, so a booking's created, rescheduled and cancelled arrive in
 * that order (a retry waits its turn again, so after a failure the
 * `webhook-timestamp` and the feed tell the order). Endpoints do not wait
 * for each other.
 */
const deliveryQueue = (endpointId: string) => `webhook-endpoint:${endpointId}`

export interface WebhookDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
  jobs: Pick<JobQueue, 'add'>
  /** The session secret: seals the endpoints' signing secrets. */
  secret: string
  /** WEBHOOKS_ALLOW_PRIVATE: endpoints on private, loopback or link-local addresses (development and tests). */
  allowPrivate: boolean
  /** WEBHOOK_TIMEOUT_MS: how long an endpoint may take to answer. */
  timeoutMs: number
}

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/** True when the address is private, loopback, link-local or unspecified (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return blocked.check(mapped, 'ipv4')
  const family = isIP(address)
  return family !== 0 && blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Why this URL may not receive webhooks, or null. Resolves the host: every address it has must be public. */
async function urlProblem(url: string, allowPrivate: boolean): Promise<string | null> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'Enter a web address starting https://'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Enter a web address starting https://'
  if (parsed.username || parsed.password) return 'The address may not carry a user name or password'
  if (allowPrivate) return null
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address)
  } catch {
    return 'This address cannot be found'
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) return 'This address is on a private network: webhooks go only to public addresses'
  return null
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

interface NewEndpoint {
  url?: string
  events?: string[]
  description?: string | null
}

async function checkEndpoint(input: NewEndpoint, allowPrivate: boolean): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  const problem = await urlProblem(input.url ?? '', allowPrivate)
  if (problem) problems.push({ field: 'url', message: problem })
  const events = input.events ?? []
  if (events.length === 0 || events.some((event) => !EVENT_TYPES.includes(event as (typeof EVENT_TYPES)[number]))) {
    problems.push({ field: 'events', message: `Choose events from ${EVENT_TYPES.join(', ')}` })
  }
  return problems
}

/** Registers an endpoint: the record and its signing secret, shown now and never again. */
export async function createEndpoint(deps: WebhookDeps, input: NewEndpoint, by: StaffRequest): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  const problems = await checkEndpoint(input, deps.allowPrivate)
  if (problems.length > 0) throw new ValidationError(problems)
  const secret = newSecret()
  return inTransaction(deps.pool, async (client) => {
    const endpoint = await insertEndpoint(client, {
      url: input.url!,
      description: input.description?.trim() || null,
      events: [...new Set(input.events)],
      secretSealed: seal(secret, deps.secret, SECRET_PURPOSE),
      createdBy: by.staff.userId,
      now: deps.clock.now(),
    })
    await recordStaffChange(deps.audit, client, by, { action: 'webhook.created', subjectType: 'webhook_endpoint', subjectId: endpoint.id, details: { events: endpoint.events } })
    return { endpoint, secret }
  })
}

export async function removeEndpoint(deps: WebhookDeps, id: string, by: StaffRequest): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    if (!(await deleteEndpoint(client, id))) throw new NotFoundError('There is no such webhook')
    await recordStaffChange(deps.audit, client, by, { action: 'webhook.removed', subjectType: 'webhook_endpoint', subjectId: id })
  })
}

/** A new signing secret for the endpoint (the old one stops at once): shown now and never again. */
export async function rotateSecret(deps: WebhookDeps, id: string, by: StaffRequest): Promise<string> {
  const secret = newSecret()
  await inTransaction(deps.pool, async (client) => {
    if (!(await setEndpointSecret(client, id, seal(secret, deps.secret, SECRET_PURPOSE)))) throw new NotFoundError('There is no such webhook')
    await recordStaffChange(deps.audit, client, by, { action: 'webhook.secret_rotated', subjectType: 'webhook_endpoint', subjectId: id })
  })
  return secret
}

/** The `dispatch-webhooks` job: a delivery of the event to each endpoint listening, each its own job. */
export async function dispatchEvent(deps: Pick<WebhookDeps, 'pool' | 'clock' | 'jobs'>, eventId: string): Promise<number> {
  return inTransaction(deps.pool, async (client) => {
    const event = await findEvent(client, eventId)
    if (!event) return 0
    const deliveries = await insertDeliveries(client, event, deps.clock.now())
    for (const { id: deliveryId, endpointId } of deliveries) {
      await deps.jobs.add(
        'deliver-webhook',
        { deliveryId },
        { client, maxAttempts: WEBHOOK_MAX_ATTEMPTS, jobKey: `webhook-delivery:${deliveryId}`, queueName: deliveryQueue(endpointId) },
      )
    }
    return deliveries.length
  })
}

/** Sends a failed delivery again (an admin's "send again"). */
export async function sendAgain(deps: WebhookDeps, endpointId: string, deliveryId: string, by: StaffRequest): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    const delivery = await findDelivery(client, deliveryId)
    if (!delivery || delivery.endpointId !== endpointId) throw new NotFoundError('There is no such delivery')
    if (await markWaiting(client, deliveryId)) {
      await deps.jobs.add(
        'deliver-webhook',
        { deliveryId },
        { client, maxAttempts: WEBHOOK_MAX_ATTEMPTS, jobKey: `webhook-delivery:${deliveryId}`, queueName: deliveryQueue(endpointId) },
      )
      await recordStaffChange(deps.audit, client, by, { action: 'webhook.sent_again', subjectType: 'webhook_delivery', subjectId: deliveryId })
    }
  })
}

class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError'
}

/**
 * The `deliver-webhook` job: one attempt. A 2xx marks it delivered (it is
 * never sent again); anything else is recorded and thrown, so the worker
 * tries again later; after the last attempt it is "failed", and an endpoint
 * failing for a day is switched off.
 */
export async function deliverOnce(deps: WebhookDeps, deliveryId: string, attempt: { lastAttempt: boolean }): Promise<'delivered' | 'not-needed'> {
  const delivery = await findDelivery(deps.pool, deliveryId)
  if (!delivery || delivery.status === 'delivered') return 'not-needed'
  const [endpoint, event] = await Promise.all([findEndpoint(deps.pool, delivery.endpointId), findEvent(deps.pool, delivery.eventId)])
  if (!endpoint || !event || !endpoint.active) return 'not-needed'

  const payload = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data })
  let statusCode: number | null = null
  let error: string | null = null
  const refused = await urlProblem(endpoint.url, deps.allowPrivate)
  if (refused) {
    error = refused
  } else {
    // The wall clock, not the service's: receivers check the signature's time against their own clocks.
    const sentAt = new Date()
    const signature = new Webhook(unseal(endpoint.secretSealed, deps.secret, SECRET_PURPOSE)).sign(event.id, sentAt, payload)
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'career-conversations-webhooks',
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
      })
      statusCode = response.status
      await response.body?.cancel().catch(() => undefined)
      if (statusCode < 200 || statusCode >= 300) error = `The endpoint answered ${statusCode}`
    } catch (failure) {
      error = (failure as Error).name === 'TimeoutError' ? `No answer within ${deps.timeoutMs / 1000} seconds` : `Could not connect: ${(failure as Error).message}`.slice(0, 300)
    }
  }
  const now = deps.clock.now()
  await recordAttempt(deps.pool, deliveryId, { delivered: error === null, statusCode, error, lastAttempt: attempt.lastAttempt, now })
  if (error === null) return 'delivered'
  const failingSince = await oldestUndelivered(deps.pool, endpoint.id)
  if (failingSince && now.getTime() - failingSince.getTime() >= SWITCH_OFF_AFTER_MS) {
    if (await disableEndpoint(deps.pool, endpoint.id, now)) {
      await deps.audit.record({ actor: 'system', action: 'webhook.switched_off', subjectType: 'webhook_endpoint', subjectId: endpoint.id, result: 'failure', details: {} })
      // The programme team is told (src/jobs/webhooks.ts), once.
      await deps.jobs.add('webhook-switched-off', { endpointId: endpoint.id, lastError: error.slice(0, 300) })
    }
  }
  throw new DeliveryFailedError(error)
}
