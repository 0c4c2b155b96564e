/* global document, window, fetch, setTimeout, clearTimeout */
// Saves the candidate's preparation answers as they type (progressive
// enhancement: without this script, "Save your answers" posts the form and
// the page comes back with a banner).
//
// - A short pause after typing, or leaving a field, saves every answer
//   through PUT /api/v1/bookings/:id/preparation (the API the form is built
//   on), with the manage token as a Bearer token. The token is read from this
//   page's own address (/bookings/manage/<token>), never printed in the page.
// - "Saved" when it worked; a visible warning when it did not (and another
//   try a little later). After the conversation starts (409
//   preparation_closed) it stops and says so.
// Loaded as a module from /assets (no inline script: the page's CSP allows none).

const TYPING_PAUSE_MS = 1200
const RETRY_MS = 10000

const form = document.querySelector('form[data-preparation-form]')
const token = /^\/bookings\/manage\/([^/?#]+)/.exec(window.location.pathname)?.[1]
if (form && token) start(form, token)

function start(form, token) {
  const api = form.dataset.api
  const statusEl = form.querySelector('[data-autosave-status]')
  const warningEl = form.querySelector('[data-autosave-warning]')
  const warningText = form.querySelector('[data-autosave-warning-text]')
  const fields = [...form.querySelectorAll('textarea[data-answer-key]')]

  let lastSaved = JSON.stringify(collect())
  let timer = null
  let saving = null
  let again = false
  let stopped = false

  function collect() {
    const answers = {}
    for (const field of fields) answers[field.dataset.answerKey] = field.value
    return answers
  }

  function setStatus(text) {
    statusEl.textContent = text
  }

  function warn(text) {
    warningText.textContent = text
    warningEl.hidden = false
  }

  function clearWarning() {
    warningEl.hidden = true
  }

  function schedule(delay) {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(save, delay)
  }

  async function save() {
    clearTimeout(timer)
    if (stopped) return
    if (saving) {
      again = true
      return
    }
    const answers = collect()
    const body = JSON.stringify(answers)
    if (body === lastSaved) return
    setStatus('Saving…')
    saving = (async () => {
      try {
        const response = await fetch(api, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept: 'application/json' },
          body: JSON.stringify({ answers }),
          credentials: 'same-origin',
        })
        if (response.ok) {
          lastSaved = body
          clearWarning()
          // Typed more while this was on its way: not "Saved" until that is too.
          setStatus(JSON.stringify(collect()) === body ? 'Saved' : 'Not saved yet')
          return
        }
        const problem = await response.json().catch(() => ({}))
        if (response.status === 409) {
          stopped = true
          setStatus('Not saved')
          warn('Your conversation has started, so your answers can no longer be changed. Refresh the page to see what your coach has.')
          return
        }
        if (response.status === 400 && Array.isArray(problem.fields) && problem.fields.length > 0) {
          setStatus('Not saved')
          warn(problem.fields.map((field) => field.message).join('. '))
          return
        }
        throw new Error(`status ${response.status}`)
      } catch {
        setStatus('Not saved')
        warn('We could not save your latest answers. Check your connection: we will try again, or select "Save your answers".')
        schedule(RETRY_MS)
      }
    })()
    await saving
    saving = null
    if (again) {
      again = false
      schedule(0)
    }
  }

  for (const field of fields) {
    field.addEventListener('input', () => {
      if (!stopped) setStatus('Not saved yet')
      schedule(TYPING_PAUSE_MS)
    })
    field.addEventListener('change', () => schedule(0))
  }
  // Before leaving the page, one last try (the form's own Save button still posts as normal).
  window.addEventListener('pagehide', () => {
    if (!stopped && JSON.stringify(collect()) !== lastSaved) {
      fetch(api, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ answers: collect() }),
        keepalive: true,
      }).catch(() => {})
    }
  })
}
