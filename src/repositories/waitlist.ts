/** The waitlist: entries (people in line), their manage links, and the offers made to them. */
import type { Queryable } from './db.js'
import type { ContactMethod } from '../domain/booking/types.js'
import type { PartOfDay } from '../domain/waitlist/preferences.js'
import type { Programme, WaitlistEntry, WaitlistOffer } from './rows.js'

/** Text in the schema; the migration's CHECK allows only these. */
type WaitlistStatus = 'waiting' | 'booked' | 'left' | 'removed' | 'ended'
/** Text in the schema; the migration's CHECK allows only these. */
type OfferStatus = 'open' | 'taken' | 'declined' | 'expired' | 'withdrawn'

export type WaitlistEntryRecord = Pick<
  WaitlistEntry,
  | 'id'
  | 'programmeId'
  | 'invitationId'
  | 'candidateName'
  | 'candidateEmail'
  | 'candidatePhone'
  | 'contactMethod'
  | 'accessibilityNeeds'
  | 'days'
  | 'createdAt'
  | 'leftAt'
  | 'bookingId'
> & {
  programmeSlug: Programme['slug']
  programmeName: Programme['name']
  timeZone: WaitlistEntry['candidateTimeZone']
  /** Text in the schema; the migration's CHECK allows only these. */
  partsOfDay: PartOfDay[]
  /** availableFrom and availableTo: YYYY-MM-DD, the date columns read as text. */
  from: string | null
  to: string | null
  status: WaitlistStatus
}

export type WaitlistOfferRecord = Pick<
  WaitlistOffer,
  'id' | 'entryId' | 'programmeId' | 'holdId' | 'startsAt' | 'endsAt' | 'offeredAt' | 'expiresAt' | 'bookingId'
> & { status: OfferStatus }

const ENTRY_COLUMNS = `e.id, e.programme_id AS "programmeId", p.slug AS "programmeSlug", p.name AS "programmeName",
  e.invitation_id AS "invitationId", e.candidate_name AS "candidateName", e.candidate_email AS "candidateEmail",
  e.candidate_phone AS "candidatePhone", e.contact_method AS "contactMethod", e.accessibility_needs AS "accessibilityNeeds",
  e.candidate_time_zone AS "timeZone",
  e.days, e.parts_of_day AS "partsOfDay", e.available_from::text AS "from", e.available_to::text AS "to",
  e.status, e.created_at AS "createdAt", e.left_at AS "leftAt", e.booking_id AS "bookingId"`

const OFFER_COLUMNS = `o.id, o.entry_id AS "entryId", o.programme_id AS "programmeId", o.hold_id AS "holdId", o.starts_at AS "startsAt",
  o.ends_at AS "endsAt", o.offered_at AS "offeredAt", o.expires_at AS "expiresAt", o.status, o.booking_id AS "bookingId"`

interface NewWaitlistEntry {
  programmeId: string
  invitationId: string | null
  candidateName: string
  candidateEmail: string
  candidatePhone: string | null
  contactMethod: ContactMethod
  accessibilityNeeds: string | null
  timeZone: string
  days: number[]
  partsOfDay: PartOfDay[]
  from: string | null
  to: string | null
  consentNoticeVersion: string
  now: Date
}

/**
 * Adds the person to the line, or, when the address is waiting already,
 * changes what they said (they keep their place). Returns the entry's id.
 */
export async function upsertWaitingEntry(db: Queryable, entry: NewWaitlistEntry): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO waitlist_entries (programme_id, invitation_id, candidate_name, candidate_email, candidate_phone, contact_method,
                                   candidate_time_zone, days, parts_of_day, available_from, available_to,
                                   consent_notice_version, consent_acknowledged_at, created_at, updated_at, accessibility_needs)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13, $14)
     ON CONFLICT (programme_id, candidate_email) WHERE status = 'waiting' DO UPDATE
        SET invitation_id = COALESCE(EXCLUDED.invitation_id, waitlist_entries.invitation_id),
            candidate_name = EXCLUDED.candidate_name, candidate_phone = EXCLUDED.candidate_phone,
            contact_method = EXCLUDED.contact_method, accessibility_needs = EXCLUDED.accessibility_needs,
            candidate_time_zone = EXCLUDED.candidate_time_zone,
            days = EXCLUDED.days, parts_of_day = EXCLUDED.parts_of_day,
            available_from = EXCLUDED.available_from, available_to = EXCLUDED.available_to,
            consent_notice_version = EXCLUDED.consent_notice_version, consent_acknowledged_at = EXCLUDED.consent_acknowledged_at,
            updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [
      entry.programmeId,
      entry.invitationId,
      entry.candidateName,
      entry.candidateEmail,
      entry.candidatePhone,
      entry.contactMethod,
      entry.timeZone,
      entry.days,
      entry.partsOfDay,
      entry.from,
      entry.to,
      entry.consentNoticeVersion,
      entry.now,
      entry.accessibilityNeeds,
    ],
  )
  return rows[0]!.id
}

