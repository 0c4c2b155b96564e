/** Agreed actions, the history of their status, and the programme resource library. */
import type {
  Action,
  ActionActor,
  ActionStatus,
  ActionStatusChange,
  CheckedActionInput,
  ProgrammeResource,
} from '../domain/actions/types.js'
import type { Queryable } from './db.js'
import type { Action as ActionTable, Booking } from './rows.js'

/** An action with its resource as the columns hold it: from the library (resourceId) or a free link. */
interface ActionRow extends Omit<Action, 'resource' | 'history'> {
  resourceId: string | null
  libraryTitle: string | null
  libraryUrl: string | null
  libraryDescription: string | null
  resourceUrl: string | null
  resourceTitle: string | null
}

interface ChangeRow extends ActionStatusChange {
  actionId: string
}

const ACTION_COLUMNS = `
  a.id, a.booking_id AS "bookingId", a.position, a.summary, a.owner, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
  a.category, a.resource_id AS "resourceId", r.title AS "libraryTitle", r.url AS "libraryUrl",
  r.description AS "libraryDescription", a.resource_url AS "resourceUrl", a.resource_title AS "resourceTitle",
  a.status, a.status_changed_at AS "statusChangedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`

function toAction(row: ActionRow, history: ActionStatusChange[]): Action {
  const { resourceId, libraryTitle, libraryUrl, libraryDescription, resourceUrl, resourceTitle, ...action } = row
  let resource: Action['resource'] = null
  if (resourceId !== null && libraryUrl !== null) {
    resource = { id: resourceId, title: libraryTitle ?? libraryUrl, url: libraryUrl, description: libraryDescription }
  } else if (resourceUrl !== null) {
    resource = { id: null, title: resourceTitle ?? resourceUrl, url: resourceUrl, description: null }
  }
  return { ...action, resource, history }
}

async function historyOf(db: Queryable, actionIds: string[]): Promise<Map<string, ActionStatusChange[]>> {
  const byAction = new Map<string, ActionStatusChange[]>()
  if (actionIds.length === 0) return byAction
  const { rows } = await db.query<ChangeRow>(
    `SELECT c.action_id AS "actionId", c.from_status AS "from", c.to_status AS "to", c.changed_at AS "at",
            c.actor, c.actor_staff_user_id AS "actorStaffUserId", s.name AS "actorName", c.comment
       FROM action_status_changes c LEFT JOIN staff_users s ON s.id = c.actor_staff_user_id
      WHERE c.action_id = ANY($1::uuid[])
      ORDER BY c.changed_at, c.id`,
    [actionIds],
  )
  for (const { actionId, ...change } of rows) {
    const list = byAction.get(actionId) ?? []
    list.push(change)
    byAction.set(actionId, list)
  }
  return byAction
}

/** A booking's actions in the order they were agreed, each with its status history; `lock` holds their rows. */
export async function listActions(db: Queryable, bookingId: string, { lock = false } = {}): Promise<Action[]> {
  const { rows } = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS}
       FROM actions a LEFT JOIN programme_resources r ON r.id = a.resource_id
      WHERE a.booking_id = $1
      ORDER BY a.position, a.created_at, a.id
      ${lock ? 'FOR UPDATE OF a' : ''}`,
    [bookingId],
  )
  const history = await historyOf(db, rows.map((row) => row.id))
  return rows.map((row) => toAction(row, history.get(row.id) ?? []))
}

/** One action of this booking; `lock` holds its row. */
export async function findAction(db: Queryable, bookingId: string, actionId: string, { lock = false } = {}): Promise<Action | null> {
  const { rows } = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS}
       FROM actions a LEFT JOIN programme_resources r ON r.id = a.resource_id
      WHERE a.booking_id = $1 AND a.id = $2
      ${lock ? 'FOR UPDATE OF a' : ''}`,
    [bookingId, actionId],
  )
  const row = rows[0]
  if (!row) return null
  const history = await historyOf(db, [row.id])
  return toAction(row, history.get(row.id) ?? [])
}

/** What a coach writes of an action (its status apart). */
export type ActionFields = Omit<CheckedActionInput, 'status'>

