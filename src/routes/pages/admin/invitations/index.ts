import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { checkInvitationInput, inviteCandidate, withdrawInvitation, type InvitationDeps } from '../../../../domain/booking/service/index.js'
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import {
  ALREADY_INVITED_MESSAGE,
  INVITATION_CSV_COLUMNS,
  INVITATION_CSV_MAX_BYTES,
  INVITATION_CSV_MAX_ROWS,
  INVITATION_CSV_MESSAGES,
  INVITATION_CSV_TEMPLATE,
  INVITATION_STATUSES,
  INVITATION_STATUS_LABELS,
  InvitationAuditActions,
  importInvitationCsv,
  looksLikeCsvFileName,
} from '../../../../domain/invitations/index.js'
import { CsrfError } from '../../../../plugins/external/csrf.js'
import { listInvitations } from '../../../../repositories/invitations.js'
import { listProgrammes } from '../../../../repositories/programmes.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { errorsView } from '../../../../http/error-summary.js'
import { invitationView, people, programmeItems, rows, uploadProblemsView } from './page-support.js'
import { numberedPage } from '../../../../http/numbered-pages.js'

/**
 * /admin/invitations: the programme team invites people to book (one at a
 * time, or a CSV list), sees every invitation and withdraws one not yet
 * used. Access: ../autohooks.ts (admins only).
 *
 * The CSV upload is a multipart form: @fastify/multipart is registered here
 * only (1 file of at most 1MB). Its CSRF token is the form's first field,
 * which the global check cannot see (it runs before a multipart body is
 * read), so that route checks the token itself once the form is read.
 */

const PAGE_SIZE = 50
const FIELD_MAX = 5000

const ListQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal(''), Type.Literal('sent'), Type.Literal('booked'), Type.Literal('expired'), Type.Literal('withdrawn')]),
  ),
  programme: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'uuid' })])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  /** After inviting or withdrawing: whose banner to show. */
  invited: Type.Optional(Type.String({ format: 'uuid' })),
  withdrawn: Type.Optional(Type.String({ format: 'uuid' })),
})

const InviteForm = Type.Object({
  programme: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  name: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  email: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  phone: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  note: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
})

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const SELECT_PROGRAMME = 'Select a programme'

interface Upload {
  fields: Record<string, string>
  file: { name: string; content: Buffer; truncated: boolean } | null
}