/** Changes what suits a waiting person (from their manage link); false when they are no longer waiting. */
export async function updatePreferences(
  db: Queryable,
  entryId: string,
  preferences: { days: number[]; partsOfDay: PartOfDay[]; from: string | null; to: string | null; timeZone: string; contactMethod: ContactMethod; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE waitlist_entries SET days = $2, parts_of_day = $3, available_from = $4, available_to = $5, candidate_time_zone = $6,
            contact_method = $7, updated_at = $8
      WHERE id = $1 AND status = 'waiting'`,
    [entryId, preferences.days, preferences.partsOfDay, preferences.from, preferences.to, preferences.timeZone, preferences.contactMethod, preferences.now],
  )
  return (rowCount ?? 0) > 0
}

export async function findEntry(db: Queryable, id: string, { lock = false } = {}): Promise<WaitlistEntryRecord | null> {
  const { rows } = await db.query<WaitlistEntryRecord>(
    `SELECT ${ENTRY_COLUMNS} FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`,
    [id],
  )
  return rows[0] ?? null
}

/** The entry a manage link opens, while the link works. */
export async function findEntryIdByTokenHash(db: Queryable, tokenHash: string, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ entryId: string }>(
    `SELECT entry_id AS "entryId" FROM waitlist_manage_tokens WHERE token_hash = $1 AND expires_at > $2`,
    [tokenHash, now],
  )
  return rows[0]?.entryId ?? null
}

/** A waitlist manage link's row: the entry, the sha256 of its token, when it stops working, when it was made. */
export interface WaitlistTokenRecord {
  entryId: string
  tokenHash: string
  expiresAt: Date
  now: Date
}

export async function insertWaitlistManageToken(db: Queryable, token: WaitlistTokenRecord): Promise<void> {
  await db.query(`INSERT INTO waitlist_manage_tokens (entry_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)`, [
    token.entryId,
    token.tokenHash,
    token.expiresAt,
    token.now,
  ])
}

/** The person's open offer, if any (locked for taking or declining it). */
export async function findOpenOffer(db: Queryable, entryId: string, { lock = false } = {}): Promise<WaitlistOfferRecord | null> {
  const { rows } = await db.query<WaitlistOfferRecord>(
    `SELECT ${OFFER_COLUMNS} FROM waitlist_offers o WHERE o.entry_id = $1 AND o.status = 'open' ${lock ? 'FOR UPDATE' : ''}`,
    [entryId],
  )
  return rows[0] ?? null
}

export async function findOffer(db: Queryable, offerId: string): Promise<WaitlistOfferRecord | null> {
  const { rows } = await db.query<WaitlistOfferRecord>(`SELECT ${OFFER_COLUMNS} FROM waitlist_offers o WHERE o.id = $1`, [offerId])
  return rows[0] ?? null
}

/** Ends an open offer and the hold that keeps its time (the time goes back to everyone, and to the next person in line). */
export async function closeOffer(db: Queryable, offerId: string, status: Exclude<OfferStatus, 'open'>, now: Date, bookingId: string | null = null): Promise<void> {
  const { rows } = await db.query<{ holdId: string | null }>(
    `UPDATE waitlist_offers SET status = $2, closed_at = $3, booking_id = $4 WHERE id = $1 AND status = 'open' RETURNING hold_id AS "holdId"`,
    [offerId, status, now, bookingId],
  )
  const holdId = rows[0]?.holdId
  if (holdId) await db.query('DELETE FROM slot_holds WHERE id = $1', [holdId])
}

/** The person is no longer waiting (left, removed, booked, ended); an open offer of theirs is withdrawn. */
export async function endEntry(db: Queryable, entryId: string, status: Exclude<WaitlistStatus, 'waiting'>, now: Date, bookingId: string | null = null): Promise<boolean> {
  const offer = await findOpenOffer(db, entryId, { lock: true })
  const { rowCount } = await db.query(
    `UPDATE waitlist_entries SET status = $2, left_at = $3, updated_at = $3, booking_id = COALESCE($4, booking_id) WHERE id = $1 AND status = 'waiting'`,
    [entryId, status, now, bookingId],
  )
  if (offer && status !== 'booked') await closeOffer(db, offer.id, 'withdrawn', now)
  return (rowCount ?? 0) > 0
}

/** Open offers past their deadline: each is marked expired and its hold ended. */
export async function expireDueOffers(db: Queryable, programmeId: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ holdId: string | null }>(
    `UPDATE waitlist_offers SET status = 'expired', closed_at = $2
      WHERE programme_id = $1 AND status = 'open' AND expires_at <= $2 RETURNING hold_id AS "holdId"`,
    [programmeId, now],
  )
  const holdIds = rows.map((row) => row.holdId).filter((id): id is string => id !== null)
  if (holdIds.length > 0) await db.query('DELETE FROM slot_holds WHERE id = ANY($1::uuid[])', [holdIds])
  return rows.length
}

/** People whose last date has passed on their own clock leave the line. */
export async function endPastEntries(db: Queryable, programmeId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE waitlist_entries SET status = 'ended', left_at = $2, updated_at = $2
      WHERE programme_id = $1 AND status = 'waiting' AND available_to IS NOT NULL
        AND available_to < ($2::timestamptz AT TIME ZONE candidate_time_zone)::date
        AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = waitlist_entries.id AND o.status = 'open')`,
    [programmeId, now],
  )
  return rowCount ?? 0
}

