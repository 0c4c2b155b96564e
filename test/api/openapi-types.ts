/**
 * Generated from the OpenAPI document (GET /docs/json) by openapi-typescript:
 * do not edit. `npm run api:types` writes it again; test/api/openapi-lint.test.ts
 * fails when it no longer matches the document.
 */
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database reachable, migrations applied, worker running; mail reported. Answers within a second. */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resource library of the booking's programme, to signpost from an action (its coach, or an admin) */
        get: operations["listBookingResources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an agreed action (the coach, while the notes are a draft) */
        post: operations["createBookingAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/actions/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change an agreed action (the coach, while the notes are a draft) */
        put: operations["updateBookingAction"];
        post?: never;
        /** Remove an agreed action (the coach, while the notes are a draft) */
        delete: operations["deleteBookingAction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/actions/{actionId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update how an action is going, with an optional short comment (the candidate, the coach or an admin)
         * @description Once the notes are complete. A comment on its own (the same status) is kept too. The answer is the action as the candidate sees it.
         */
        post: operations["changeBookingActionStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/preparation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The candidate's preparation answers, for the candidate, their coach or an admin */
        get: operations["getBookingPreparation"];
        /**
         * Save the preparation answers (candidate only; until the conversation starts)
         * @description Replaces all the answers. The keys must all be questions of one form (the questions in the reply; answers started on an earlier form keep to it): other keys, and answers over 5,000 characters, get 400; after the start time, 409 preparation_closed.
         */
        put: operations["updateBookingPreparation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a booking to another coach at the same time (its coach or an admin)
         * @description Same time, another coach of the programme who is free then (the one named, or the fairest). The minimum notice does not apply. 400 when the named coach is not free; 409 slot_unavailable when nobody is; 403 for a candidate. The candidate and both coaches are told by email.
         */
        post: operations["reassignBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Book a conversation
         * @description The coach is chosen among those free then: fewest conversations that week first, ties in turn. 409 slot_unavailable when nobody is free any more. With an `Idempotency-Key`, a repeat of the same request answers as the first did (with a fresh manage link to the same booking) and books nothing; the same key with a different body is 422 idempotency_key_reused. Keys are kept for 24 hours. Who may book is the programme's setting: 403 not_eligible otherwise. Where the programme asks for proof of the address (`asksEmailCode`), a booking without an invitation needs `emailCode` (POST /api/v1/email-codes): 422 email_not_proven or email_code_wrong. An address over the programme's live bookings per address gets 409 already_booked and nothing is booked (the address is emailed its booking and a link to change it). 429 too_many_requests, with Retry-After, over the limits.
         */
        post: operations["createBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A booking, for its candidate (manage link), its coach or an admin */
        get: operations["getBooking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a booking to another free time
         * @description Same coach when they are free then, otherwise another (fair share). Keeps the id and reference. 409 slot_unavailable, booking_cancelled or booking_past. A candidate may move a booking a few times a day: 429 too_many_requests, with Retry-After, after that.
         */
        post: operations["rescheduleBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a booking
         * @description A reason is optional for the candidate and needed from staff; the body may be left out. 409 booking_cancelled or booking_past.
         */
        post: operations["cancelBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversation-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversation models a programme can use (latest version of each) */
        get: operations["listConversationModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversation-models/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model: its stages, prompts, coach guidance and fields */
        get: operations["getConversationModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/email-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a code that proves the candidate reads this address
         * @description Answers 202 with the code's id whether or not a code was sent: over the address's few codes an hour nothing is sent, and the answer says nothing about the address. 403 not_eligible when the programme is not for this address; 429 too_many_requests, with Retry-After, when your network has asked for too many.
         */
        post: operations["createEmailCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events of the last 30 days, oldest first, from a cursor
         * @description Keep `nextCursor` and ask again with `after=<nextCursor>`: you get every event since, in order, never one twice. With nothing new, `nextCursor` is the cursor you sent.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notes of a conversation, with its addenda, actions and outcome (its coach, or an admin) */
        get: operations["getBookingNotes"];
        /**
         * Save the draft notes (the coach of the conversation)
         * @description Replaces the values of the notes. `version` must be the version you last read or saved: if someone saved since, the answer is 409 stale_notes with the current version, and nothing is saved. Values the model does not accept get 400 with each field. Complete notes cannot be changed: 409 notes_complete.
         */
        put: operations["updateBookingNotes"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/notes/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete the notes: lock them and send the candidate their summary
         * @description Needs the purpose of the conversation and at least one action (or noActionsAgreed): otherwise 400 with what is missing. `version` must be the version the coach checked. Afterwards the notes cannot be changed; add addenda instead. The summary email is queued with the change, and a check-in 4 weeks after the conversation.
         */
        post: operations["completeBookingNotes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/notes/addenda": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add to completed notes (an addendum with its author and time; never an edit)
         * @description Only after completion (before: 409 notes_not_complete). Shared addenda go into the candidate's summary.
         */
        post: operations["addBookingNotesAddendum"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record whether the conversation was held, missed (no_show) or cancelled late (its coach)
         * @description From the start time on. Completed notes fix the outcome as held (409 outcome_locked).
         */
        post: operations["recordBookingOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Programmes open for booking, with who may book each and whether it asks for proof of the address
         * @description A programme with no active coach, or none with working hours in its booking window, is not offered (it is not bookable).
         */
        get: operations["listProgrammes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free slots of a programme between two dates
         * @description The union of the free times of every active coach of the programme, as UTC instants, sorted and without duplicates. `from` and `to` are dates in `timeZone` (both included, at most 93 days). Problems are reported per field.
         */
        get: operations["listSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/slots/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold a free slot for 10 minutes while the candidate gives their details
         * @description Others no longer see the time; you do, when you send `holdKey` with /slots. Holding another time with the same `holdKey` releases the first; holding the same time again keeps it 10 minutes more, up to 30 minutes in all. Booking with `holdKey` releases it too. Without an `invitation`, one address may hold a few times of a programme at once (429 too_many_requests with Retry-After over that); with one, the hold counts against the invitation (one at a time). 403 not_eligible on a programme for invited people only.
         */
        post: operations["createSlotHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The summary of the conversation and the agreed actions, as the candidate sees them
         * @description `ready` is false (and the rest empty) until the coach completes the notes.
         */
        get: operations["getBookingSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a programme's waitlist
         * @description For when no time suits: the candidate says which days, parts of the day and dates would, and is offered the first such time that frees up or opens (held for them, with an email to book it). The same gates as POST /api/v1/bookings: 403 not_eligible, 422 email_not_proven or email_code_wrong, 429 too_many_requests with Retry-After. Joining again with the same address changes the preferences and keeps the place in line. A confirmation email goes to the address with a link to see, change or leave the waitlist.
         */
        post: operations["waitlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A place on the waitlist, for its person (the token of their link) or an admin */
        get: operations["getWaitlist"];
        put?: never;
        post?: never;
        /**
         * Leave the waitlist (an admin: take someone off it)
         * @description A time held for them is let go and offered to the next person. Leaving twice answers as the first time did.
         */
        delete: operations["deleteWaitlist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API tokens, newest first, without the tokens themselves */
        get: operations["listAdminApiTokens"];
        put?: never;
        /** Create an API token for another system; the token is in this answer only */
        post: operations["createAdminApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token: it is refused from now on */
        delete: operations["deleteAdminApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/programmes/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change who may book a programme, whether it asks for proof of the address, live bookings per address and the cancellation cut-off */
        patch: operations["updateAdminProgramme"];
        trace?: never;
    };
    "/api/v1/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook endpoints */
        get: operations["listAdminWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint; its signing secret is in this answer only
         * @description Deliveries are signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature). A URL on a private, loopback or link-local address is refused.
         */
        post: operations["createAdminWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a webhook endpoint */
        delete: operations["deleteAdminWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret for the endpoint; the old one stops at once */
        post: operations["rotateSecretAdminWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's latest 100 deliveries, newest first: status, attempts, last answer */
        get: operations["listAdminWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/send-again": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed delivery again */
        post: operations["sendAgainAdminWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Review the actions agreed across the programmes
         * @description Filters: programme, coach, owner, category, status, overdue, dueFrom/dueTo, agreedFrom/agreedTo (when agreed), q (candidate name, email or booking reference). Keyset pagination: pass nextCursor as cursor for the next page, with the same sort; a page never repeats or misses an action when actions are added meanwhile. 400 names each bad field (an unknown programme or coach, a cursor from another sort).
         */
        get: operations["listAdminActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/actions/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the actions that match, as CSV
         * @description The same filters and sort as GET /api/v1/admin/actions (no cursor or limit: every matching action). Streamed page by page (each page its own short query), so there is no size limit. Each export is written to the audit log with its filters and the number of rows. 400 names each bad field.
         */
        get: operations["exportAdminActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/actions/bulk-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the status of many actions at once, with a comment
         * @description The programme team (admins) may change any action. Each action is answered on its own: changed, or why not. Each change is kept in the action's history with the comment (as changed by the programme team, naming the admin) and written to the audit log, one entry per action. All in one transaction.
         */
        post: operations["bulkChangeAdminActionStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find bookings across the programmes
         * @description Filters: programme (id or slug), coach (id), status, from/to (UK dates the conversation starts on, both included), q (part of the candidate name, email or booking reference, 3 characters or more). Ordered by start, then id; keyset pagination: pass nextCursor as cursor for the next page, with the same sort. A page never repeats or misses a booking made meanwhile. 400 names each bad field (an unknown programme or coach, a cursor from another sort).
         */
        get: operations["listAdminBookings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One booking with its timeline
         * @description The booking and everything that happened to it, oldest first: the invitation, the booking, every change and who made it, each email (sent, waiting, failed), the notes started and completed (never what they say), the outcome, the actions and their status changes. Each read is written to the audit log. 404 for an unknown booking.
         */
        get: operations["getAdminBooking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/coaches/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a coach, moving or cancelling their booked conversations
         * @description Switches the coach’s staff account off (as the staff page does) and, in the same transaction, moves each of their conversations that has not started to another coach of its programme free at the same time (fair share, as at booking), or cancels it where nobody is free. The candidates and coaches are emailed with calendar updates. With dryRun the answer is the plan and nothing changes. 404 for an unknown coach, 409 no_change when already deactivated, 403 for your own account.
         */
        post: operations["deactivateCoach"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations, newest first */
        get: operations["listAdminInvitations"];
        put?: never;
        /**
         * Invite one person
         * @description Sends them an invitation email with a personal booking link (valid 60 days). 409 already_invited when the address already has a live (sent or booked) invitation to the programme.
         */
        post: operations["createAdminInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invitations/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite up to 1000 people
         * @description Each item is invited on its own, as POST /api/v1/admin/invitations would: the answer is 200 with the `invited` items and an `errors` entry per problem (by index and field) for the items that were not (validation_failed, already_invited, or duplicate_in_batch for an address earlier in the same batch). Sending the same batch again invites nobody twice. 400 only when the batch itself is malformed.
         */
        post: operations["batchAdminInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invitation */
        get: operations["getAdminInvitation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invitations/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw an invitation
         * @description Its link stops working; the address can be invited again. Withdrawing one already withdrawn or expired changes nothing. 409 invitation_used when it was used to book (cancel the booking instead).
         */
        post: operations["withdrawAdminInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as a coach or admin; sets the session cookie
         * @description Answers 401 `invalid_credentials` with the same message whether the email address or the password is wrong. With two-factor sign-in (every admin; coaches who set it up or whose programme requires it), send `code` too: the 6-digit code from the authenticator app, or one of the recovery codes. Without it, once the password is right: 401 `code_required`; a wrong or used code: 401 `invalid_code`. An account that must set up two-factor and has not: 403 `two_factor_setup_required` (set-up is on the website's sign-in page). After 5 failures (passwords and codes) for one account, or 20 from one address, in 15 minutes: 429. The session ends after 30 minutes without a request, and 12 hours after sign-in. Requests that change something with this cookie must send their body as JSON.
         */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends this session and clears the cookie (204 even when not signed in) */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere: ends every one of the signed-in person's sessions */
        post: operations["signOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/programme": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The programme figures for a period
         * @description Invitations sent, bookings, conversations held, no-shows and cancellations; the funnel from invitation to conversation with its rates; days from invitation to booking and to conversation (median, 90th percentile, mean); actions agreed per conversation, by category, owner and status, and the share done 4, 8 and 12 weeks after the conversation (also by category and owner); coach utilisation; bookings per week; what candidates went on to (their 3 and 12-month answers and actions done); `feedback` a day after the conversation (response rate, usefulness, next step, confidence before and after) and `outcomes` at 3 and 12 months (response rates, outcomes by type, whether it helped); per coach only with 5 answers or more. Every figure is counted by PostgreSQL. `from` and `to` are UK dates, both included, at most 366 days. Problems are reported per field.
         */
        get: operations["getProgrammeReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/programme/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The programme figures for a period, as CSV
         * @description The same figures as GET /api/v1/reports/programme, one a row (long form): Section, Figure, Group, Value, Unit. Rates and shares are fractions from 0 to 1 (unit "share"); an empty value cannot be worked out. UTF-8 with a byte order mark, one header row; a cell that would start a formula begins with an apostrophe.
         */
        get: operations["exportProgrammeReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A coach's conversations as iCalendar (their private subscription address)
         * @description The address is made on the coach's calendar page (/coach/availability/calendar), which can give it a new address (the old one stops working) or stop it. Conversations still on, from 30 days back: the candidate’s first name and the booking reference only, unless the coach chose to show their details. 404 for an address that is unknown, stopped or replaced.
         */
        get: operations["getCoachCalendarFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ErrorBody */
        "def-0": {
            /** @description A stable code, e.g. slot_unavailable */
            error: string;
            /** @description For people */
            message: string;
            requestId: string;
            fields?: {
                field: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ready" | "not_ready";
                        checks: {
                            database: "ok" | "failing";
                            /** @description unknown when the database cannot be asked */
                            migrations: "ok" | "pending" | "unknown";
                            /** @description restarting: stopped by a fault and being started again; failing: this process runs no worker */
                            worker: "ok" | "restarting" | "failing";
                            /** @description failing: a delivery's latest attempt failed in the last day (see /admin/emails); does not make the instance not ready */
                            mail: "ok" | "failing" | "unknown";
                        };
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ready" | "not_ready";
                        checks: {
                            database: "ok" | "failing";
                            /** @description unknown when the database cannot be asked */
                            migrations: "ok" | "pending" | "unknown";
                            /** @description restarting: stopped by a fault and being started again; failing: this process runs no worker */
                            worker: "ok" | "restarting" | "failing";
                            /** @description failing: a delivery's latest attempt failed in the last day (see /admin/emails); does not make the instance not ready */
                            mail: "ok" | "failing" | "unknown";
                        };
                    };
                };
            };
        };
    };
    listBookingResources: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resources: {
                            id: string;
                            title: string;
                            url: string;
                            description: string | null;
                        }[];
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createBookingAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What will be done */
                    summary: string;
                    /** @description Who does it: candidate, coach or programme_team */
                    owner: string;
                    /** @description By when: YYYY-MM-DD */
                    dueOn: string;
                    /** @description training_or_course, job_application, work_experience_or_shadowing, networking_or_information, qualification or other */
                    category: string;
                    resourceId?: string | null;
                    link?: {
                        url: string;
                        title?: string | null;
                    } | null;
                    status?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        summary: string;
                        /** @description candidate, coach or programme_team */
                        owner: string;
                        /** @description YYYY-MM-DD */
                        dueOn: string;
                        category: string;
                        resource: {
                            id: string | null;
                            title: string;
                            url: string;
                            description: string | null;
                        } | null;
                        /** @description not_started, in_progress, done or no_longer_relevant */
                        status: string;
                        /** Format: date-time */
                        statusChangedAt: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        history: {
                            from: string | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            to: string;
                            /** Format: date-time */
                            at: string;
                            /** @description candidate, coach or admin */
                            actor: string;
                            actorStaffUserId: string | null;
                            actorName: string | null;
                            comment: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    updateBookingAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What will be done */
                    summary: string;
                    /** @description Who does it: candidate, coach or programme_team */
                    owner: string;
                    /** @description By when: YYYY-MM-DD */
                    dueOn: string;
                    /** @description training_or_course, job_application, work_experience_or_shadowing, networking_or_information, qualification or other */
                    category: string;
                    resourceId?: string | null;
                    link?: {
                        url: string;
                        title?: string | null;
                    } | null;
                    status?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        summary: string;
                        /** @description candidate, coach or programme_team */
                        owner: string;
                        /** @description YYYY-MM-DD */
                        dueOn: string;
                        category: string;
                        resource: {
                            id: string | null;
                            title: string;
                            url: string;
                            description: string | null;
                        } | null;
                        /** @description not_started, in_progress, done or no_longer_relevant */
                        status: string;
                        /** Format: date-time */
                        statusChangedAt: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        history: {
                            from: string | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            to: string;
                            /** Format: date-time */
                            at: string;
                            /** @description candidate, coach or admin */
                            actor: string;
                            actorStaffUserId: string | null;
                            actorName: string | null;
                            comment: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteBookingAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    changeBookingActionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description not_started, in_progress, done or no_longer_relevant */
                    status: string;
                    comment?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        summary: string;
                        /** @description candidate, coach or programme_team */
                        owner: string;
                        /** @example You */
                        ownerLabel: string;
                        /** @description YYYY-MM-DD */
                        dueOn: string;
                        category: string;
                        categoryLabel: string;
                        resource: {
                            title: string;
                            url: string;
                            description: string | null;
                        } | null;
                        /** @description not_started, in_progress, done or no_longer_relevant */
                        status: string;
                        statusLabel: string;
                        /** Format: date-time */
                        statusChangedAt: string;
                        history: {
                            from: string | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            to: string;
                            /** Format: date-time */
                            at: string;
                            /** @description candidate, coach or programme_team */
                            by: string;
                            comment: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getBookingPreparation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answers: {
                            [key: string]: string;
                        };
                        updatedAt: string | null;
                        /** @description The questions of the form these answers are on, in order: the current form, or the earlier form a preparation was started on (its answers keep their own questions). A save keeps to one form. */
                        questions: {
                            /** @description The key its answer is under */
                            key: string;
                            label: string;
                            hint?: string;
                            /** @description The area it is asked in, e.g. Know yourself */
                            area: string;
                        }[];
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description insufficient_scope: an API token was sent, and API tokens cannot use this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    updateBookingPreparation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Question key to answer; every question is optional. Keys are listed in the preparation form. */
                    answers: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answers: {
                            [key: string]: string;
                        };
                        updatedAt: string | null;
                        /** @description The questions of the form these answers are on, in order: the current form, or the earlier form a preparation was started on (its answers keep their own questions). A save keeps to one form. */
                        questions: {
                            /** @description The key its answer is under */
                            key: string;
                            label: string;
                            hint?: string;
                            /** @description The area it is asked in, e.g. Know yourself */
                            area: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    reassignBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description The coach to give it to; left out, the fairest free coach
                     */
                    coachId?: string;
                    /** @description Why it moves (kept in the booking history) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            coachFirstName: string;
                            contactMethod: "video" | "phone";
                            videoLink: string | null;
                            /** @description The candidate’s zone */
                            timeZone: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            accessibilityNeeds: string | null;
                            cancelledAt: string | null;
                            cancelledBy: ("candidate" | "coach" | "admin" | "system") | null;
                            cancellationReason: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and same body: the first answer again, not a second booking. Same key, other body: 422. */
                "idempotency-key"?: string & unknown;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Programme id or slug, see /api/v1/programmes
                     * @example vaccinators
                     */
                    programme: string;
                    /**
                     * Format: date-time
                     * @description Start of a free slot
                     * @example 2026-03-02T09:30:00.000Z
                     */
                    start: string;
                    /**
                     * @description IANA time zone the candidate reads times in
                     * @example Europe/London
                     */
                    timeZone: string;
                    candidate: {
                        name: string;
                        /** Format: email */
                        email: string;
                        /** @description Needed when contactMethod is phone */
                        phone?: string;
                    };
                    contactMethod: "video" | "phone";
                    accessibilityNeeds?: string;
                    /**
                     * @description The candidate has read how their information is used
                     * @enum {boolean}
                     */
                    consent: true;
                    /** @description The token of the personal booking link in an invitation */
                    invitation?: string;
                    /** @description The key of the hold on this time, if any */
                    holdKey?: string;
                    /** @description Proof of the address (POST /api/v1/email-codes), where the programme asks for it */
                    emailCode?: {
                        /** Format: uuid */
                        codeId: string;
                        /** @description The 6 digits emailed to the candidate */
                        code: string & unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            coachFirstName: string;
                            contactMethod: "video" | "phone";
                            videoLink: string | null;
                            /** @description The candidate’s zone */
                            timeZone: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            accessibilityNeeds: string | null;
                            cancelledAt: string | null;
                            cancelledBy: ("candidate" | "coach" | "admin" | "system") | null;
                            cancellationReason: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            updatedAt: string;
                        };
                        /** @description The candidate’s link to see, change or cancel: PUBLIC_URL/bookings/manage/<token> */
                        manageUrl: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            coachFirstName: string;
                            contactMethod: "video" | "phone";
                            videoLink: string | null;
                            /** @description The candidate’s zone */
                            timeZone: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            accessibilityNeeds: string | null;
                            cancelledAt: string | null;
                            cancelledBy: ("candidate" | "coach" | "admin" | "system") | null;
                            cancellationReason: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description insufficient_scope: an API token was sent, and API tokens cannot use this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    rescheduleBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Start of a free slot
                     * @example 2026-03-02T09:30:00.000Z
                     */
                    start: string;
                    /**
                     * @description The candidate’s zone, if it changes
                     * @example Europe/London
                     */
                    timeZone?: string;
                    reason?: string;
                    /** @description The key of the hold on the new time, if any */
                    holdKey?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            coachFirstName: string;
                            contactMethod: "video" | "phone";
                            videoLink: string | null;
                            /** @description The candidate’s zone */
                            timeZone: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            accessibilityNeeds: string | null;
                            cancelledAt: string | null;
                            cancelledBy: ("candidate" | "coach" | "admin" | "system") | null;
                            cancellationReason: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description insufficient_scope: an API token was sent, and API tokens cannot use this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    cancelBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Optional for the candidate; staff must give one */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            coachFirstName: string;
                            contactMethod: "video" | "phone";
                            videoLink: string | null;
                            /** @description The candidate’s zone */
                            timeZone: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            accessibilityNeeds: string | null;
                            cancelledAt: string | null;
                            cancelledBy: ("candidate" | "coach" | "admin" | "system") | null;
                            cancellationReason: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description insufficient_scope: an API token was sent, and API tokens cannot use this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listConversationModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        models: {
                            key: string;
                            version: number;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getConversationModel: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                key: string & unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        version: number;
                        name: string;
                        description: string;
                        stages: {
                            key: string;
                            title: string;
                            summary: string;
                            candidatePrompts: string[];
                            coachGuidance: string[];
                            fields: {
                                key: string;
                                /** @description text, list, choice, options, developmentNeeds or actions */
                                kind: string;
                                label: string;
                                hint?: string;
                                visibility: "shared" | "private";
                                requiredToComplete?: boolean;
                                itemLabel?: string;
                                options?: {
                                    value: string;
                                    label: string;
                                }[];
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createEmailCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Programme id or slug, see /api/v1/programmes
                     * @example vaccinators
                     */
                    programme: string;
                    /** Format: email */
                    email: string;
                    /** @description Not needed: an invitation is proof of the address already */
                    invitation?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description Give it back with the code when booking (`emailCode`)
                         */
                        codeId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                after?: string & unknown;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            /**
                             * Format: uuid
                             * @description The same id as the webhook-id of its webhook deliveries
                             */
                            id: string;
                            /** @description booking.created, booking.rescheduled, booking.cancelled, booking.reassigned, conversation.completed, action.created or action.status_changed */
                            type: string;
                            /** Format: date-time */
                            at: string;
                            /** @description Ids, status and times only. Booking events: bookingId, reference, programme, start, end, status, coachId. Action events: actionId, bookingId, owner, category, dueOn, status, previousStatus, changedBy. conversation.completed: bookingId, reference, programme, coachId, actionCount */
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getBookingNotes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bookingId: string;
                        model: {
                            key: string;
                            version: number;
                            name: string;
                        };
                        /** @description not_started, draft or complete */
                        status: string;
                        /** @description Send it back with the next save; 0 before the first save */
                        version: number;
                        /** @description Field key to value, shared and private fields alike */
                        values: {
                            [key: string]: string | string[] | {
                                role: string;
                                /** @description now or later */
                                timing: string;
                                /** @description realistic or stretch */
                                realism: string;
                                notes?: string;
                            }[] | {
                                need: string;
                                isFocus: boolean;
                            }[];
                        };
                        noActionsAgreed: boolean;
                        updatedAt: string | null;
                        updatedBy: {
                            id: string;
                            name: string;
                        } | null;
                        completedAt: string | null;
                        completedBy: {
                            id: string;
                            name: string;
                        } | null;
                        addenda: {
                            id: string;
                            text: string;
                            /** @description shared or private */
                            visibility: string;
                            /** Format: date-time */
                            createdAt: string;
                            author: {
                                id: string;
                                name: string;
                            } | null;
                        }[];
                        actions: {
                            id: string;
                            summary: string;
                            /** @description candidate, coach or programme_team */
                            owner: string;
                            /** @description YYYY-MM-DD */
                            dueOn: string;
                            category: string;
                            resource: {
                                id: string | null;
                                title: string;
                                url: string;
                                description: string | null;
                            } | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            status: string;
                            /** Format: date-time */
                            statusChangedAt: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            history: {
                                from: string | null;
                                /** @description not_started, in_progress, done or no_longer_relevant */
                                to: string;
                                /** Format: date-time */
                                at: string;
                                /** @description candidate, coach or admin */
                                actor: string;
                                actorStaffUserId: string | null;
                                actorName: string | null;
                                comment: string | null;
                            }[];
                        }[];
                        outcome: {
                            /** @description held, no_show or cancelled_late */
                            outcome: string;
                            /** Format: date-time */
                            recordedAt: string;
                            recordedBy: {
                                id: string;
                                name: string;
                            } | null;
                            noShowReason: string | null;
                        } | null;
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    updateBookingNotes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The version your change is based on (from the last read or save) */
                    version: number;
                    /** @description Field key to value, as the conversation model describes (text, list, choice, options, developmentNeeds) */
                    values: {
                        [key: string]: unknown;
                    };
                    /** @description Ticked when the conversation ended without any action */
                    noActionsAgreed?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bookingId: string;
                        model: {
                            key: string;
                            version: number;
                            name: string;
                        };
                        /** @description not_started, draft or complete */
                        status: string;
                        /** @description Send it back with the next save; 0 before the first save */
                        version: number;
                        /** @description Field key to value, shared and private fields alike */
                        values: {
                            [key: string]: string | string[] | {
                                role: string;
                                /** @description now or later */
                                timing: string;
                                /** @description realistic or stretch */
                                realism: string;
                                notes?: string;
                            }[] | {
                                need: string;
                                isFocus: boolean;
                            }[];
                        };
                        noActionsAgreed: boolean;
                        updatedAt: string | null;
                        updatedBy: {
                            id: string;
                            name: string;
                        } | null;
                        completedAt: string | null;
                        completedBy: {
                            id: string;
                            name: string;
                        } | null;
                        addenda: {
                            id: string;
                            text: string;
                            /** @description shared or private */
                            visibility: string;
                            /** Format: date-time */
                            createdAt: string;
                            author: {
                                id: string;
                                name: string;
                            } | null;
                        }[];
                        actions: {
                            id: string;
                            summary: string;
                            /** @description candidate, coach or programme_team */
                            owner: string;
                            /** @description YYYY-MM-DD */
                            dueOn: string;
                            category: string;
                            resource: {
                                id: string | null;
                                title: string;
                                url: string;
                                description: string | null;
                            } | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            status: string;
                            /** Format: date-time */
                            statusChangedAt: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            history: {
                                from: string | null;
                                /** @description not_started, in_progress, done or no_longer_relevant */
                                to: string;
                                /** Format: date-time */
                                at: string;
                                /** @description candidate, coach or admin */
                                actor: string;
                                actorStaffUserId: string | null;
                                actorName: string | null;
                                comment: string | null;
                            }[];
                        }[];
                        outcome: {
                            /** @description held, no_show or cancelled_late */
                            outcome: string;
                            /** Format: date-time */
                            recordedAt: string;
                            recordedBy: {
                                id: string;
                                name: string;
                            } | null;
                            noShowReason: string | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        error: "stale_notes";
                        message: string;
                        requestId: string;
                        /** @description The version saved since: reload the notes to see it */
                        current: {
                            version: number;
                            /** Format: date-time */
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            } | null;
                        };
                    } | components["schemas"]["def-0"];
                };
            };
        };
    };
    completeBookingNotes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The version your change is based on (from the last read or save) */
                    version: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bookingId: string;
                        model: {
                            key: string;
                            version: number;
                            name: string;
                        };
                        /** @description not_started, draft or complete */
                        status: string;
                        /** @description Send it back with the next save; 0 before the first save */
                        version: number;
                        /** @description Field key to value, shared and private fields alike */
                        values: {
                            [key: string]: string | string[] | {
                                role: string;
                                /** @description now or later */
                                timing: string;
                                /** @description realistic or stretch */
                                realism: string;
                                notes?: string;
                            }[] | {
                                need: string;
                                isFocus: boolean;
                            }[];
                        };
                        noActionsAgreed: boolean;
                        updatedAt: string | null;
                        updatedBy: {
                            id: string;
                            name: string;
                        } | null;
                        completedAt: string | null;
                        completedBy: {
                            id: string;
                            name: string;
                        } | null;
                        addenda: {
                            id: string;
                            text: string;
                            /** @description shared or private */
                            visibility: string;
                            /** Format: date-time */
                            createdAt: string;
                            author: {
                                id: string;
                                name: string;
                            } | null;
                        }[];
                        actions: {
                            id: string;
                            summary: string;
                            /** @description candidate, coach or programme_team */
                            owner: string;
                            /** @description YYYY-MM-DD */
                            dueOn: string;
                            category: string;
                            resource: {
                                id: string | null;
                                title: string;
                                url: string;
                                description: string | null;
                            } | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            status: string;
                            /** Format: date-time */
                            statusChangedAt: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            history: {
                                from: string | null;
                                /** @description not_started, in_progress, done or no_longer_relevant */
                                to: string;
                                /** Format: date-time */
                                at: string;
                                /** @description candidate, coach or admin */
                                actor: string;
                                actorStaffUserId: string | null;
                                actorName: string | null;
                                comment: string | null;
                            }[];
                        }[];
                        outcome: {
                            /** @description held, no_show or cancelled_late */
                            outcome: string;
                            /** Format: date-time */
                            recordedAt: string;
                            recordedBy: {
                                id: string;
                                name: string;
                            } | null;
                            noShowReason: string | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        error: "stale_notes";
                        message: string;
                        requestId: string;
                        /** @description The version saved since: reload the notes to see it */
                        current: {
                            version: number;
                            /** Format: date-time */
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            } | null;
                        };
                    } | components["schemas"]["def-0"];
                };
            };
        };
    };
    addBookingNotesAddendum: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                    /** @description shared (the candidate sees it) or private (coaches and admins only) */
                    visibility: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        text: string;
                        /** @description shared or private */
                        visibility: string;
                        /** Format: date-time */
                        createdAt: string;
                        author: {
                            id: string;
                            name: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    recordBookingOutcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description held, no_show, cancelled_late */
                    outcome: string;
                    /** @description With no_show, why (the National Careers Service's reasons): forgot, no_longer_needed, work, personal_situation, rescheduled, not_known */
                    noShowReason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description held, no_show or cancelled_late */
                        outcome: string;
                        /** Format: date-time */
                        recordedAt: string;
                        recordedBy: {
                            id: string;
                            name: string;
                        } | null;
                        noShowReason: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listProgrammes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        programmes: {
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                            /** @description Key of the conversation model, see /api/v1/conversation-models */
                            conversationModel: string;
                            durationMinutes: number;
                            /** @description anyone with the link; only email addresses on the programme's domains; only people invited */
                            whoMayBook: "anyone" | "domains" | "invited";
                            /** @description For whoMayBook "domains": the domains accepted */
                            emailDomains: string[];
                            /** @description A booking without an invitation needs `emailCode` (POST /api/v1/email-codes) */
                            asksEmailCode: boolean;
                            /** @description Candidates can change or cancel online up to this many hours before the conversation (0: up to the start) */
                            cancellationCutoffHours: number;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listSlots: {
        parameters: {
            query: {
                /**
                 * @description Programme id or slug, see /api/v1/programmes
                 * @example vaccinators
                 */
                programme: string;
                /**
                 * @description First date, YYYY-MM-DD, in timeZone
                 * @example 2026-03-02
                 */
                from: string;
                /**
                 * @description Last date, YYYY-MM-DD, in timeZone (at most 93 days in all)
                 * @example 2026-03-08
                 */
                to: string;
                /**
                 * @description IANA time zone of the dates; Europe/London when left out
                 * @example Europe/London
                 */
                timeZone?: string;
                /** @description The key of your hold: your held time shows as free to you */
                holdKey?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timeZone: string;
                        /** @description Sorted, no duplicates: when at least one coach is free */
                        slots: {
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            end: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createSlotHold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Programme id or slug, see /api/v1/programmes
                     * @example vaccinators
                     */
                    programme: string;
                    /**
                     * Format: date-time
                     * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                     * @example 2026-03-02T09:30:00.000Z
                     */
                    start: string;
                    /** @description Your current hold, which this one replaces (the same time again: kept for longer, up to 30 minutes) */
                    holdKey?: string;
                    /** @description The token of the personal booking link: the hold counts against the invitation, not your address */
                    invitation?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Send it with slots and booking requests; shown only now */
                        holdKey: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                         * @example 2026-03-02T09:30:00.000Z
                         */
                        start: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                         * @example 2026-03-02T09:30:00.000Z
                         */
                        end: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z
                         * @example 2026-03-02T09:30:00.000Z
                         */
                        expiresAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getBookingSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bookingId: string;
                        /** @description False until the coach completes the notes; then the rest is filled in */
                        ready: boolean;
                        completedAt: string | null;
                        coachFirstName: string;
                        stages: {
                            key: string;
                            title: string;
                            entries: {
                                key: string;
                                label: string;
                                /** @description text, list, choice, options or developmentNeeds */
                                kind: string;
                                text?: string;
                                items?: string[];
                                options?: {
                                    role: string;
                                    timing: string;
                                    timingLabel: string;
                                    realism: string;
                                    realismLabel: string;
                                    notes: string | null;
                                }[];
                                developmentNeeds?: {
                                    need: string;
                                    isFocus: boolean;
                                }[];
                            }[];
                        }[];
                        addenda: {
                            text: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        noActionsAgreed: boolean;
                        actions: {
                            id: string;
                            summary: string;
                            /** @description candidate, coach or programme_team */
                            owner: string;
                            /** @example You */
                            ownerLabel: string;
                            /** @description YYYY-MM-DD */
                            dueOn: string;
                            category: string;
                            categoryLabel: string;
                            resource: {
                                title: string;
                                url: string;
                                description: string | null;
                            } | null;
                            /** @description not_started, in_progress, done or no_longer_relevant */
                            status: string;
                            statusLabel: string;
                            /** Format: date-time */
                            statusChangedAt: string;
                            history: {
                                from: string | null;
                                /** @description not_started, in_progress, done or no_longer_relevant */
                                to: string;
                                /** Format: date-time */
                                at: string;
                                /** @description candidate, coach or programme_team */
                                by: string;
                                comment: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description insufficient_scope: an API token was sent, and API tokens cannot use this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    waitlist: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Programme id or slug, see /api/v1/programmes
                     * @example vaccinators
                     */
                    programme: string;
                    candidate: {
                        name: string;
                        /** Format: email */
                        email: string;
                        /** @description Needed when contactMethod is phone */
                        phone?: string;
                    };
                    contactMethod: "video" | "phone";
                    /** @description What would help them take part; given to the booking when they take an offer */
                    accessibilityNeeds?: string;
                    preferences: {
                        /** @description ISO weekdays that suit: 1 is Monday, 7 is Sunday */
                        days: number[];
                        /** @description morning (starts before midday), afternoon (midday to 5pm), early_evening (5pm to 8pm), on the candidate's clock */
                        partsOfDay: ("morning" | "afternoon" | "early_evening")[];
                        from?: string | null;
                        to?: string | null;
                        /**
                         * @description IANA time zone the days and parts of the day are on
                         * @example Europe/London
                         */
                        timeZone: string;
                    };
                    /**
                     * @description The candidate has read how their information is used
                     * @enum {boolean}
                     */
                    consent: true;
                    /** @description The token of the personal booking link in an invitation */
                    invitation?: string;
                    /** @description Proof of the address (POST /api/v1/email-codes), where the programme asks for it */
                    emailCode?: {
                        /** Format: uuid */
                        codeId: string;
                        /** @description The 6 digits emailed to the candidate */
                        code: string & unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: {
                            /** Format: uuid */
                            id: string;
                            /** @description The programme's slug */
                            programme: string;
                            /** @description waiting (in line), booked, left, removed (by the programme team), ended (their last date passed) */
                            status: "waiting" | "booked" | "left" | "removed" | "ended";
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            contactMethod: "video" | "phone";
                            accessibilityNeeds: string | null;
                            preferences: {
                                days: number[];
                                partsOfDay: string[];
                                from: string | null;
                                to: string | null;
                                timeZone: string;
                            };
                            /** Format: date-time */
                            joinedAt: string;
                            leftAt: string | null;
                            offer: {
                                /** Format: date-time */
                                start: string;
                                /** Format: date-time */
                                end: string;
                                /** Format: date-time */
                                expiresAt: string;
                            } | null;
                        };
                        /** @description The personal link to see, change or leave the waitlist; its last part is the Bearer token for GET and DELETE */
                        manageUrl: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWaitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: {
                            /** Format: uuid */
                            id: string;
                            /** @description The programme's slug */
                            programme: string;
                            /** @description waiting (in line), booked, left, removed (by the programme team), ended (their last date passed) */
                            status: "waiting" | "booked" | "left" | "removed" | "ended";
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            contactMethod: "video" | "phone";
                            accessibilityNeeds: string | null;
                            preferences: {
                                days: number[];
                                partsOfDay: string[];
                                from: string | null;
                                to: string | null;
                                timeZone: string;
                            };
                            /** Format: date-time */
                            joinedAt: string;
                            leftAt: string | null;
                            offer: {
                                /** Format: date-time */
                                start: string;
                                /** Format: date-time */
                                end: string;
                                /** Format: date-time */
                                expiresAt: string;
                            } | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteWaitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: {
                            /** Format: uuid */
                            id: string;
                            /** @description The programme's slug */
                            programme: string;
                            /** @description waiting (in line), booked, left, removed (by the programme team), ended (their last date passed) */
                            status: "waiting" | "booked" | "left" | "removed" | "ended";
                            candidate: {
                                name: string;
                                email: string;
                                phone: string | null;
                            };
                            contactMethod: "video" | "phone";
                            accessibilityNeeds: string | null;
                            preferences: {
                                days: number[];
                                partsOfDay: string[];
                                from: string | null;
                                to: string | null;
                                timeZone: string;
                            };
                            /** Format: date-time */
                            joinedAt: string;
                            leftAt: string | null;
                            offer: {
                                /** Format: date-time */
                                start: string;
                                /** Format: date-time */
                                end: string;
                                /** Format: date-time */
                                expiresAt: string;
                            } | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiTokens: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            revokedAt: string | null;
                            lastUsedAt: string | null;
                            /** @description The address it was last used from */
                            lastUsedIp: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createAdminApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scopes: ("invitations:write" | "bookings:read" | "actions:read" | "reports:read" | "webhooks:manage")[];
                    /**
                     * Format: date-time
                     * @description A year from now when left out; 2 years at most
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        token: string;
                        apiToken: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            revokedAt: string | null;
                            lastUsedAt: string | null;
                            /** @description The address it was last used from */
                            lastUsedIp: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteAdminApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiToken: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            revokedAt: string | null;
                            lastUsedAt: string | null;
                            /** @description The address it was last used from */
                            lastUsedIp: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    updateAdminProgramme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description anyone with the link, email addresses on emailDomains, or only people invited */
                    whoMayBook?: "anyone" | "domains" | "invited";
                    /** @description Domains like nhs.net (no @), for whoMayBook "domains" */
                    emailDomains?: string[];
                    /** @description Candidates without an invitation prove their email address with a code */
                    asksEmailCode?: boolean;
                    /** @description Live bookings one email address may have on the programme */
                    liveBookingsPerEmail?: number;
                    /** @description Candidates can change or cancel online up to this many hours before (0: up to the start) */
                    cancellationCutoffHours?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        programme: {
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                            /** @description Key of the conversation model, see /api/v1/conversation-models */
                            conversationModel: string;
                            durationMinutes: number;
                            /** @description anyone with the link; only email addresses on the programme's domains; only people invited */
                            whoMayBook: "anyone" | "domains" | "invited";
                            /** @description For whoMayBook "domains": the domains accepted */
                            emailDomains: string[];
                            /** @description A booking without an invitation needs `emailCode` (POST /api/v1/email-codes) */
                            asksEmailCode: boolean;
                            /** @description Candidates can change or cancel online up to this many hours before the conversation (0: up to the start) */
                            cancellationCutoffHours: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            events: string[];
                            /** @description False once switched off after failing for a day */
                            active: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createAdminWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: ("booking.created" | "booking.rescheduled" | "booking.cancelled" | "booking.reassigned" | "conversation.completed" | "action.created" | "action.status_changed")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        secret: string;
                        endpoint: {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            events: string[];
                            /** @description False once switched off after failing for a day */
                            active: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteAdminWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    rotateSecretAdminWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        secret: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            eventId: string;
                            eventType: string;
                            status: "waiting" | "delivered" | "failed";
                            attempts: number;
                            lastStatusCode: number | null;
                            lastError: string | null;
                            lastAttemptAt: string | null;
                            deliveredAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    sendAgainAdminWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminActions: {
        parameters: {
            query?: {
                /**
                 * @description Programme id or slug (active or not)
                 * @example vaccinators
                 */
                programme?: string;
                /** @description Coach id */
                coach?: string;
                /** @description Who does the action */
                owner?: "candidate" | "coach" | "programme_team";
                /** @description What kind of action it is */
                category?: "training_or_course" | "job_application" | "work_experience_or_shadowing" | "networking_or_information" | "qualification" | "other";
                /** @description Its status now */
                status?: "not_started" | "in_progress" | "done" | "no_longer_relevant";
                /** @description true: only overdue actions (not started or in progress, due before today in the UK); false: only the rest */
                overdue?: boolean;
                /**
                 * @description Due on or after this date
                 * @example 2026-03-02
                 */
                dueFrom?: string;
                /**
                 * @description Due on or before this date
                 * @example 2026-03-02
                 */
                dueTo?: string;
                /**
                 * @description Agreed (created) on or after this UK date
                 * @example 2026-03-02
                 */
                agreedFrom?: string;
                /**
                 * @description Agreed (created) on or before this UK date
                 * @example 2026-03-02
                 */
                agreedTo?: string;
                /**
                 * @description Part of the candidate's name, email address or booking reference, any case
                 * @example CC-7KQ2
                 */
                q?: string;
                /** @description A field, with - before it for the reverse order. overdue: overdue actions first, then the rest, each by due date; dueOn: due date; status: not started, in progress, done, no longer relevant, then due date; coach: coach name, then due date; candidate: candidate name, then due date; statusSince: when the status last changed, longest ago first. Every order ends in the action's id. */
                sort?: "overdue" | "-overdue" | "dueOn" | "-dueOn" | "status" | "-status" | "coach" | "-coach" | "candidate" | "-candidate" | "statusSince" | "-statusSince";
                /** @description nextCursor (or previousCursor) of the page before, unchanged; with the same sort */
                cursor?: string & unknown;
                /** @description Actions per page */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            bookingId: string;
                            /** @description What was agreed */
                            summary: string;
                            /**
                             * @description Who does it
                             * @enum {string}
                             */
                            owner: "candidate" | "coach" | "programme_team";
                            /**
                             * @description What kind of action it is
                             * @enum {string}
                             */
                            category: "training_or_course" | "job_application" | "work_experience_or_shadowing" | "networking_or_information" | "qualification" | "other";
                            /**
                             * @description Its status now
                             * @enum {string}
                             */
                            status: "not_started" | "in_progress" | "done" | "no_longer_relevant";
                            /** Format: date */
                            dueOn: string;
                            /** @description Not started or in progress, and due before today (UK) */
                            overdue: boolean;
                            /**
                             * Format: date-time
                             * @description When the status last changed: how long it has been in it
                             */
                            statusSince: string;
                            candidate: {
                                name: string;
                            };
                            coach: {
                                name: string;
                            };
                            programme: {
                                slug: string;
                                name: string;
                            };
                            /** @example CC-7KQ2M9 */
                            bookingReference: string;
                            latestCandidateComment: string | null;
                        }[];
                        nextCursor: string | null;
                        previousCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    exportAdminActions: {
        parameters: {
            query?: {
                /**
                 * @description Programme id or slug (active or not)
                 * @example vaccinators
                 */
                programme?: string;
                /** @description Coach id */
                coach?: string;
                /** @description Who does the action */
                owner?: "candidate" | "coach" | "programme_team";
                /** @description What kind of action it is */
                category?: "training_or_course" | "job_application" | "work_experience_or_shadowing" | "networking_or_information" | "qualification" | "other";
                /** @description Its status now */
                status?: "not_started" | "in_progress" | "done" | "no_longer_relevant";
                /** @description true: only overdue actions (not started or in progress, due before today in the UK); false: only the rest */
                overdue?: boolean;
                /**
                 * @description Due on or after this date
                 * @example 2026-03-02
                 */
                dueFrom?: string;
                /**
                 * @description Due on or before this date
                 * @example 2026-03-02
                 */
                dueTo?: string;
                /**
                 * @description Agreed (created) on or after this UK date
                 * @example 2026-03-02
                 */
                agreedFrom?: string;
                /**
                 * @description Agreed (created) on or before this UK date
                 * @example 2026-03-02
                 */
                agreedTo?: string;
                /**
                 * @description Part of the candidate's name, email address or booking reference, any case
                 * @example CC-7KQ2
                 */
                q?: string;
                /** @description A field, with - before it for the reverse order. overdue: overdue actions first, then the rest, each by due date; dueOn: due date; status: not started, in progress, done, no longer relevant, then due date; coach: coach name, then due date; candidate: candidate name, then due date; statusSince: when the status last changed, longest ago first. Every order ends in the action's id. */
                sort?: "overdue" | "-overdue" | "dueOn" | "-dueOn" | "status" | "-status" | "coach" | "-coach" | "candidate" | "-candidate" | "statusSince" | "-statusSince";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The actions, one row each */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    bulkChangeAdminActionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The actions to change, 500 at most (a repeated id counts once) */
                    actionIds: string[];
                    /**
                     * @description Their new status
                     * @enum {string}
                     */
                    status: "not_started" | "in_progress" | "done" | "no_longer_relevant";
                    /** @description Why the status is changing: kept in each action's history */
                    comment: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description One per action, in the order given */
                        results: {
                            /** Format: uuid */
                            actionId: string;
                            changed: boolean;
                            /**
                             * @description Why it was not changed. not_found: no such action; notes_not_complete: the notes are a draft (change it on the notes form); already_in_status: it already had this status
                             * @enum {string}
                             */
                            reason?: "not_found" | "notes_not_complete" | "already_in_status";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminBookings: {
        parameters: {
            query?: {
                /**
                 * @description Programme id or slug (active or not)
                 * @example vaccinators
                 */
                programme?: string;
                /** @description Coach id: the bookings they hold now */
                coach?: string;
                /** @description booked, cancelled, completed (held) or no_show (did not attend) */
                status?: "booked" | "cancelled" | "completed" | "no_show";
                /**
                 * @description Conversations starting on or after this UK date
                 * @example 2026-03-02
                 */
                from?: string;
                /**
                 * @description Conversations starting on or before this UK date
                 * @example 2026-03-02
                 */
                to?: string;
                /**
                 * @description Part of the candidate's name, email address or booking reference, any case (3 characters or more)
                 * @example CC-7KQ2
                 */
                q?: string;
                /** @description start: soonest first (the default); -start: latest first. Either ends in the booking id */
                sort?: "start" | "-start";
                /** @description nextCursor of the page before, unchanged; with the same sort */
                cursor?: string & unknown;
                /** @description Bookings per page */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bookings: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /** @enum {string} */
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            /**
                             * Format: date-time
                             * @description When the conversation starts
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description When it ends
                             */
                            end: string;
                            /**
                             * Format: date-time
                             * @description When it was booked
                             */
                            bookedAt: string;
                            cancelledAt: string | null;
                            cancellationReason: string | null;
                            /** @description phone or video */
                            contactMethod: string;
                            candidate: {
                                name: string;
                                /** Format: email */
                                email: string;
                            };
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            coach: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description False once the coach is deactivated */
                                active: boolean;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getAdminBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking: {
                            /** Format: uuid */
                            id: string;
                            /** @example CC-7KQ2M9 */
                            reference: string;
                            /** @enum {string} */
                            status: "booked" | "cancelled" | "completed" | "no_show";
                            /**
                             * Format: date-time
                             * @description When the conversation starts
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @description When it ends
                             */
                            end: string;
                            /**
                             * Format: date-time
                             * @description When it was booked
                             */
                            bookedAt: string;
                            cancelledAt: string | null;
                            cancellationReason: string | null;
                            /** @description phone or video */
                            contactMethod: string;
                            candidate: {
                                name: string;
                                /** Format: email */
                                email: string;
                            };
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            coach: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description False once the coach is deactivated */
                                active: boolean;
                            };
                        };
                        /** @description Everything that happened to the booking, oldest first (never what the notes say) */
                        timeline: {
                            /**
                             * Format: date-time
                             * @description When it happened
                             */
                            at: string;
                            /** @description invited, booked, rescheduled, reassigned, cancelled, completed, no_show, email_sent, email_waiting, email_failed, email_sending, notes_started, notes_completed, outcome_recorded, action_agreed, action_status_changed */
                            kind: string;
                            /**
                             * @description Who did it
                             * @enum {string}
                             */
                            actor: "candidate" | "coach" | "admin" | "system";
                            actorName: string | null;
                            startsAt?: string | null;
                            endsAt?: string | null;
                            previousStartsAt?: string | null;
                            previousEndsAt?: string | null;
                            coach?: string | null;
                            previousCoach?: string | null;
                            reason?: string | null;
                            /** @description email_*: which email */
                            email?: string;
                            /** @description email_*: its subject */
                            subject?: string;
                            /** @description email_*: to whom (candidate or staff); action_status_changed: the new status */
                            to?: string;
                            /** @description email_*: times tried */
                            attempts?: number;
                            /** @description outcome_recorded: held, no_show or cancelled_late */
                            outcome?: string;
                            noShowReason?: string | null;
                            /** Format: uuid */
                            actionId?: string;
                            /** @description action_*: what was agreed */
                            summary?: string;
                            /** @description action_agreed: who does it */
                            owner?: string;
                            /** Format: date */
                            dueOn?: string;
                            /** @description action_status_changed: the status before */
                            from?: string;
                            comment?: string | null;
                        }[];
                    };
                };
            };
            /** @description The request does not match the schema: `fields` says which and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deactivateCoach: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why (kept in each moved or cancelled booking’s history) */
                    reason: string;
                    /**
                     * @description Only answer the plan: nothing changes
                     * @default false
                     */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True when this is only the plan and nothing changed */
                        dryRun: boolean;
                        /** @description Each of the coach’s live conversations that had not started, soonest first */
                        affected: {
                            /** Format: uuid */
                            bookingId: string;
                            reference: string;
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            /** @description moved: to another coach free at the same time (fair share); cancelled: nobody is free, the candidate is told with a link to book again */
                            outcome: "moved" | "cancelled";
                            newCoach?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listAdminInvitations: {
        parameters: {
            query?: {
                /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                status?: "sent" | "booked" | "expired" | "withdrawn";
                /** @description Programme id */
                programme?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Newest first */
                        invitations: {
                            /** Format: uuid */
                            id: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            name: string;
                            email: string;
                            phone: string | null;
                            note: string | null;
                            /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                            status: "sent" | "booked" | "expired" | "withdrawn";
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            expiresAt: string;
                            emailSentAt: string | null;
                        }[];
                        /** @description How many match, over every page */
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createAdminInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Programme id or slug, see /api/v1/programmes
                     * @example vaccinators
                     */
                    programme: string;
                    name: string;
                    /** @description Stored in lower case */
                    email: string;
                    phone?: string | null;
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            /** Format: uuid */
                            id: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            name: string;
                            email: string;
                            phone: string | null;
                            note: string | null;
                            /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                            status: "sent" | "booked" | "expired" | "withdrawn";
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            expiresAt: string;
                            emailSentAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    batchAdminInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Up to 1000; each like the body of POST /api/v1/admin/invitations */
                    invitations: {
                        programme?: string;
                        name?: string | null;
                        email?: string | null;
                        phone?: string | null;
                        note?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invited: {
                            /** @description Position in the batch, from 0 */
                            index: number;
                            invitation: {
                                /** Format: uuid */
                                id: string;
                                programme: {
                                    /** Format: uuid */
                                    id: string;
                                    slug: string;
                                    name: string;
                                };
                                name: string;
                                email: string;
                                phone: string | null;
                                note: string | null;
                                /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                                status: "sent" | "booked" | "expired" | "withdrawn";
                                /**
                                 * Format: date-time
                                 * @example 2026-03-02T09:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-02T09:30:00.000Z
                                 */
                                expiresAt: string;
                                emailSentAt: string | null;
                            };
                        }[];
                        /** @description One entry per problem; an item with any problem is not invited */
                        errors: {
                            /** @description Position in the batch, from 0 */
                            index: number;
                            error: "validation_failed" | "already_invited" | "duplicate_in_batch";
                            /** @example email */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getAdminInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            /** Format: uuid */
                            id: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            name: string;
                            email: string;
                            phone: string | null;
                            note: string | null;
                            /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                            status: "sent" | "booked" | "expired" | "withdrawn";
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            expiresAt: string;
                            emailSentAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    withdrawAdminInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            /** Format: uuid */
                            id: string;
                            programme: {
                                /** Format: uuid */
                                id: string;
                                slug: string;
                                name: string;
                            };
                            name: string;
                            email: string;
                            phone: string | null;
                            note: string | null;
                            /** @description sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team */
                            status: "sent" | "booked" | "expired" | "withdrawn";
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:30:00.000Z
                             */
                            expiresAt: string;
                            emailSentAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    /** @description Two-factor: the 6-digit code from the authenticator app, or a recovery code (xxxx-xxxx-xxxx) */
                    code?: string & unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        staff: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: "coach" | "admin";
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API token was sent that is not valid (unknown, revoked or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    signOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getProgrammeReport: {
        parameters: {
            query: {
                /**
                 * @description Programme id or slug (active or not)
                 * @example vaccinators
                 */
                programme: string;
                /**
                 * @description First date, YYYY-MM-DD, UK time (Europe/London), included
                 * @example 2026-01-01
                 */
                from: string;
                /**
                 * @description Last date, YYYY-MM-DD, UK time, included; at most 366 days in all
                 * @example 2026-03-31
                 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programme figures for conversations in a period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        programme: {
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                        };
                        /** @description First date, YYYY-MM-DD, included */
                        from: string;
                        /** @description Last date, YYYY-MM-DD, included */
                        to: string;
                        /** @description The zone of the dates: Europe/London */
                        timeZone: string;
                        /** Format: date-time */
                        generatedAt: string;
                        invitations: {
                            /** @description Invitations created in the period (whatever their status now) */
                            sent: number;
                        };
                        /** @description Bookings for conversations in the period */
                        bookings: {
                            /** @description Bookings whose conversation time is in the period, in any state */
                            made: number;
                            /** @description Of those, conversations held (completed) */
                            held: number;
                            /** @description Candidate did not come */
                            noShows: number;
                            /** @description Still booked: not yet held or not yet recorded */
                            upcoming: number;
                            /** @description Cancelled, by anyone */
                            cancelled: number;
                            /** @description Cancelled by the candidate */
                            cancelledByCandidate: number;
                            /** @description Cancelled by a coach, an admin or the system */
                            cancelledByStaff: number;
                        };
                        /** @description From invitation to conversation: held, didNotAttend, stillBooked and cancelled add up to booked */
                        funnel: {
                            /**
                             * @description The invitations sent in the period, each followed to the best that came of its bookings, whenever they were
                             * @enum {string}
                             */
                            basis: "invitations_sent_in_period";
                            /** @description Invitations sent in the period */
                            invited: number;
                            /** @description Of those, booked at least once */
                            booked: {
                                /** @description Of those, booked at least once */
                                count: number;
                                /** @description count / invited (0 to 1, three decimal places); null when there is nothing to divide by */
                                rate: number | null;
                            };
                            /** @description Of those booked, the conversation was held */
                            held: {
                                /** @description Of those booked, the conversation was held */
                                count: number;
                                /** @description count / booked (0 to 1, three decimal places); null when there is nothing to divide by */
                                rate: number | null;
                            };
                            /** @description Of those booked, none held and the candidate did not come */
                            didNotAttend: {
                                /** @description Of those booked, none held and the candidate did not come */
                                count: number;
                                /** @description count / booked (0 to 1, three decimal places); null when there is nothing to divide by */
                                rate: number | null;
                            };
                            /** @description Of those booked, none held or missed and one still booked */
                            stillBooked: {
                                /** @description Of those booked, none held or missed and one still booked */
                                count: number;
                                /** @description count / booked (0 to 1, three decimal places); null when there is nothing to divide by */
                                rate: number | null;
                            };
                            /** @description Of those booked, every booking was cancelled */
                            cancelled: {
                                /** @description Of those booked, every booking was cancelled */
                                count: number;
                                /** @description count / booked (0 to 1, three decimal places); null when there is nothing to divide by */
                                rate: number | null;
                            };
                            /** @description held / invited (0 to 1, three decimal places); null when there is nothing to divide by */
                            conversion: number | null;
                        };
                        /** @description UK calendar days from the invitation to the conversation: held conversations of the period that answered an invitation */
                        daysFromInvitationToConversation: {
                            /** @description Bookings counted */
                            count: number;
                            /** @description Median UK calendar days, one decimal place; null when none were counted */
                            median: number | null;
                            /** @description 90th percentile (interpolated, percentile_cont), one decimal place */
                            percentile90: number | null;
                            /** @description Mean, one decimal place */
                            mean: number | null;
                        };
                        /** @description UK calendar days from the invitation to the day the booking was made: bookings of the period (in any state) that answered an invitation */
                        daysFromInvitationToBooking: {
                            /** @description Bookings counted */
                            count: number;
                            /** @description Median UK calendar days, one decimal place; null when none were counted */
                            median: number | null;
                            /** @description 90th percentile (interpolated, percentile_cont), one decimal place */
                            percentile90: number | null;
                            /** @description Mean, one decimal place */
                            mean: number | null;
                        };
                        /** @description Actions of the conversations held in the period */
                        actions: {
                            /** @description Actions agreed in the held conversations */
                            agreed: number;
                            /** @description Mean actions per held conversation (two decimal places); null with none held */
                            perConversation: number | null;
                            /** @description Agreed actions by category */
                            byCategory: {
                                training_or_course: number;
                                job_application: number;
                                work_experience_or_shadowing: number;
                                networking_or_information: number;
                                qualification: number;
                                other: number;
                            };
                            /** @description Agreed actions by their status now */
                            byStatus: {
                                not_started: number;
                                in_progress: number;
                                done: number;
                                no_longer_relevant: number;
                            };
                            /** @description Agreed actions by who does them */
                            byOwner: {
                                candidate: number;
                                coach: number;
                                programme_team: number;
                            };
                            completedShare: {
                                /** @description Actions done 4 weeks after the conversation (from the history of status changes) */
                                weeks4: {
                                    /** @description Share (0 to 1, three decimal places) of the counted actions that were done 4 weeks after their conversation; null when none were counted */
                                    share: number | null;
                                    /** @description Held conversations at least 4 weeks old (the only ones counted) */
                                    conversations: number;
                                    /** @description Their actions */
                                    actions: number;
                                    /** @description Of those, done 4 weeks after the conversation */
                                    done: number;
                                };
                                /** @description Actions done 8 weeks after the conversation (from the history of status changes) */
                                weeks8: {
                                    /** @description Share (0 to 1, three decimal places) of the counted actions that were done 8 weeks after their conversation; null when none were counted */
                                    share: number | null;
                                    /** @description Held conversations at least 8 weeks old (the only ones counted) */
                                    conversations: number;
                                    /** @description Their actions */
                                    actions: number;
                                    /** @description Of those, done 8 weeks after the conversation */
                                    done: number;
                                };
                                /** @description Actions done 12 weeks after the conversation (from the history of status changes) */
                                weeks12: {
                                    /** @description Share (0 to 1, three decimal places) of the counted actions that were done 12 weeks after their conversation; null when none were counted */
                                    share: number | null;
                                    /** @description Held conversations at least 12 weeks old (the only ones counted) */
                                    conversations: number;
                                    /** @description Their actions */
                                    actions: number;
                                    /** @description Of those, done 12 weeks after the conversation */
                                    done: number;
                                };
                            };
                            /** @description The share done 4, 8 and 12 weeks after the conversation, by category */
                            completedShareByCategory: {
                                training_or_course: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                job_application: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                work_experience_or_shadowing: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                networking_or_information: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                qualification: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                other: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                            };
                            /** @description The share done 4, 8 and 12 weeks after the conversation, by who does the action */
                            completedShareByOwner: {
                                candidate: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                coach: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                                programme_team: {
                                    /** @description Done 4 weeks after the conversation */
                                    weeks4: {
                                        /** @description Share of the counted actions done 4 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 4 weeks old */
                                        actions: number;
                                        /** @description Of those, done 4 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 8 weeks after the conversation */
                                    weeks8: {
                                        /** @description Share of the counted actions done 8 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 8 weeks old */
                                        actions: number;
                                        /** @description Of those, done 8 weeks after the conversation */
                                        done: number;
                                    };
                                    /** @description Done 12 weeks after the conversation */
                                    weeks12: {
                                        /** @description Share of the counted actions done 12 weeks after their conversation (0 to 1, three decimal places); null when there is nothing to divide by */
                                        share: number | null;
                                        /** @description Actions of held conversations at least 12 weeks old */
                                        actions: number;
                                        /** @description Of those, done 12 weeks after the conversation */
                                        done: number;
                                    };
                                };
                            };
                        };
                        /** @description Booked hours against available hours. Available hours: the weekly hours as they are now, with date changes and time off, on each date of the period on the coach's clock. A coach on several programmes offers the same hours to each. */
                        coachUtilisation: {
                            /** @description Hours of the programme's conversations in the period that were not cancelled, two decimal places */
                            bookedHours: number;
                            /** @description Working hours of its coaches in the period, two decimal places */
                            availableHours: number;
                            /** @description bookedHours / availableHours (0 to 1, three decimal places); null when there is nothing to divide by */
                            share: number | null;
                            /** @description Each coach on the programme now or with its conversations in the period, by name */
                            coaches: {
                                coach: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                /** @description Hours booked, two decimal places */
                                bookedHours: number;
                                /** @description Hours available, two decimal places */
                                availableHours: number;
                                /** @description bookedHours / availableHours (0 to 1, three decimal places); null when there is nothing to divide by */
                                share: number | null;
                            }[];
                        };
                        /** @description Every week of the period from its first Monday; the first and last may be part weeks */
                        bookingsPerWeek: {
                            /**
                             * Format: date
                             * @description The Monday (UK) the week starts on
                             */
                            weekStarting: string;
                            /** @description Bookings made that week (in the period), whatever became of them */
                            made: number;
                            /** @description Bookings whose conversation is that week (in the period), in any state */
                            conversations: number;
                            /** @description Of those, held */
                            held: number;
                        }[];
                        /** @description What candidates went on to */
                        wentOnTo: {
                            /**
                             * @description What the candidate said at 3 or 12 months (outcomes), and for three kinds an action of that kind done; one count per held conversation
                             * @enum {string}
                             */
                            basis: "outcome_follow_ups_and_actions_done";
                            /** @description Held conversations whose candidate said they started training or a course, or with a "training or course" action done */
                            trainingStarted: number;
                            /** @description Said they applied for a role, or with a "job application" action done */
                            applicationMade: number;
                            /** @description Said they gained a qualification, or with a "qualification" action done */
                            qualificationGained: number;
                            /** @description Said they started a new role or more hours */
                            newRole: number;
                            /** @description Said they moved up (promotion or more responsibility) */
                            movedUp: number;
                        };
                        /** @description Feedback a day after the conversation */
                        feedback: {
                            /**
                             * @description The conversations of the period that were held
                             * @enum {string}
                             */
                            basis: "held_conversations_in_period";
                            /** @description Held conversations: each candidate was asked */
                            held: number;
                            /** @description Candidates who answered */
                            answered: number;
                            /** @description How useful the conversation was */
                            usefulness: {
                                very_useful: number;
                                quite_useful: number;
                                a_little_useful: number;
                                not_useful: number;
                            };
                            /** @description Whether they know their next step (partly: "I have some idea") */
                            knowsNextStep: {
                                yes: number;
                                partly: number;
                                no: number;
                            };
                            /** @description How confident they feel about their next steps (the notes' scale) */
                            confidenceAfter: {
                                confident: number;
                                fairlyConfident: number;
                                notConfident: number;
                            };
                            /** @description Candidates who chose not to answer */
                            declined: number;
                            /** @description answered / held (0 to 1, three decimal places); null when there is nothing to divide by */
                            responseRate: number | null;
                            /** @description Answers with a comment (comments are not part of the report) */
                            withComment: number;
                            /** @description Confidence before (the notes) and after (the feedback), on the same scale */
                            confidence: {
                                /** @description As the coach recorded it in the notes (four-stage model) */
                                before: {
                                    confident: number;
                                    fairlyConfident: number;
                                    notConfident: number;
                                };
                                /** @description Held conversations whose notes record it */
                                beforeRecorded: number;
                                /** @description As the candidate answered, a day later */
                                after: {
                                    confident: number;
                                    fairlyConfident: number;
                                    notConfident: number;
                                };
                                /** @description Conversations with both */
                                compared: number;
                                /** @description Of those, more confident after */
                                higher: number;
                                /** @description Of those, the same */
                                same: number;
                                /** @description Of those, less confident after */
                                lower: number;
                            };
                            /** @description Each coach with at least 5 answers: aggregates only, never a comment */
                            coaches: {
                                coach: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                /** @description Candidates who answered */
                                answered: number;
                                /** @description How useful the conversation was */
                                usefulness: {
                                    very_useful: number;
                                    quite_useful: number;
                                    a_little_useful: number;
                                    not_useful: number;
                                };
                                /** @description Whether they know their next step (partly: "I have some idea") */
                                knowsNextStep: {
                                    yes: number;
                                    partly: number;
                                    no: number;
                                };
                                /** @description How confident they feel about their next steps (the notes' scale) */
                                confidenceAfter: {
                                    confident: number;
                                    fairlyConfident: number;
                                    notConfident: number;
                                };
                            }[];
                            /** @description Coaches with answers, but fewer than 5: not shown, so no answer can be traced to one candidate */
                            coachesNotShown: number;
                        };
                        /** @description What candidates have done since, asked 3 and 12 months after the conversation */
                        outcomes: {
                            /**
                             * @description The held conversations of the period old enough to have been asked
                             * @enum {string}
                             */
                            basis: "held_conversations_old_enough";
                            /** @description 3 months after the conversation */
                            months3: {
                                /** @description Held conversations of the period at least 3 months old (UK calendar): each candidate was asked */
                                due: number;
                                /** @description Candidates who said what they have done since */
                                answered: number;
                                /** @description What they have done since (several may apply to one answer) */
                                doneSince: {
                                    started_training: number;
                                    gained_qualification: number;
                                    applied_for_role: number;
                                    new_role_or_more_hours: number;
                                    moved_up: number;
                                    nothing_yet: number;
                                };
                                /** @description Whether the conversation helped */
                                helped: {
                                    a_lot: number;
                                    a_little: number;
                                    not_at_all: number;
                                    not_sure: number;
                                };
                                /** @description Candidates who said "do not ask again" */
                                stopped: number;
                                /** @description answered / due (0 to 1, three decimal places); null when there is nothing to divide by */
                                responseRate: number | null;
                                /** @description Each coach with at least 5 answers */
                                coaches: {
                                    coach: {
                                        /** Format: uuid */
                                        id: string;
                                        name: string;
                                    };
                                    /** @description Candidates who said what they have done since */
                                    answered: number;
                                    /** @description What they have done since (several may apply to one answer) */
                                    doneSince: {
                                        started_training: number;
                                        gained_qualification: number;
                                        applied_for_role: number;
                                        new_role_or_more_hours: number;
                                        moved_up: number;
                                        nothing_yet: number;
                                    };
                                    /** @description Whether the conversation helped */
                                    helped: {
                                        a_lot: number;
                                        a_little: number;
                                        not_at_all: number;
                                        not_sure: number;
                                    };
                                }[];
                                /** @description Coaches with answers, but fewer than 5: not shown, so no answer can be traced to one candidate */
                                coachesNotShown: number;
                            };
                            /** @description 12 months after the conversation */
                            months12: {
                                /** @description Held conversations of the period at least 12 months old (UK calendar): each candidate was asked */
                                due: number;
                                /** @description Candidates who said what they have done since */
                                answered: number;
                                /** @description What they have done since (several may apply to one answer) */
                                doneSince: {
                                    started_training: number;
                                    gained_qualification: number;
                                    applied_for_role: number;
                                    new_role_or_more_hours: number;
                                    moved_up: number;
                                    nothing_yet: number;
                                };
                                /** @description Whether the conversation helped */
                                helped: {
                                    a_lot: number;
                                    a_little: number;
                                    not_at_all: number;
                                    not_sure: number;
                                };
                                /** @description Candidates who said "do not ask again" */
                                stopped: number;
                                /** @description answered / due (0 to 1, three decimal places); null when there is nothing to divide by */
                                responseRate: number | null;
                                /** @description Each coach with at least 5 answers */
                                coaches: {
                                    coach: {
                                        /** Format: uuid */
                                        id: string;
                                        name: string;
                                    };
                                    /** @description Candidates who said what they have done since */
                                    answered: number;
                                    /** @description What they have done since (several may apply to one answer) */
                                    doneSince: {
                                        started_training: number;
                                        gained_qualification: number;
                                        applied_for_role: number;
                                        new_role_or_more_hours: number;
                                        moved_up: number;
                                        nothing_yet: number;
                                    };
                                    /** @description Whether the conversation helped */
                                    helped: {
                                        a_lot: number;
                                        a_little: number;
                                        not_at_all: number;
                                        not_sure: number;
                                    };
                                }[];
                                /** @description Coaches with answers, but fewer than 5: not shown, so no answer can be traced to one candidate */
                                coachesNotShown: number;
                            };
                        };
                        /** @description The waitlist: who waits, how long, and the offers made */
                        waitlist: {
                            /** @description People in the waitlist now */
                            waitingNow: number;
                            /** @description Of them, with a time held for them now */
                            withOfferNow: number;
                            daysWaitingNow: {
                                median: number | null;
                                longest: number | null;
                            };
                            /** @description Joined in the period */
                            joined: number;
                            /** @description Left the waitlist in the period, by how */
                            left: {
                                /** @description Booked (an offered time, or another way) */
                                booked: number;
                                /** @description Left the waitlist themselves */
                                left: number;
                                /** @description Taken off by the programme team */
                                removed: number;
                                /** @description Their last date passed */
                                ended: number;
                            };
                            daysWaitedBeforeBooking: {
                                /** @description People who booked in the period */
                                count: number;
                                median: number | null;
                                mean: number | null;
                            };
                            /** @description Offers made in the period, by how they ended */
                            offers: {
                                /** @description Times offered in the period */
                                made: number;
                                /** @description Booked from the offer */
                                taken: number;
                                /** @description Said no */
                                declined: number;
                                /** @description Not taken by the deadline */
                                expired: number;
                                /** @description Ended because the person left or booked another way */
                                withdrawn: number;
                                /** @description Still held for them */
                                open: number;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    exportProgrammeReport: {
        parameters: {
            query: {
                /**
                 * @description Programme id or slug (active or not)
                 * @example vaccinators
                 */
                programme: string;
                /**
                 * @description First date, YYYY-MM-DD, UK time (Europe/London), included
                 * @example 2026-01-01
                 */
                from: string;
                /**
                 * @description Last date, YYYY-MM-DD, UK time, included; at most 366 days in all
                 * @example 2026-03-31
                 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCoachCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The feed's token followed by .ics, as in the address on the coach's calendar page */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": {
                        /** @description A stable code, e.g. slot_unavailable */
                        error: string;
                        /** @description For people */
                        message: string;
                        requestId: string;
                        fields?: {
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
}