export async function insertAction(
  db: Queryable,
  action: ActionFields & { bookingId: string; status: ActionStatus; staffUserId: string; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, resource_id, resource_url, resource_title,
                          status, status_changed_at, created_at, created_by_id, updated_at)
     VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM actions WHERE booking_id = $1),
             $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $10)
     RETURNING id`,
    [
      action.bookingId,
      action.summary,
      action.owner,
      action.dueOn,
      action.category,
      action.resourceId,
      action.link?.url ?? null,
      action.link?.title ?? null,
      action.status,
      action.now,
      action.staffUserId,
    ],
  )
  return rows[0]!.id
}

export async function updateActionFields(db: Queryable, actionId: string, fields: ActionFields, now: Date): Promise<void> {
  await db.query(
    `UPDATE actions
        SET summary = $2, owner = $3, due_on = $4, category = $5, resource_id = $6, resource_url = $7, resource_title = $8,
            updated_at = $9
      WHERE id = $1`,
    [actionId, fields.summary, fields.owner, fields.dueOn, fields.category, fields.resourceId, fields.link?.url ?? null, fields.link?.title ?? null, now],
  )
}

export async function setActionStatus(db: Queryable, actionId: string, status: ActionStatus, now: Date): Promise<void> {
  await db.query('UPDATE actions SET status = $2, status_changed_at = $3, updated_at = $3 WHERE id = $1', [actionId, status, now])
}

export async function insertStatusChange(
  db: Queryable,
  change: {
    actionId: string
    from: ActionStatus | null
    to: ActionStatus
    actor: ActionActor
    actorStaffUserId: string | null
    comment: string | null
    now: Date
  },
): Promise<void> {
  await db.query(
    `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, actor_staff_user_id, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [change.actionId, change.from, change.to, change.now, change.actor, change.actorStaffUserId, change.comment],
  )
}

export async function deleteAction(db: Queryable, bookingId: string, actionId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM actions WHERE booking_id = $1 AND id = $2', [bookingId, actionId])
  return rowCount === 1
}

/** The programme's active resources, by title. */
export async function listProgrammeResources(db: Queryable, programmeId: string): Promise<ProgrammeResource[]> {
  const { rows } = await db.query<ProgrammeResource>(
    `SELECT id, programme_id AS "programmeId", title, url, description
       FROM programme_resources WHERE programme_id = $1 AND active
      ORDER BY lower(title), id`,
    [programmeId],
  )
  return rows
}

export async function insertProgrammeResource(
  db: Queryable,
  resource: { programmeId: string; title: string; url: string; description?: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO programme_resources (programme_id, title, url, description) VALUES ($1, $2, $3, $4) RETURNING id`,
    [resource.programmeId, resource.title, resource.url, resource.description ?? null],
  )
  return rows[0]!.id
}

export type OverdueActionRow = Pick<ActionTable, 'bookingId' | 'summary' | 'owner' | 'category' | 'status'> &
  Pick<Booking, 'reference'> & {
    actionId: ActionTable['id']
    /** YYYY-MM-DD: the date column read as text. */
    dueOn: string
    coachName: string
    programmeName: string
  }

/** For a query on `actions a` with today's date (YYYY-MM-DD) as $1: still to do and due before today. */
const OVERDUE_ACTION_SQL = `(a.status IN ('not_started', 'in_progress') AND a.due_on < $1::date)`

/**
 * Actions still to do (not started or in progress) whose due date is before
 * `today` (YYYY-MM-DD), from completed notes only, oldest due first.
 */
export async function listOverdueActions(db: Queryable, today: string): Promise<OverdueActionRow[]> {
  const { rows } = await db.query<OverdueActionRow>(
    `SELECT a.id AS "actionId", a.booking_id AS "bookingId", b.reference, a.summary, a.owner,
            to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.category, a.status,
            s.name AS "coachName", p.name AS "programmeName"
       FROM actions a
       JOIN conversation_notes n ON n.booking_id = a.booking_id AND n.status = 'complete'
       JOIN bookings b ON b.id = a.booking_id
       JOIN programmes p ON p.id = b.programme_id
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users s ON s.id = c.staff_user_id
      WHERE ${OVERDUE_ACTION_SQL}
      ORDER BY s.name, a.due_on, b.reference, a.position`,
    [today],
  )
  return rows
}
