/**
 * The end of the join journey:
 *   /waitlist/:programme/check         check your answers, then join
 *   /waitlist/:programme/email-code    the code, on programmes that ask for proof of the address
 *   /waitlist/:programme/confirmation  on the waitlist
 * Joining and sending a code count against the per-address limit of
 * anonymous writes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { fieldError } from '../../../domain/booking-journey/index.js'
import type { BookableProgramme } from '../../../domain/booking/types.js'
import { EMAIL_CODE_MINUTES, EmailNotProvenError, proveEmail, requestEmailCode } from '../../../domain/email-proof/index.js'
import { ValidationError } from '../../../domain/errors.js'
import { timeZoneLabel } from '../../../domain/time/index.js'
import { joinWaitlist } from '../../../domain/waitlist/join.js'
import { describeDays, describePartsOfDay } from '../../../domain/waitlist/preferences.js'
import { describeDates } from '../../../emails/waitlist-emails.js'
import { bookingDeps, visitorOf } from '../../../http/candidate-pages.js'
import type { WaitlistJourney } from '../../../http/waitlist-journey.js'
import { Form, ProgrammeParams, field, joinSteps } from './join-step.js'

const checkAndJoinPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = bookingDeps(app)
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)
  const { journey, base, stepPath, programmeOr404, openStep, render } = joinSteps(app)

  // ---- check your answers, then join ----------------------------------------------------------
  function checkView(programme: BookableProgramme, state: WaitlistJourney) {
    return {
      answers: {
        name: state.name,
        email: state.email,
        phone: state.phone,
        contactMethod: state.contactMethod,
        accessibilityNeeds: state.accessibilityNeeds,
        days: describeDays(state.days ?? []),
        partsOfDay: describePartsOfDay(state.partsOfDay ?? []),
        dates: describeDates({ from: state.from ?? null, to: state.to ?? null }),
        timeZoneText: timeZoneLabel(state.timeZone),
      },
      paths: Object.fromEntries((['details', 'contact', 'days', 'times', 'dates', 'information'] as const).map((step) => [step, stepPath(programme, step)])),
      needsCode: needsCode(programme, state),
    }
  }
  const needsCode = (programme: BookableProgramme, state: WaitlistJourney) => programme.access.asksEmailCode && !state.invitation

  app.get('/:programme/check', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    return render(reply, page.programme, 'check', [], checkView(page.programme, page.state))
  })

  app.post('/:programme/check', { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme, state } = page
    if (needsCode(programme, state)) {
      const { codeId } = await requestEmailCode(deps, { programme, email: state.email!, invited: false, context: visitorOf(request) })
      journey.write(reply, { ...state, codeId })
      return reply.redirect(stepPath(programme, 'email-code'), 303)
    }
    return join(request, reply, programme, state, null)
  })

  async function join(request: FastifyRequest, reply: FastifyReply, programme: BookableProgramme, state: WaitlistJourney, emailCode: { codeId: string; code: string } | null) {
    try {
      const joined = await joinWaitlist(
        deps,
        {
          programme: programme.slug,
          candidate: { name: state.name!, email: state.email!, phone: state.phone },
          contactMethod: state.contactMethod!,
          accessibilityNeeds: state.accessibilityNeeds ?? null,
          preferences: { days: state.days!, partsOfDay: state.partsOfDay!, from: state.from, to: state.to, timeZone: state.timeZone },
          consent: state.consent === true,
          invitation: state.invitation,
          emailCode,
        },
        visitorOf(request),
      )
      journey.write(reply, { programme: programme.slug, invitation: null, timeZone: state.timeZone, joinedToken: joined.manageToken })
      return reply.redirect(stepPath(programme, 'confirmation'), 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      // Each page checks its own answers, so this is the invitation (or a programme changed meanwhile): said on the check page.
      return render(reply, programme, 'check', error.fields.map((problem) => fieldError('join', problem.message)), checkView(programme, state))
    }
  }

  // ---- the email code ------------------------------------------------------------------------
  app.get('/:programme/email-code', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    if (!page.state.codeId) return reply.redirect(stepPath(page.programme, 'check'), 303)
    return render(reply, page.programme, 'email-code', [], { email: page.state.email, minutes: EMAIL_CODE_MINUTES, checkPath: stepPath(page.programme, 'check') })
  })
  app.post('/:programme/email-code', { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({ code: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme, state } = page
    if (!state.codeId) return reply.redirect(stepPath(programme, 'check'), 303)
    const code = (request.body.code ?? '').replace(/\s/g, '')
    try {
      // Proven here, so the join that follows finds the proof (the try counts whatever happens next).
      await proveEmail(deps, { programmeId: programme.id, email: state.email!, codeId: state.codeId, code })
    } catch (error) {
      if (!(error instanceof EmailNotProvenError)) throw error
      return render(reply, programme, 'email-code', [fieldError('code', error.message)], { email: state.email, minutes: EMAIL_CODE_MINUTES, checkPath: stepPath(programme, 'check') })
    }
    return join(request, reply, programme, state, { codeId: state.codeId, code })
  })

  // ---- confirmation --------------------------------------------------------------------------
  app.get('/:programme/confirmation', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const programme = await programmeOr404(request, reply)
    if (!programme) return reply
    const saved = journey.read(request)
    if (!saved?.joinedToken || saved.programme !== programme.slug) return reply.redirect(base(programme), 303)
    return reply.view('pages/waitlist/confirmation.njk', { caption: programme.name, manageHref: `/waitlist/manage/${saved.joinedToken}` })
  })
}

export default checkAndJoinPages
