import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { TooManyRequestsError } from '../../domain/limits/limits-service.js'
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../database/unavailable.js'
import { STORABLE_TEXT_MESSAGE, STORABLE_TEXT_PATTERN } from './storable-input.js'

/**
 * The one place errors become answers: typed domain errors and schema
 * failures keep their status and message; anything else is a 500 that says
 * nothing of its cause. JSON for /api, an NHS-styled page otherwise; both
 * carry the request id so a person can quote it.
 */

interface ErrorBody {
  error: string
  message: string
  requestId: string
  fields?: FieldProblem[]
}

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz'
}

/** Turns Ajv's messages into a field path and a sentence. */
function fieldProblemsFrom(error: FastifyError): FieldProblem[] {
  return (error.validation ?? []).map((issue) => {
    const params = issue.params as Record<string, unknown>
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined
    const field = [error.validationContext, base, missing ?? extra].filter(Boolean).join('.')
    const unstorable = params.pattern === STORABLE_TEXT_PATTERN
    const message = missing ? 'is required' : extra ? 'is not allowed' : unstorable ? STORABLE_TEXT_MESSAGE : (issue.message ?? 'is not valid')
    return { field: field || (error.validationContext ?? 'request'), message }
  })
}

function describe(error: FastifyError): ErrorBody & { statusCode: number } {
  if (error instanceof ValidationError) {
    return { statusCode: 400, error: error.code, message: error.message, fields: error.fields, requestId: '' }
  }
  if (error instanceof DomainError) {
    return { statusCode: error.status, error: error.code, message: error.message, requestId: '' }
  }
  if (error.validation) {
    return {
      statusCode: 400,
      error: 'validation_failed',
      message: 'There is a problem with what was sent',
      fields: fieldProblemsFrom(error),
      requestId: '',
    }
  }
  if (isDatabaseUnavailable(error)) {
    return {
      statusCode: 503,
      error: 'service_unavailable',
      message: 'The service cannot reach its database just now. Try again in a few minutes.',
      requestId: '',
    }
  }
  const statusCode = error.statusCode ?? 500
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, error: codeFor(statusCode), message: error.message, requestId: '' }
  }
  return { statusCode: 500, error: 'internal_error', message: 'Sorry, there is a problem with the service', requestId: '' }
}

function codeFor(statusCode: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  }
  return codes[statusCode] ?? 'bad_request'
}

async function sendPage(reply: FastifyReply, template: string, statusCode: number, data: object) {
  reply.code(statusCode)
  if (typeof reply.view === 'function') return reply.view(template, data)
  return reply.type('text/plain; charset=utf-8').send(`Error ${statusCode}`)
}

export default fp(
  async (app) => {
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const body = { ...describe(error), requestId: request.id }
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed')
      else request.log.info({ error: body.error, statusCode: body.statusCode }, 'request refused')
      const { statusCode, ...json } = body
      if (statusCode === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS))
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds))
      if (wantsJson(request)) return reply.code(statusCode).send(json)
      return sendPage(reply, 'pages/error.njk', statusCode, { statusCode, ...json })
    })

    app.setNotFoundHandler(async (request, reply) => {
      const body: ErrorBody = { error: 'not_found', message: 'Page not found', requestId: request.id }
      if (wantsJson(request)) return reply.code(404).send(body)
      return sendPage(reply, 'pages/not-found.njk', 404, body)
    })
  },
  { name: 'error-handler' },
)
