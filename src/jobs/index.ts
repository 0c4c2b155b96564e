import type { FastifyInstance } from 'fastify'
import type { TaskList } from 'graphile-worker'

/**
 * Every task the worker runs, one file per task in this folder. Each takes the
 * parts of the app it needs, so tasks stay testable on their own.
 */
export function createTaskList(_app: FastifyInstance): TaskList {
  return {}
}