const adminInvitations: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { files: 1, fileSize: INVITATION_CSV_MAX_BYTES, fields: 5, fieldSize: 1000, parts: 6, headerPairs: 50 },
  })

  const deps: InvitationDeps = app.deps
  const activeProgrammes = async () => (await listProgrammes(app.pg.pool)).filter((programme) => programme.active)
  const findListing = async (id: string) =>
    (await listInvitations(app.pg.pool, { now: app.clock.now(), id, limit: 1, offset: 0 })).invitations[0] ?? null

  /** The programme selected by default: the one the form sent, else the only one there is. */
  const chosenProgramme = (programmes: { id: string }[], sent: string | undefined) =>
    sent || (programmes.length === 1 ? programmes[0]!.id : undefined)

  // --- The list ----------------------------------------------------------------------
  app.get('/', { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const { status, programme, page = 1, invited, withdrawn } = request.query
    const programmes = await listProgrammes(app.pg.pool)
    const { invitations, total } = await listInvitations(app.pg.pool, {
      now: app.clock.now(),
      status: status || undefined,
      programmeId: programme || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    const pageUrl = (n: number) => {
      const query = new URLSearchParams()
      if (status) query.set('status', status)
      if (programme) query.set('programme', programme)
      if (n > 1) query.set('page', String(n))
      const text = query.toString()
      return `/admin/invitations${text ? `?${text}` : ''}`
    }
    const banner = invited ? await findListing(invited) : withdrawn ? await findListing(withdrawn) : null
    return reply.view('pages/admin/invitations/index.njk', {
      invitations: invitations.map(invitationView),
      total,
      filtered: Boolean(status || programme),
      ...numberedPage(page, total, PAGE_SIZE, pageUrl),
      statusItems: [
        { value: '', text: 'All statuses', selected: !status },
        ...INVITATION_STATUSES.map((value) => ({ value, text: INVITATION_STATUS_LABELS[value], selected: value === status })),
      ],
      programmeItems: programmeItems(programmes, programme || undefined, { text: 'All programmes' }),
      invitedBanner: invited && banner ? { name: banner.name } : null,
      withdrawnBanner: withdrawn && banner ? { name: banner.name } : null,
    })
  })

  app.get('/template.csv', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="invitations-template.csv"')
      // A byte order mark, so Excel reads the file as UTF-8.
      .send(`\uFEFF${INVITATION_CSV_TEMPLATE}`),
  )

  // --- Invite someone ------------------------------------------------------------------
  async function showInviteForm(reply: FastifyReply, values: Record<string, string | undefined>, problems: FieldProblem[] = []) {
    const programmes = await activeProgrammes()
    return reply.code(problems.length > 0 ? 400 : 200).view('pages/admin/invitations/new.njk', {
      values,
      programmeItems: programmeItems(programmes, chosenProgramme(programmes, values.programme), { text: SELECT_PROGRAMME }),
      ...errorsView(problems),
    })
  }

  app.get('/new', { schema: { hide: true } }, async (_request, reply) => showInviteForm(reply, {}))

  app.post('/new', { schema: { hide: true, body: InviteForm } }, async (request, reply) => {
    const values = request.body
    if (!values.programme) {
      // The other fields are checked too, so every problem shows at once.
      const problems: FieldProblem[] = [{ field: 'programme', message: SELECT_PROGRAMME }]
      try {
        checkFields(values)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        problems.push(...error.fields)
      }
      return showInviteForm(reply, values, problems)
    }
    try {
      const invitation = await inviteCandidate(
        deps,
        { programme: values.programme, name: values.name ?? '', email: values.email ?? '', phone: values.phone, note: values.note },
        { ...staffRequest(request), via: 'page' },
      )
      return reply.redirect(`/admin/invitations?invited=${invitation.id}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = error.fields.map((problem) => (problem.field === 'programme' ? { ...problem, message: SELECT_PROGRAMME } : problem))
        return showInviteForm(reply, values, problems)
      }
      if (error instanceof ConflictError && error.code === 'already_invited') {
        return showInviteForm(reply, values, [{ field: 'email', message: ALREADY_INVITED_MESSAGE }])
      }
      throw error
    }
  })

  // --- Invite a list -------------------------------------------------------------------
  async function showUploadForm(reply: FastifyReply, programme: string | undefined, problems: FieldProblem[] = []) {
    const programmes = await activeProgrammes()
    return reply.code(problems.length > 0 ? 400 : 200).view('pages/admin/invitations/upload.njk', {
      programmeItems: programmeItems(programmes, chosenProgramme(programmes, programme), { text: SELECT_PROGRAMME }),
      columns: INVITATION_CSV_COLUMNS,
      maxRows: INVITATION_CSV_MAX_ROWS.toLocaleString('en-GB'),
      ...errorsView(problems),
    })
  }

  app.get('/upload', { schema: { hide: true } }, async (_request, reply) => showUploadForm(reply, undefined))

  /** The form's fields and its one file, read from a multipart body (or the fields alone from any other form). */
  async function readUpload(request: FastifyRequest): Promise<Upload> {
    if (!request.isMultipart()) return { fields: stringFields(request.body), file: null }
    const upload: Upload = { fields: {}, file: null }
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer()
        if (part.fieldname === 'file' && !upload.file && (part.filename !== '' || content.length > 0)) {
          upload.file = { name: part.filename, content, truncated: part.file.truncated }
        }
      } else if (typeof part.value === 'string') {
        upload.fields[part.fieldname] = part.value
      }
    }
    return upload
  }

  app.post('/upload', { schema: { hide: true }, config: { csrf: false } }, async (request, reply) => {
    const upload = await readUpload(request)
    // The CSRF check the plugin would have made (see the top of this file): the token from the form.
    ;(request as { body: unknown }).body = { _csrf: upload.fields._csrf }
    if (!app.hasValidCsrfToken(request, reply)) throw new CsrfError()

    const programme = upload.fields.programme || undefined
    const problems: FieldProblem[] = []
    if (!programme) problems.push({ field: 'programme', message: SELECT_PROGRAMME })
    const file = upload.file
    if (!file) problems.push({ field: 'file', message: INVITATION_CSV_MESSAGES.noFile })
    else if (file.truncated) problems.push({ field: 'file', message: INVITATION_CSV_MESSAGES.tooLarge })
    else if (!looksLikeCsvFileName(file.name)) problems.push({ field: 'file', message: INVITATION_CSV_MESSAGES.notCsv })
    else if (file.content.length === 0) problems.push({ field: 'file', message: INVITATION_CSV_MESSAGES.empty })
    if (problems.length > 0 || !programme || !file) return showUploadForm(reply, programme, problems)

    let result
    try {
      result = await importInvitationCsv(deps, { programme, content: file.content }, staffRequest(request))
    } catch (error) {
      if (error instanceof ValidationError) return showUploadForm(reply, programme, [{ field: 'programme', message: SELECT_PROGRAMME }])
      throw error
    }
    if (!result.ok) return showUploadForm(reply, programme, [{ field: 'file', message: result.error }])

    await app.audit.recordRequest(request, {
      action: InvitationAuditActions.imported,
      subjectType: 'programme',
      subjectId: result.programme.id,
      result: 'success',
      details: { via: 'csv', rows: result.rowCount, invited: result.invited.length, notInvited: result.rowErrors.length },
    })
    return reply.view('pages/admin/invitations/upload-results.njk', {
      programmeName: result.programme.name,
      invitedCount: result.invited.length,
      invitedText: people(result.invited.length),
      notInvitedText: rows(result.rowErrors.length),
      rowErrors: uploadProblemsView(result.rowErrors),
    })
  })

  // --- Withdraw ------------------------------------------------------------------------
  async function showWithdrawPage(reply: FastifyReply, id: string, statusCode = 200) {
    const invitation = await findListing(id)
    if (!invitation) throw new NotFoundError('There is no such invitation')
    return reply.code(statusCode).view('pages/admin/invitations/withdraw.njk', { invitation: invitationView(invitation) })
  }

  app.get('/:id/withdraw', { schema: { hide: true, params: IdParams } }, async (request, reply) => showWithdrawPage(reply, request.params.id))

  app.post('/:id/withdraw', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    try {
      await withdrawInvitation(deps, request.params.id, { ...staffRequest(request), via: 'page' })
    } catch (error) {
      // Used to book since the page was shown: the page now says so.
      if (error instanceof ConflictError) return showWithdrawPage(reply, request.params.id, 409)
      throw error
    }
    return reply.redirect(`/admin/invitations?withdrawn=${request.params.id}`, 303)
  })
}

/** Runs the invitation checks on the form's fields (for showing every problem at once). */
function checkFields(values: Record<string, string | undefined>) {
  return checkInvitationInput({ name: values.name ?? '', email: values.email ?? '', phone: values.phone, note: values.note })
}

function stringFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {}
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export default adminInvitations
