import { NOT_BOOKABLE_TEXT, notBookableProgrammes } from '../../../../repositories/programme-bookability.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { listConversationModels } from '../../../../domain/conversation-models/index.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { ProgrammeChangedMeanwhileError, changeProgramme, createProgramme } from '../../../../domain/programmes/manage-programmes.js'
import {
  NEW_PROGRAMME_DEFAULTS,
  parseProgrammeForm,
  programmeFormValues,
  reminderChoices,
  type ProgrammeForm,
} from '../../../../domain/programmes/programme-settings.js'
import { formatDuration } from '../../../../domain/time/index.js'
import { domainsInWords } from '../../../../domain/booking/who-may-book.js'
import type { Queryable } from '../../../../repositories/db.js'
import { findProgrammeAccess } from '../../../../repositories/programme-access.js'
import whoMayBookPages from './who-may-book.js'
import { errorsView } from '../../../../http/error-summary.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { findProgrammeRecord, listProgrammeCoaches, listProgrammeSummaries, type ProgrammeRecord } from '../../../../repositories/programme-settings.js'

const Field = Type.Optional(Type.String({ maxLength: 1000 }))
const ProgrammeFormBody = Type.Object({
  _csrf: Field,
  name: Field,
  slug: Field,
  modelKey: Field,
  durationMinutes: Field,
  noticeHours: Field,
  cutoffHours: Field,
  horizonDays: Field,
  reminders: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 })])),
  retentionMonths: Field,
  coachTwoFactor: Field,
  open: Field,
  version: Field,
})
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

type FormValues = ReturnType<typeof programmeFormValues>

