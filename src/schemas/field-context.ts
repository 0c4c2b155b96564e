import { ValidationError } from '../domain/errors.js'

/**
 * Runs a domain call for a route, naming the fields of any ValidationError
 * it throws as schema failures name them ("candidate.email" in the body →
 * "body.candidate.email"), so a client sees one naming either way.
 */
export async function inFieldContext<T>(context: 'body' | 'querystring' | 'params' | 'headers', work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.fields.map((f) => ({ ...f, field: f.field.startsWith(`${context}.`) ? f.field : `${context}.${f.field}` })),
        error.message,
      )
    }
    throw error
  }
}
