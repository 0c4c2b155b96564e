import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { isReadyToBook, newJourney, redirectBefore, type FieldError, type JourneyState, type JourneyStep } from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { createBooking } from '../../../domain/booking/service/index.js'
import { hashToken } from '../../../domain/booking/tokens.js'
import { AlreadyBookedError, NotEligibleError } from '../../../domain/booking/who-may-book.js'
import { EmailNotProvenError } from '../../../domain/email-proof/index.js'
import { ValidationError } from '../../../domain/errors.js'
import { formatDateTimeRange, timeZoneLabel } from '../../../domain/time/index.js'
import { releaseHold } from '../../../repositories/slot-holds.js'
import { Form, ProgrammeParams, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView, visitorOf } from '../../../http/candidate-pages.js'

/** The page where each field the service could still refuse is answered. */
const FIELD_STEPS: Record<string, JourneyStep> = {
  start: 'time',
  timeZone: 'day',
  'candidate.name': 'details',
  'candidate.email': 'details',
  'candidate.phone': 'contact',
  contactMethod: 'contact',
  accessibilityNeeds: 'contact',
  consent: 'information',
}

/** Check your answers, then book: /book/:programme/check, on to the confirmation. */
export const checkAnswersPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, journey, base, stepPath, openStep, render, goTo, common } = steps

  function renderCheck(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[]) {
    const start = state.start!
    const end = new Date(new Date(start).getTime() + programme.durationMinutes * 60_000)
    return render(reply, 'check', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'check'),
      answers: {
        when: formatDateTimeRange(start, end, state.timeZone),
        timeZoneText: timeZoneLabel(state.timeZone),
        name: state.name,
        email: state.email,
        phone: state.phone,
        contactMethod: state.contactMethod,
        accessibilityNeeds: state.accessibilityNeeds,
      },
      paths: {
        day: stepPath(programme, 'day'),
        timeZone: `${base(programme)}/time-zone?return=check`,
        details: stepPath(programme, 'details'),
        contact: stepPath(programme, 'contact'),
        information: stepPath(programme, 'information'),
      },
      backLink: { href: stepPath(programme, 'information') },
    })
  }

  app.get('/:programme/check', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'check')
    if (!page) return reply
    const { programme } = page
    let state = page.state
    if (!state.checking) {
      state = { ...state, checking: true }
      journey.write(reply, state)
    }
    return renderCheck(reply, programme, state, [])
  })

  app.post(
    '/:programme/check',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme, state } = page
      if (!isReadyToBook(state)) return goTo(reply, programme, redirectBefore(state, 'check') ?? 'day')
      try {
        const created = await createBooking(deps, {
          programme: programme.slug,
          start: state.start!,
          timeZone: state.timeZone,
          candidate: { name: state.name!, email: state.email!, phone: state.phone },
          contactMethod: state.contactMethod!,
          accessibilityNeeds: state.accessibilityNeeds,
          consent: state.consent,
          invitation: state.invitation,
          holdKey: state.holdKey,
          // A second press of the button (or a retry) answers with the same booking.
          idempotencyKey: `booking-journey:${state.id}`,
          emailCode: state.emailCode,
        }, visitorOf(request))
        const { booking } = created
        journey.write(reply, {
          ...newJourney({ id: randomUUID(), programme: programme.slug, timeZone: state.timeZone }),
          booked: {
            reference: booking.reference,
            manageToken: created.manageToken,
            start: booking.startsAt.toISOString(),
            end: booking.endsAt.toISOString(),
            timeZone: booking.candidateTimeZone,
            contactMethod: booking.contactMethod,
            phone: booking.candidate.phone,
            email: booking.candidate.email,
            coachFirstName: booking.coachFirstName,
          },
        })
        return reply.redirect(`${base(programme)}/confirmation`, 303)
      } catch (error) {
        if (error instanceof SlotUnavailableError) {
          journey.write(reply, { ...state, start: null, notice: 'slot-taken' })
          return goTo(reply, programme, 'time')
        }
        if (error instanceof EmailNotProvenError) {
          // The programme began asking for proof mid-journey, or the code ran out: a new one is needed.
          journey.write(reply, { ...state, emailCodeNeeded: true, emailCode: null, emailCodeId: null })
          return goTo(reply, programme, 'details')
        }
        if (error instanceof NotEligibleError) {
          return renderCheck(reply.code(403), programme, state, [{ field: 'email', text: error.message, href: stepPath(programme, 'details') }])
        }
        if (error instanceof AlreadyBookedError) {
          // Said so that someone who guessed an address learns nothing of its bookings.
          // The journey forgets its hold, so the time is given back rather than kept from others until it lapses.
          if (state.holdKey) await releaseHold(app.pg.pool, hashToken(state.holdKey))
          journey.write(reply, { ...state, holdKey: null, start: null })
          return render(reply, 'email-sent', 409, { caption: programme.name, email: state.email, programme })
        }
        if (!(error instanceof ValidationError)) throw error
        const invitationProblem = error.fields.find((item) => item.field === 'invitation')
        if (invitationProblem) {
          // Their answers stay; booking again goes ahead without the invitation.
          journey.write(reply, { ...state, invitation: null })
          return reply.code(400).view('pages/book/invitation-problem.njk', {
            message: invitationProblem.message,
            bookWithoutInvitationHref: base(programme),
          })
        }
        // The pages checked every answer by the same rules, so this is rare: each problem links to its page.
        const errors = error.fields.map((item) => ({
          field: item.field,
          text: item.message,
          href: stepPath(programme, FIELD_STEPS[item.field] ?? 'check'),
        }))
        return renderCheck(reply, programme, state, errors)
      }
    },
  )
}
