/**
 * What matching a programme's waitlist reads besides the line itself
 * (waitlist.ts): the lock that lets one run at a time match a programme, how
 * far ahead and how near to now it may offer times, and whether a person is
 * still waiting.
 */
import type pg from 'pg'
import { isPgError, type Queryable } from './db.js'
import type { Programme } from './rows.js'

const PG_LOCK_NOT_AVAILABLE = '55P03'

/** withMatchingLock's answer when another run held the lock for longer than it would wait. */
export const MATCHING_BUSY = Symbol('matching busy')

/**
 * Runs `work` holding the programme's matching lock, across every instance:
 * a session advisory lock on a connection kept for the run (the run's own
 * transactions go on the pool, and commit while it is held). Waits
 * `waitSeconds` for a run in progress, then answers MATCHING_BUSY. The
 * connection is given back without its lock and wait, or dropped when they
 * could not be undone.
 */
export async function withMatchingLock<T>(pool: pg.Pool, programmeId: string, waitSeconds: number, work: () => Promise<T>): Promise<T | typeof MATCHING_BUSY> {
  const lock = await pool.connect()
  const lockKey = `waitlist-match:${programmeId}`
  let locked = false
  try {
    await lock.query(`SET lock_timeout = '${waitSeconds}s'`)
    try {
      await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey])
      locked = true
    } catch (error) {
      if (isPgError(error, PG_LOCK_NOT_AVAILABLE)) return MATCHING_BUSY
      throw error
    }
    return await work()
  } finally {
    let broken = false
    if (locked) await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]).catch(() => (broken = true))
    await lock.query('RESET lock_timeout').catch(() => (broken = true))
    lock.release(broken)
  }
}

/** How many days ahead the programme may be booked (and times offered); null for no such programme. */
export async function findProgrammeHorizonDays(db: Queryable, programmeId: string): Promise<Programme['horizonDays'] | null> {
  const { rows } = await db.query<{ horizon: Programme['horizonDays'] }>('SELECT horizon_days AS horizon FROM programmes WHERE id = $1', [programmeId])
  return rows[0]?.horizon ?? null
}

/** The programme's minimum notice in minutes (an offer ends before it); null for no such programme. */
export async function findProgrammeMinimumNotice(db: Queryable, programmeId: string): Promise<Programme['minimumNoticeMinutes'] | null> {
  const { rows } = await db.query<{ notice: Programme['minimumNoticeMinutes'] }>('SELECT minimum_notice_minutes AS notice FROM programmes WHERE id = $1', [
    programmeId,
  ])
  return rows[0]?.notice ?? null
}

/** Whether the person is still in line (not booked, gone or removed meanwhile). */
export async function isStillWaiting(db: Queryable, entryId: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM waitlist_entries WHERE id = $1 AND status = 'waiting'`, [entryId])
  return rowCount !== 0
}
