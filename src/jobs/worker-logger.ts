import { Logger } from 'graphile-worker'
import type { FastifyBaseLogger } from 'fastify'

/** graphile-worker's messages, through the service's own (redacting) logger. */
export function workerLogger(log: FastifyBaseLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const fields = { job: scope.taskIdentifier, jobId: scope.jobId, ...(meta?.error ? { err: meta.error } : {}) }
    if (level === 'error') log.error(fields, message)
    else if (level === 'warning') log.warn(fields, message)
    else if (level === 'info') log.info(fields, message)
    else log.debug(fields, message)
  })
}

export const silentWorkerLogger = new Logger(() => () => undefined)
