import type { StaffRole } from '../domain/staff/principal.js'

/** Where a member of staff lands once signed in (or after changing their password): their own home. */
export function homeFor(staff: { role: StaffRole }): string {
  return staff.role === 'admin' ? '/admin' : '/coach'
}
