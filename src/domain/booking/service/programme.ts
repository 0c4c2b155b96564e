import { ValidationError } from '../../errors.js'
import type { BookableProgramme } from '../types.js'
import type { Queryable } from '../../../repositories/db.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'

export const UNKNOWN_PROGRAMME_MESSAGE = 'There is no programme open for booking with that id or name'

/**
 * The active programme by id or slug. An unknown one is bad input (400 with
 * the field `programme`), like any other field, rather than a missing page.
 */
export async function requireProgramme(db: Queryable, idOrSlug: string): Promise<BookableProgramme> {
  const programme = idOrSlug.trim() === '' ? null : await findActiveProgramme(db, idOrSlug.trim())
  if (!programme) throw new ValidationError([{ field: 'programme', message: UNKNOWN_PROGRAMME_MESSAGE }])
  return programme
}
