/* global document, fetch, URLSearchParams, FormData, setInterval, performance */
// The booking journey's held time (templates/pages/book/_hold.njk): two
// minutes before we stop keeping it, a dialog says so and offers "Keep this
// time for longer" (WCAG 2.2.1, timing adjustable), which asks the server to
// keep it (POST keep-time, as each step of the journey does) without leaving
// the page. Without JavaScript the page says until when the time is kept.
//
// Times come from the server (when the hold ends, and the server's "now" when
// the page was made), so a browser clock that is wrong does not matter: only
// how much time has passed since on this page does.

const WARN_BEFORE_MS = 2 * 60 * 1000
const CHECK_EVERY_MS = 1000

const root = document.querySelector('[data-app-hold]')
const dialog = root?.querySelector('dialog')
if (root && dialog && typeof dialog.showModal === 'function') start(root, dialog)

/**
 * @param {HTMLElement} root
 * @param {HTMLDialogElement} dialog
 */
function start(root, dialog) {
  const form = /** @type {HTMLFormElement} */ (dialog.querySelector('form'))
  const keepButton = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-hold-keep]'))
  const heading = /** @type {HTMLElement} */ (dialog.querySelector('[data-hold-heading]'))
  const warning = /** @type {HTMLElement} */ (dialog.querySelector('[data-hold-warning]'))
  const left = /** @type {HTMLElement} */ (root.querySelector('[data-hold-left]'))
  const status = /** @type {HTMLElement} */ (root.querySelector('[data-hold-status]'))
  const lead = /** @type {HTMLElement} */ (root.querySelector('[data-hold-lead]'))
  const closeButton = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-hold-close]'))
  const askHeading = heading.textContent

  /** When the hold ends, on this page's clock (performance.now()). */
  let endsAt = deadline(root.dataset.expiresAt, root.dataset.now)
  let warned = false
  let ended = false
  let keeping = false

  closeButton.addEventListener('click', () => dialog.close())

  /** Nothing more to keep: the button goes, and focus (if it was there) moves to Close. */
  function offerNoMore() {
    keepButton.hidden = true
    if (dialog.open) closeButton.focus()
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (keeping) return
    keeping = true
    keepButton.disabled = true
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(/** @type {any} */ (new FormData(form))),
        credentials: 'same-origin',
      })
      if (!response.ok) throw new Error(`keep-time answered ${response.status}`)
      const kept = await response.json()
      if (!kept.kept) {
        end()
        return
      }
      endsAt = deadline(kept.expiresAt, kept.now)
      lead.textContent = `We are keeping ${lead.dataset.thing} for you until ${kept.until}${lead.dataset.tail}`
      const from = `That is ${minutesText(Date.parse(kept.expiresAt) - Date.parse(kept.now))} from now.`
      left.textContent = kept.canKeepLonger ? from : `${from} We cannot keep it for you for any longer, so finish booking before then.`
      if (kept.canKeepLonger) {
        warned = false
        heading.textContent = askHeading
        warning.textContent = `We will stop keeping ${warning.dataset.chosen} for you at ${kept.until}. After that, someone else could book it.`
        dialog.close()
        status.textContent = `We will keep this time for you until ${kept.until}.`
      } else {
        // Already as long as a time can be kept: say so, and offer nothing more.
        heading.textContent = 'We cannot keep this time for longer'
        warning.textContent = `We will stop keeping ${warning.dataset.chosen} for you at ${kept.until}. Finish booking before then to be sure of it.`
        offerNoMore()
      }
    } catch {
      heading.textContent = 'Sorry, we could not keep this time for longer'
      warning.textContent = 'Try again. If it keeps happening, continue booking: the next page keeps it for longer too.'
    } finally {
      keeping = false
      keepButton.disabled = false
    }
  })

  function check() {
    if (ended) return
    const remaining = endsAt - performance.now()
    if (remaining <= 0) end()
    else if (remaining <= WARN_BEFORE_MS && !warned) warn()
  }

  function warn() {
    warned = true
    if (!dialog.open) dialog.showModal()
  }

  function end() {
    ended = true
    const text = 'We have stopped keeping this time for you. You can still book it if no one else has.'
    left.textContent = text
    heading.textContent = 'We have stopped keeping this time for you'
    warning.textContent = 'You can still book it if no one else has. If it has gone, we will ask you to choose another time.'
    offerNoMore()
    status.textContent = text
  }

  setInterval(check, CHECK_EVERY_MS)
  document.addEventListener('visibilitychange', check)
  check()
}

/** The moment `expiresAt` on this page's clock, given the server's `now` when it said so. */
function deadline(expiresAt, serverNow) {
  return performance.now() + (Date.parse(expiresAt) - Date.parse(serverNow))
}

/** "10 minutes", "1 minute", "less than a minute" (as the page says it: minutesLeftText). */
function minutesText(milliseconds) {
  const minutes = Math.floor(milliseconds / 60000)
  if (minutes < 1) return 'less than a minute'
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
