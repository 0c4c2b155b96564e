/**
 * What the notes, actions and summary routes (and the coach's pages) share:
 * the app's parts the services need, who is asking, and the JSON shapes.
 *
 * Two families of shapes: staff ones (values of every field, private ones
 * included; names of staff) and candidate ones (the summary: shared fields
 * only). Each candidate shape is a closed object, so even a value that
 * slipped past the domain would be dropped by the response serializer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { Action, ProgrammeResource } from '../domain/actions/index.js'
import type { NotesDeps, NotesRequest, NotesState, RecordedOutcome, Addendum, CandidateSummaryState, SummaryAction } from '../domain/notes/index.js'
import { credentialsOf } from './booking-credentials.js'
import { Nullable } from '../schemas/common.js'

export function notesDeps(app: FastifyInstance): NotesDeps {
  return app.deps
}

export function notesRequestOf(request: FastifyRequest): NotesRequest {
  return { credentials: credentialsOf(request), ip: request.ip, requestId: request.id }
}

const Iso = Type.String({ format: 'date-time' })
const closed = { additionalProperties: false } as const

const ActionStatus = Type.String({ description: 'not_started, in_progress, done or no_longer_relevant' })

const StaffRefSchema = Type.Object({ id: Type.String(), name: Type.String() }, closed)

const DiscussedOptionSchema = Type.Object(
  {
    role: Type.String(),
    timing: Type.String({ description: 'now or later' }),
    realism: Type.String({ description: 'realistic or stretch' }),
    notes: Type.Optional(Type.String()),
  },
  closed,
)
const DevelopmentNeedSchema = Type.Object({ need: Type.String(), isFocus: Type.Boolean() }, closed)

const NoteValueSchema = Type.Union([
  Type.String(),
  Type.Array(Type.String()),
  Type.Array(DiscussedOptionSchema),
  Type.Array(DevelopmentNeedSchema),
])

// ---- staff shapes ----------------------------------------------------------------------------

export const StaffActionSchema = Type.Object(
  {
    id: Type.String(),
    summary: Type.String(),
    owner: Type.String({ description: 'candidate, coach or programme_team' }),
    dueOn: Type.String({ description: 'YYYY-MM-DD' }),
    category: Type.String(),
    resource: Nullable(
      Type.Object(
        { id: Nullable(Type.String({ description: 'Set for a resource from the library' })), title: Type.String(), url: Type.String(), description: Nullable(Type.String()) },
        closed,
      ),
    ),
    status: ActionStatus,
    statusChangedAt: Iso,
    createdAt: Iso,
    updatedAt: Iso,
    history: Type.Array(
      Type.Object(
        {
          from: Nullable(ActionStatus),
          to: ActionStatus,
          at: Iso,
          actor: Type.String({ description: 'candidate, coach or admin' }),
          actorStaffUserId: Nullable(Type.String()),
          actorName: Nullable(Type.String()),
          comment: Nullable(Type.String()),
        },
        closed,
      ),
    ),
  },
  closed,
)

export const AddendumSchema = Type.Object(
  { id: Type.String(), text: Type.String(), visibility: Type.String({ description: 'shared or private' }), createdAt: Iso, author: Nullable(StaffRefSchema) },
  closed,
)

export const OutcomeSchema = Type.Object(
  {
    outcome: Type.String({ description: 'held, no_show or cancelled_late' }),
    recordedAt: Iso,
    recordedBy: Nullable(StaffRefSchema),
    noShowReason: Nullable(Type.String({ description: 'With no_show: forgot, no_longer_needed, work, personal_situation, rescheduled or not_known; null when none was given' })),
  },
  closed,
)

export const NotesReply = Type.Object(
  {
    bookingId: Type.String(),
    model: Type.Object({ key: Type.String(), version: Type.Integer(), name: Type.String() }, closed),
    status: Type.String({ description: 'not_started, draft or complete' }),
    version: Type.Integer({ description: 'Send it back with the next save; 0 before the first save' }),
    values: Type.Record(Type.String(), NoteValueSchema, { description: 'Field key to value, shared and private fields alike' }),
    noActionsAgreed: Type.Boolean(),
    updatedAt: Nullable(Iso),
    updatedBy: Nullable(StaffRefSchema),
    completedAt: Nullable(Iso),
    completedBy: Nullable(StaffRefSchema),
    addenda: Type.Array(AddendumSchema),
    actions: Type.Array(StaffActionSchema),
    outcome: Nullable(OutcomeSchema),
  },
  closed,
)

export const StaleNotesBody = Type.Object(
  {
    error: Type.Literal('stale_notes'),
    message: Type.String(),
    requestId: Type.String(),
    current: Type.Object(
      { version: Type.Integer(), updatedAt: Iso, updatedBy: Nullable(StaffRefSchema) },
      { ...closed, description: 'The version saved since: reload the notes to see it' },
    ),
  },
  closed,
)

export const ResourceSchema = Type.Object(
  { id: Type.String(), title: Type.String(), url: Type.String(), description: Nullable(Type.String()) },
  closed,
)

export function staffAction(action: Action) {
  return {
    id: action.id,
    summary: action.summary,
    owner: action.owner,
    dueOn: action.dueOn,
    category: action.category,
    resource: action.resource,
    status: action.status,
    statusChangedAt: action.statusChangedAt.toISOString(),
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
    history: action.history.map((change) => ({ ...change, at: change.at.toISOString() })),
  }
}

export function addendumReply(addendum: Addendum) {
  return { id: addendum.id, text: addendum.text, visibility: addendum.visibility, createdAt: addendum.createdAt.toISOString(), author: addendum.author }
}

export function outcomeReply(outcome: RecordedOutcome) {
  return { outcome: outcome.outcome, recordedAt: outcome.recordedAt.toISOString(), recordedBy: outcome.recordedBy, noShowReason: outcome.noShowReason }
}

export function notesReply(state: NotesState) {
  return {
    bookingId: state.booking.id,
    model: { key: state.model.key, version: state.model.version, name: state.model.name },
    status: state.status,
    version: state.version,
    values: state.values as Record<string, string | string[]>,
    noActionsAgreed: state.noActionsAgreed,
    updatedAt: state.updatedAt?.toISOString() ?? null,
    updatedBy: state.updatedBy,
    completedAt: state.completedAt?.toISOString() ?? null,
    completedBy: state.completedBy,
    addenda: state.addenda.map(addendumReply),
    actions: state.actions.map(staffAction),
    outcome: state.outcome ? outcomeReply(state.outcome) : null,
  }
}

export function resourceReply(resource: ProgrammeResource) {
  return { id: resource.id, title: resource.title, url: resource.url, description: resource.description }
}

// ---- candidate shapes (shared parts only) ----------------------------------------------------

export const CandidateActionSchema = Type.Object(
  {
    id: Type.String(),
    summary: Type.String(),
    owner: Type.String({ description: 'candidate, coach or programme_team' }),
    ownerLabel: Type.String({ examples: ['You'] }),
    dueOn: Type.String({ description: 'YYYY-MM-DD' }),
    category: Type.String(),
    categoryLabel: Type.String(),
    resource: Nullable(Type.Object({ title: Type.String(), url: Type.String(), description: Nullable(Type.String()) }, closed)),
    status: ActionStatus,
    statusLabel: Type.String(),
    statusChangedAt: Iso,
    history: Type.Array(
      Type.Object(
        {
          from: Nullable(ActionStatus),
          to: ActionStatus,
          at: Iso,
          by: Type.String({ description: 'candidate, coach or programme_team' }),
          comment: Nullable(Type.String({ description: "The candidate's own comments only" })),
        },
        closed,
      ),
    ),
  },
  closed,
)

const SummaryEntrySchema = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    kind: Type.String({ description: 'text, list, choice, options or developmentNeeds' }),
    text: Type.Optional(Type.String()),
    items: Type.Optional(Type.Array(Type.String())),
    options: Type.Optional(
      Type.Array(
        Type.Object(
          { role: Type.String(), timing: Type.String(), timingLabel: Type.String(), realism: Type.String(), realismLabel: Type.String(), notes: Nullable(Type.String()) },
          closed,
        ),
      ),
    ),
    developmentNeeds: Type.Optional(Type.Array(DevelopmentNeedSchema)),
  },
  closed,
)

export const SummaryReply = Type.Object(
  {
    bookingId: Type.String(),
    ready: Type.Boolean({ description: 'False until the coach completes the notes; then the rest is filled in' }),
    completedAt: Nullable(Iso),
    coachFirstName: Type.String(),
    stages: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), entries: Type.Array(SummaryEntrySchema) }, closed)),
    addenda: Type.Array(Type.Object({ text: Type.String(), createdAt: Iso }, closed)),
    noActionsAgreed: Type.Boolean(),
    actions: Type.Array(CandidateActionSchema),
  },
  closed,
)

export function candidateAction(action: SummaryAction) {
  return {
    ...action,
    statusChangedAt: action.statusChangedAt.toISOString(),
    history: action.history.map((change) => ({ ...change, at: change.at.toISOString() })),
  }
}

export function summaryReply(state: CandidateSummaryState) {
  const summary = state.summary
  return {
    bookingId: state.booking.id,
    ready: state.ready,
    completedAt: state.completedAt?.toISOString() ?? null,
    coachFirstName: state.booking.coachFirstName,
    stages: summary?.stages ?? [],
    addenda: (summary?.addenda ?? []).map((addendum) => ({ text: addendum.text, createdAt: addendum.createdAt.toISOString() })),
    noActionsAgreed: summary?.noActionsAgreed ?? false,
    actions: (summary?.actions ?? []).map(candidateAction),
  }
}