/** /admin/programmes: set up programmes and change their settings. Access: ../autohooks.ts (admins). */
const programmes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const models = listConversationModels()
  // Autoload loads only this index of the folder: the who-may-book pages are registered from here.
  await app.register(whoMayBookPages)

  app.get(
    '/',
    { schema: { hide: true, querystring: Type.Object({ added: Type.Optional(Type.String({ format: 'uuid' })), changed: Type.Optional(Type.String({ format: 'uuid' })) }) } },
    async (request, reply) => {
      const list = await listProgrammeSummaries(app.pg.pool, app.clock.now())
      const notBookable = await notBookableProgrammes(app.pg.pool, list.map((programme) => programme.id), app.clock.now())
      const added = list.find((programme) => programme.id === request.query.added)
      const changed = list.find((programme) => programme.id === request.query.changed)
      return reply.view('pages/admin/programmes/index.njk', {
        programmes: list.map((programme) => ({
          ...programme,
          modelName: models.find((model) => model.key === programme.modelKey)?.name ?? programme.modelKey,
          notBookable: programme.active && notBookable.has(programme.id) ? NOT_BOOKABLE_TEXT[notBookable.get(programme.id)!] : null,
        })),
        banner: added ? `${added.name} has been added` : changed ? `${changed.name} has been changed` : null,
      })
    },
  )

  async function render(reply: FastifyReply, current: ProgrammeRecord | null, values: FormValues, problems: FieldProblem[] = [], statusCode?: number) {
    return reply.code(statusCode ?? (problems.length > 0 ? 400 : 200)).view('pages/admin/programmes/form.njk', {
      current,
      coaches: current ? await listProgrammeCoaches(app.pg.pool, current.id) : [],
      changedMeanwhile: statusCode === 409,
      version: current?.updatedAt.toISOString() ?? null,
      values,
      modelItems: models.map((model) => ({ value: model.key, text: model.name, checked: model.key === values.modelKey })),
      reminderItems: reminderChoices(current?.reminderOffsetsMinutes ?? []).map((minutes) => ({
        value: String(minutes),
        text: `${formatDuration(minutes)} before`,
        checked: values.reminders.includes(String(minutes)),
      })),
      coachTwoFactorItems: yesNoItems(values.coachTwoFactor),
      whoMayBookText: current ? await whoMayBookText(app.pg.pool, current.id) : null,
      notBookable: current?.active ? await notBookableText(app.pg.pool, current.id, app.clock.now()) : null,
      openItems: yesNoItems(values.open),
      ...errorsView(problems),
    })
  }

  /** What was typed, to show again with the problems. */
  const typed = (body: ProgrammeForm, current: ProgrammeRecord | null): FormValues => ({
    ...Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : ''])),
    slug: current?.slug ?? body.slug ?? '',
    reminders: [body.reminders ?? []].flat(),
  }) as FormValues

  app.get('/new', { schema: { hide: true } }, async (_request, reply) =>
    render(reply, null, { ...programmeFormValues({ ...NEW_PROGRAMME_DEFAULTS, name: '', slug: '' }), coachTwoFactor: '' }),
  )

  app.post('/new', { schema: { hide: true, body: ProgrammeFormBody } }, async (request, reply) => {
    const parsed = parseProgrammeForm(request.body, null)
    if (!parsed.ok) return render(reply, null, typed(request.body, null), parsed.errors)
    try {
      const id = await createProgramme(deps, parsed.value, staffRequest(request))
      return reply.redirect(`/admin/programmes?added=${id}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) return render(reply, null, typed(request.body, null), error.fields)
      throw error
    }
  })

  async function programmeOf(id: string): Promise<ProgrammeRecord> {
    const programme = await findProgrammeRecord(app.pg.pool, id)
    if (!programme) throw new NotFoundError('There is no such programme')
    return programme
  }

  app.get('/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const programme = await programmeOf(request.params.id)
    return render(reply, programme, programmeFormValues(programme))
  })

  app.post('/:id', { schema: { hide: true, params: IdParams, body: ProgrammeFormBody } }, async (request, reply) => {
    const programme = await programmeOf(request.params.id)
    const parsed = parseProgrammeForm(request.body, programme)
    // Problems are shown against the version the admin was editing, so their save still checks it.
    if (!parsed.ok) return render(reply, { ...programme, updatedAt: versionRead(request.body.version) }, typed(request.body, programme), parsed.errors)
    try {
      await changeProgramme(deps, programme.id, parsed.value, staffRequest(request), request.body.version ?? '')
    } catch (error) {
      if (!(error instanceof ProgrammeChangedMeanwhileError)) throw error
      // The settings as they are now, to make the change again on.
      const now = await programmeOf(programme.id)
      return render(reply, now, programmeFormValues(now), [], 409)
    }
    return reply.redirect(`/admin/programmes?changed=${programme.id}`, 303)
  })
}

/** The version the form was read at; one that is missing or garbled is older than any, so the save is refused as stale. */
function versionRead(version: string | undefined): Date {
  const read = new Date(version ?? '')
  return Number.isNaN(read.getTime()) ? new Date(0) : read
}

/** Why an open programme is not offered to candidates (DECISIONS.md, "Not bookable"), or null when it is. */
async function notBookableText(pool: Queryable, id: string, now: Date): Promise<string | null> {
  const reason = (await notBookableProgrammes(pool, [id], now)).get(id)
  return reason ? NOT_BOOKABLE_TEXT[reason] : null
}

/** "Anyone with the link. Candidates prove their email address with a code." */
async function whoMayBookText(pool: Queryable, id: string): Promise<string> {
  const access = (await findProgrammeAccess(pool, id))?.access
  if (!access) return ''
  const who =
    access.whoMayBook === 'anyone' ? 'Anyone with the link' : access.whoMayBook === 'invited' ? 'Only people invited' : `Only email addresses ending ${domainsInWords(access.emailDomains)}`
  const proof = access.asksEmailCode ? 'Candidates without an invitation prove their email address with a code.' : 'Candidates are not asked to prove their email address.'
  const live = access.liveBookingsPerEmail === 1 ? 'one conversation' : `${access.liveBookingsPerEmail} conversations`
  return `${who}. ${proof} One email address may have ${live} booked at once.`
}

function yesNoItems(chosen: string) {
  return [
    { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
    { value: 'no', text: 'No', checked: chosen === 'no' },
  ]
}

export default programmes
