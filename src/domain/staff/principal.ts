import type { StaffRole } from '../../repositories/rows.js'

export type { StaffRole }

/** A signed-in member of staff, as the auth plugin decorates `request.staff`. */
export interface StaffPrincipal {
  userId: string
  role: StaffRole
  /** The coach profile: every coach has one, an admin may. */
  coachId: string | null
  name: string
}