/** Someone in line to be offered a time: no open offer, and the starts they were offered before. */
interface WaitingPerson extends WaitlistEntryRecord {
  offeredStarts: number[]
}

/** The programme's line, first joined first, of people with no open offer. */
export async function listWaitingWithoutOffer(db: Queryable, programmeId: string): Promise<WaitingPerson[]> {
  const { rows } = await db.query<WaitlistEntryRecord & { offeredStarts: string[] | null }>(
    `SELECT ${ENTRY_COLUMNS},
            (SELECT array_agg((extract(epoch FROM o.starts_at) * 1000)::bigint) FROM waitlist_offers o WHERE o.entry_id = e.id) AS "offeredStarts"
       FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id
      WHERE e.programme_id = $1 AND e.status = 'waiting'
        AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.status = 'open')
      ORDER BY e.created_at, e.id`,
    [programmeId],
  )
  return rows.map((row) => ({ ...row, offeredStarts: (row.offeredStarts ?? []).map(Number) }))
}

/** A hold of the kind waitlist_offer; fails with 23P01 when another unexpired hold of the coach overlaps it. */
export async function insertOfferHold(
  db: Queryable,
  hold: { programmeId: string; coachId: string; holderKeyHash: string; startsAt: Date; endsAt: Date; expiresAt: Date; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO slot_holds (programme_id, coach_id, holder_key_hash, starts_at, ends_at, expires_at, created_at, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'waitlist_offer') RETURNING id`,
    [hold.programmeId, hold.coachId, hold.holderKeyHash, hold.startsAt, hold.endsAt, hold.expiresAt, hold.now],
  )
  return rows[0]!.id
}

export async function insertOffer(
  db: Queryable,
  offer: { entryId: string; programmeId: string; holdId: string; startsAt: Date; endsAt: Date; expiresAt: Date; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO waitlist_offers (entry_id, programme_id, hold_id, starts_at, ends_at, offered_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [offer.entryId, offer.programmeId, offer.holdId, offer.startsAt, offer.endsAt, offer.now, offer.expiresAt],
  )
  return rows[0]!.id
}

/** The hold that keeps an offer's time, while it lasts. */
export async function findOfferHold(db: Queryable, holdId: string, now: Date): Promise<{ coachId: string; holderKeyHash: string } | null> {
  const { rows } = await db.query<{ coachId: string; holderKeyHash: string }>(
    `SELECT coach_id AS "coachId", holder_key_hash AS "holderKeyHash" FROM slot_holds WHERE id = $1 AND expires_at > $2`,
    [holdId, now],
  )
  return rows[0] ?? null
}

/** Each programme with its line's length now, for the programme team's list. */
export async function waitlistLengths(db: Queryable): Promise<{ id: string; slug: string; name: string; active: boolean; waiting: number }[]> {
  const { rows } = await db.query<{ id: string; slug: string; name: string; active: boolean; waiting: number }>(
    `SELECT p.id, p.slug, p.name, p.active,
            (SELECT count(*)::int FROM waitlist_entries e WHERE e.programme_id = p.id AND e.status = 'waiting') AS waiting
       FROM programmes p ORDER BY p.active DESC, p.name, p.slug`,
  )
  return rows
}

/** A programme's line in order, with any time held for each person now. */
export async function listLine(db: Queryable, programmeId: string): Promise<(WaitlistEntryRecord & { offer: { startsAt: Date; endsAt: Date; expiresAt: Date } | null })[]> {
  const { rows } = await db.query<WaitlistEntryRecord & { offerStartsAt: Date | null; offerEndsAt: Date | null; offerExpiresAt: Date | null }>(
    `SELECT ${ENTRY_COLUMNS}, o.starts_at AS "offerStartsAt", o.ends_at AS "offerEndsAt", o.expires_at AS "offerExpiresAt"
       FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id
       LEFT JOIN waitlist_offers o ON o.entry_id = e.id AND o.status = 'open'
      WHERE e.programme_id = $1 AND e.status = 'waiting'
      ORDER BY e.created_at, e.id`,
    [programmeId],
  )
  return rows.map(({ offerStartsAt, offerEndsAt, offerExpiresAt, ...entry }) => ({
    ...entry,
    offer: offerStartsAt && offerEndsAt && offerExpiresAt ? { startsAt: offerStartsAt, endsAt: offerEndsAt, expiresAt: offerExpiresAt } : null,
  }))
}

/** One person's places on waitlists, with every offer made to them (subject access, erasure). */
export interface WaitlistSubjectRecord extends WaitlistEntryRecord, Pick<WaitlistEntry, 'consentNoticeVersion' | 'consentAcknowledgedAt'> {
  offers: { startsAt: Date; endsAt: Date; offeredAt: Date; expiresAt: Date; status: OfferStatus }[]
}

export async function loadWaitlistForSubject(db: Queryable, emails: readonly string[], invitationIds: readonly string[], { lock = false } = {}): Promise<WaitlistSubjectRecord[]> {
  const { rows } = await db.query<WaitlistSubjectRecord>(
    `SELECT ${ENTRY_COLUMNS}, e.consent_notice_version AS "consentNoticeVersion", e.consent_acknowledged_at AS "consentAcknowledgedAt",
            coalesce((SELECT json_agg(json_build_object('startsAt', o.starts_at, 'endsAt', o.ends_at, 'offeredAt', o.offered_at,
                                                        'expiresAt', o.expires_at, 'status', o.status) ORDER BY o.offered_at)
                        FROM waitlist_offers o WHERE o.entry_id = e.id), '[]') AS offers
       FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id
      WHERE lower(e.candidate_email) = ANY($1::text[]) OR e.invitation_id = ANY($2::uuid[])
      ORDER BY e.created_at, e.id ${lock ? 'FOR UPDATE OF e' : ''}`,
    [emails.map((email) => email.toLowerCase()), invitationIds],
  )
  return rows.map((row) => ({
    ...row,
    offers: row.offers.map((offer) => ({ ...offer, startsAt: new Date(offer.startsAt), endsAt: new Date(offer.endsAt), offeredAt: new Date(offer.offeredAt), expiresAt: new Date(offer.expiresAt) })),
  }))
}

/** Erasure: the entries (their links and offers go by foreign key), after the holds of their open offers. */
export async function deleteWaitlistEntries(db: Queryable, ids: readonly string[]): Promise<number> {
  await db.query(`DELETE FROM slot_holds h USING waitlist_offers o WHERE h.id = o.hold_id AND o.entry_id = ANY($1::uuid[])`, [ids])
  const { rowCount } = await db.query('DELETE FROM waitlist_entries WHERE id = ANY($1::uuid[])', [ids])
  return rowCount ?? 0
}

/**
 * Retention: places that ended (booked, left, removed, dates passed) longer
 * ago than their programme keeps records; returns how many went.
 */
export async function deleteEndedEntriesPastRetention(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM waitlist_entries e USING programmes p
      WHERE p.id = e.programme_id AND e.status <> 'waiting' AND e.left_at IS NOT NULL
        AND e.left_at < $1::timestamptz - make_interval(months => p.retention_months)`,
    [now],
  )
  return rowCount ?? 0
}
