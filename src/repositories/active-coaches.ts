/** A coach who can still be told something: their staff account active. */
import type { Queryable } from './db.js'
import type { Coach, StaffUser } from './rows.js'

export type ActiveCoach = Pick<StaffUser, 'name' | 'email'> & {
  staffUserId: StaffUser['id']
  timeZone: Coach['timeZone']
  coachId: Coach['id']
}

/** The coach, with their name, email address and time zone, if their staff account is active. */
export async function findActiveCoach(db: Queryable, coachId: string): Promise<ActiveCoach | undefined> {
  const { rows } = await db.query<ActiveCoach>(
    `SELECT s.name, s.email, s.id AS "staffUserId", c.time_zone AS "timeZone", c.id AS "coachId"
       FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1 AND s.active`,
    [coachId],
  )
  return rows[0]
}
