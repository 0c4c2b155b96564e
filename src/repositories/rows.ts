/**
 * The shape of each table's row, from one source: the models in
 * prisma/schema.prisma, as `prisma generate` writes them (camelCase fields,
 * Date for timestamps, string unions for enums). Repositories select
 * columns under these names (`duration_minutes AS "durationMinutes"`) and
 * type what they return as a `Pick` of the model, so a column renamed or
 * retyped in the schema breaks the type-check of every query that reads it,
 * instead of leaving a hand-written interface quietly wrong.
 *
 * Types only: nothing of Prisma's client runs in the service (see
 * docs/architecture.md, "One way to the database").
 */
export type * from '../generated/prisma/browser.js'

/** The columns of a LEFT JOINed table: each null when there is no row to join. */
export type LeftJoined<T> = { [K in keyof T]: T[K] | null }
