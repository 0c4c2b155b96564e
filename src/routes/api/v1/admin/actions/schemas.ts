/** JSON shapes of the follow-up review API (not a plugin: autoload loads only index.ts here). */
import { Type } from 'typebox'
import { ACTION_CATEGORIES, ACTION_COMMENT_MAX_LENGTH, ACTION_OWNERS, ACTION_STATUSES } from '../../../../../domain/actions/types.js'
import { BULK_REASONS, BULK_STATUS_LIMIT } from '../../../../../domain/actions/bulk-status.js'
import { EXPORT_COLUMNS } from '../../../../../domain/actions/review-export.js'
import { REVIEW_LIMIT_DEFAULT, REVIEW_LIMIT_MAX, REVIEW_SEARCH_MAX_LENGTH, REVIEW_SORTS } from '../../../../../domain/actions/review.js'
import { Nullable } from '../../../../../schemas/common.js'

const oneOf = (values: readonly string[], description: string) => Type.String({ enum: [...values], description })
const Day = (description: string) => Type.String({ format: 'date', description, examples: ['2026-03-02'] })

export const ReviewQuery = Type.Object({
  programme: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Programme id or slug (active or not)', examples: ['vaccinators'] })),
  coach: Type.Optional(Type.String({ format: 'uuid', description: 'Coach id' })),
  owner: Type.Optional(oneOf(ACTION_OWNERS, 'Who does the action')),
  category: Type.Optional(oneOf(ACTION_CATEGORIES, 'What kind of action it is')),
  status: Type.Optional(oneOf(ACTION_STATUSES, 'Its status now')),
  overdue: Type.Optional(
    Type.Boolean({ description: 'true: only overdue actions (not started or in progress, due before today in the UK); false: only the rest' }),
  ),
  dueFrom: Type.Optional(Day('Due on or after this date')),
  dueTo: Type.Optional(Day('Due on or before this date')),
  agreedFrom: Type.Optional(Day('Agreed (created) on or after this UK date')),
  agreedTo: Type.Optional(Day('Agreed (created) on or before this UK date')),
  q: Type.Optional(
    Type.String({
      maxLength: REVIEW_SEARCH_MAX_LENGTH,
      description: "Part of the candidate's name, email address or booking reference, any case",
      examples: ['CC-7KQ2'],
    }),
  ),
  sort: Type.Optional(
    Type.String({
      enum: [...REVIEW_SORTS],
      default: 'overdue',
      description:
        'A field, with - before it for the reverse order. overdue: overdue actions first, then the rest, each by due date; ' +
        'dueOn: due date; status: not started, in progress, done, no longer relevant, then due date; coach: coach name, then due date; ' +
        "candidate: candidate name, then due date; statusSince: when the status last changed, longest ago first. Every order ends in the action's id.",
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      maxLength: 2000,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'nextCursor (or previousCursor) of the page before, unchanged; with the same sort',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REVIEW_LIMIT_MAX, default: REVIEW_LIMIT_DEFAULT, description: 'Actions per page' })),
})

const ReviewedActionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  bookingId: Type.String({ format: 'uuid' }),
  summary: Type.String({ description: 'What was agreed' }),
  owner: oneOf(ACTION_OWNERS, 'Who does it'),
  category: oneOf(ACTION_CATEGORIES, 'What kind of action it is'),
  status: oneOf(ACTION_STATUSES, 'Its status now'),
  dueOn: Type.String({ format: 'date' }),
  overdue: Type.Boolean({ description: 'Not started or in progress, and due before today (UK)' }),
  statusSince: Type.String({ format: 'date-time', description: 'When the status last changed: how long it has been in it' }),
  candidate: Type.Object({ name: Type.String() }),
  coach: Type.Object({ name: Type.String() }),
  programme: Type.Object({ slug: Type.String(), name: Type.String() }),
  bookingReference: Type.String({ examples: ['CC-7KQ2M9'] }),
  latestCandidateComment: Nullable(Type.String({ description: 'The latest comment the candidate wrote when changing its status' })),
})

export const ReviewReply = Type.Object({
  actions: Type.Array(ReviewedActionSchema),
  nextCursor: Nullable(Type.String({ description: 'The next page: pass as cursor; null after the last' })),
  previousCursor: Nullable(Type.String({ description: 'The page before: pass as cursor; null on the first' })),
})

/** The export takes the review's filters and sort; every matching action, so no cursor or limit. */
const { cursor: _cursor, limit: _limit, ...filterAndSort } = ReviewQuery.properties
export const ExportQuery = Type.Object(filterAndSort)

export const CsvFile = Type.String({
  description:
    'UTF-8 with a byte order mark, one header row, CRLF line ends, RFC 4180 quoting; dates YYYY-MM-DD, instants ISO 8601 in UTC. ' +
    'A cell beginning with = + - @, a tab or a carriage return starts with an apostrophe (no formulas). Columns: ' +
    EXPORT_COLUMNS.join(', '),
})

export const BulkStatusBody = Type.Object({
  actionIds: Type.Array(Type.String({ format: 'uuid' }), {
    minItems: 1,
    maxItems: BULK_STATUS_LIMIT,
    description: `The actions to change, ${BULK_STATUS_LIMIT} at most (a repeated id counts once)`,
  }),
  status: oneOf(ACTION_STATUSES, 'Their new status'),
  comment: Type.String({
    minLength: 1,
    maxLength: ACTION_COMMENT_MAX_LENGTH,
    description: "Why the status is changing: kept in each action's history",
  }),
})

export const BulkStatusReply = Type.Object({
  results: Type.Array(
    Type.Object({
      actionId: Type.String({ format: 'uuid' }),
      changed: Type.Boolean(),
      reason: Type.Optional(
        Type.String({
          enum: [...BULK_REASONS],
          description:
            'Why it was not changed. not_found: no such action; notes_not_complete: the notes are a draft (change it on the notes form); ' +
            'already_in_status: it already had this status',
        }),
      ),
    }),
    { description: 'One per action, in the order given' },
  ),
})
