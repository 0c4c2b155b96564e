/* global document, window, localStorage, fetch, CSS, setTimeout, clearTimeout */
// Autosave for the coach's notes form (progressive enhancement: without this
// script, "Save draft" posts the whole form and nothing is lost).
//
// - Saves the notes through the JSON API (PUT /api/v1/bookings/:id/notes) a
//   few seconds after typing stops, and at once on leaving a field.
// - Each save carries the version it is based on. A 409 stale_notes (someone
//   saved in another tab) stops autosaving and says so: nothing is overwritten.
// - Every change is kept in localStorage first; a failed save shows a visible
//   warning and is retried. Unsaved changes kept in this browser are offered
//   back when the page is opened again.
// - Agreed actions already on the page are saved one by one
//   (PUT /api/v1/bookings/:id/actions/:actionId) once they are complete.
// Loaded as a module from /assets (no inline script: the page's CSP allows none).

const TYPING_PAUSE_MS = 2500
const RETRY_FIRST_MS = 5000
const RETRY_MAX_MS = 60000

const form = document.querySelector('form[data-notes-form]')
if (form) start(form)

function start(form) {
  const api = form.dataset.api
  const timeZone = form.dataset.timeZone || 'Europe/London'
  const storageKey = `cc-notes:${form.dataset.bookingId}`
  const versionInput = form.querySelector('[data-notes-version]')
  const statusEl = form.querySelector('[data-autosave-status]')
  const warningEl = form.querySelector('[data-autosave-warning]')
  const warningText = form.querySelector('[data-autosave-warning-text]')

  let version = Number(versionInput.value)
  let lastSaved = JSON.stringify(collectNotes().payload)
  let timer = null
  let retryTimer = null
  let retryDelay = RETRY_FIRST_MS
  let saving = null
  let stopped = false
  let pendingSubmit = null
  const dirtyActions = new Set()

  statusEl.dataset.enhanced = 'true'
  offerKeptChanges()

  // ---- reading the form --------------------------------------------------------------------

  function valueOf(root, name) {
    const fields = root.querySelectorAll(`[name="${CSS.escape(name)}"]`)
    for (const field of fields) {
      if (field.type === 'radio' || field.type === 'checkbox') {
        if (field.checked) return field.value
      } else {
        return field.value
      }
    }
    return ''
  }

  /** The notes as the API takes them, and the rows not ready to save yet. */
  function collectNotes() {
    const values = {}
    const waiting = []
    for (const wrapper of form.querySelectorAll('[data-note-field]')) {
      const key = wrapper.dataset.noteField
      const name = `f.${key}`
      switch (wrapper.dataset.kind) {
        case 'text': {
          const text = valueOf(wrapper, name)
          if (text.trim() !== '') values[key] = text
          break
        }
        case 'choice': {
          const choice = valueOf(wrapper, name)
          if (choice !== '') values[key] = choice
          break
        }
        case 'list': {
          const items = valueOf(wrapper, name).split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
          if (items.length > 0) values[key] = items
          break
        }
        case 'options': {
          const rows = []
          for (const row of wrapper.querySelectorAll('[data-row]')) {
            const prefix = `${name}.${row.dataset.row}`
            const option = {
              role: valueOf(row, `${prefix}.role`).trim(),
              timing: valueOf(row, `${prefix}.timing`),
              realism: valueOf(row, `${prefix}.realism`),
              notes: valueOf(row, `${prefix}.notes`).trim(),
            }
            if (!option.role && !option.timing && !option.realism && !option.notes) continue
            if (!option.role || !option.timing || !option.realism) {
              waiting.push(option.role ? `"${option.role}": choose now or later, and realistic or a stretch` : 'an option without a role')
              continue
            }
            if (!option.notes) delete option.notes
            rows.push(option)
          }
          if (rows.length > 0) values[key] = rows
          break
        }
        case 'developmentNeeds': {
          const needs = []
          for (const row of wrapper.querySelectorAll('[data-row]')) {
            const prefix = `${name}.${row.dataset.row}`
            const need = valueOf(row, `${prefix}.need`).trim()
            const isFocus = valueOf(row, `${prefix}.focus`) === 'yes'
            if (need) needs.push({ need, isFocus })
          }
          if (needs.length > 0) values[key] = needs
          break
        }
      }
    }
    const noActionsAgreed = valueOf(form, 'noActionsAgreed') === 'yes'
    return { payload: { values, noActionsAgreed }, waiting }
  }

  function collectAction(fieldset) {
    const id = fieldset.dataset.actionId
    const name = (part) => `a.${id}.${part}`
    const day = valueOf(fieldset, name('dueOn[day]')).trim()
    const month = valueOf(fieldset, name('dueOn[month]')).trim()
    const year = valueOf(fieldset, name('dueOn[year]')).trim()
    const action = {
      summary: valueOf(fieldset, name('summary')).trim(),
      owner: valueOf(fieldset, name('owner')),
      category: valueOf(fieldset, name('category')),
      dueOn: /^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day) ? `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : '',
      resourceId: valueOf(fieldset, name('resourceId')) || null,
      link: valueOf(fieldset, name('linkUrl')).trim() ? { url: valueOf(fieldset, name('linkUrl')).trim(), title: valueOf(fieldset, name('linkTitle')).trim() || null } : null,
      status: valueOf(fieldset, name('status')) || null,
    }
    const ready = action.summary && action.owner && action.category && action.dueOn
    return { id, action, ready }
  }

  // ---- what the coach sees -----------------------------------------------------------------

  function clockTime(date) {
    const parts = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone }).formatToParts(date)
    const hour = parts.find((p) => p.type === 'hour')?.value ?? ''
    const minute = parts.find((p) => p.type === 'minute')?.value ?? '00'
    const period = (parts.find((p) => p.type === 'dayPeriod')?.value ?? '').toLowerCase().replace(/\./g, '').replace(/\s/g, '')
    if (hour === '12' && minute === '00') return period.startsWith('p') ? 'midday' : 'midnight'
    return `${hour}${minute === '00' ? '' : `:${minute}`}${period}`
  }

  function showStatus(text) {
    statusEl.textContent = text
  }

  function showWarning(text, link) {
    warningText.textContent = text
    if (link) {
      const a = document.createElement('a')
      a.href = link.href
      a.textContent = link.text
      warningText.append(' ', a)
    }
    warningEl.hidden = false
  }

  function clearWarning() {
    warningEl.hidden = true
    warningText.textContent = ''
  }

  // ---- keeping changes in this browser -----------------------------------------------------

  function keep(payload) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ version, payload, keptAt: new Date().toISOString() }))
    } catch {
      // Private browsing or a full store: the warning still shows when saving fails.
    }
  }

  function forget() {
    try {
      localStorage.removeItem(storageKey)
    } catch {
      // nothing kept
    }
  }

  function kept() {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? 'null')
    } catch {
      return null
    }
  }

  function setField(root, name, value) {
    const fields = root.querySelectorAll(`[name="${CSS.escape(name)}"]`)
    for (const field of fields) {
      if (field.type === 'radio' || field.type === 'checkbox') field.checked = field.value === value
      else field.value = value
    }
  }

  function restore(payload) {
    for (const wrapper of form.querySelectorAll('[data-note-field]')) {
      const key = wrapper.dataset.noteField
      const name = `f.${key}`
      const value = payload.values[key]
      switch (wrapper.dataset.kind) {
        case 'text':
        case 'choice':
          setField(wrapper, name, typeof value === 'string' ? value : '')
          break
        case 'list':
          setField(wrapper, name, Array.isArray(value) ? value.join('\n') : '')
          break
        case 'options':
        case 'developmentNeeds': {
          const rows = [...wrapper.querySelectorAll('[data-row]')]
          const items = Array.isArray(value) ? value : []
          rows.forEach((row, index) => {
            const prefix = `${name}.${row.dataset.row}`
            const item = items[index] ?? {}
            if (wrapper.dataset.kind === 'options') {
              setField(row, `${prefix}.role`, item.role ?? '')
              setField(row, `${prefix}.timing`, item.timing ?? '')
              setField(row, `${prefix}.realism`, item.realism ?? '')
              setField(row, `${prefix}.notes`, item.notes ?? '')
            } else {
              setField(row, `${prefix}.need`, item.need ?? '')
              setField(row, `${prefix}.focus`, item.isFocus ? 'yes' : '')
            }
          })
          break
        }
      }
    }
    setField(form, 'noActionsAgreed', payload.noActionsAgreed ? 'yes' : '')
  }

  /** Changes kept in this browser that never reached the server: put back, or offered back. */
  function offerKeptChanges() {
    const entry = kept()
    if (!entry || !entry.payload) return
    if (JSON.stringify(entry.payload) === lastSaved) {
      forget()
      return
    }
    const when = entry.keptAt ? clockTime(new Date(entry.keptAt)) : 'earlier'
    if (entry.version === version) {
      restore(entry.payload)
      showStatus(`Changes from ${when} that were not saved have been put back. Saving…`)
      schedule(0)
      return
    }
    showWarning(
      `This browser kept changes from ${when} that were not saved, and the notes have been saved since (in another tab or by someone else). ` +
        'Compare them with the notes below before you use them.',
    )
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'nhsuk-button nhsuk-button--secondary nhsuk-button--small'
    button.textContent = 'Put back the changes kept in this browser'
    button.addEventListener('click', () => {
      restore(entry.payload)
      clearWarning()
      schedule(0)
    })
    warningText.append(' ', button)
  }

  // ---- saving ------------------------------------------------------------------------------

  function schedule(delay) {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void saveNow(), delay)
  }

  async function send(method, url, body) {
    return fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
  }

  async function saveNow() {
    clearTimeout(timer)
    if (saving) {
      await saving
      return saveNow()
    }
    saving = (async () => {
      try {
        await saveActions()
        await saveNotes()
      } finally {
        saving = null
      }
    })()
    await saving
    if (pendingSubmit) {
      const submitter = pendingSubmit
      pendingSubmit = null
      if (submitter === true) form.requestSubmit()
      else form.requestSubmit(submitter)
    }
  }

  async function saveNotes() {
    if (stopped) return
    const { payload, waiting } = collectNotes()
    const json = JSON.stringify(payload)
    if (json === lastSaved) {
      if (waiting.length > 0) showStatus(`Not saved yet: ${waiting.join('; ')}`)
      return
    }
    keep(payload)
    showStatus('Saving…')
    let response
    try {
      response = await send('PUT', `${api}/notes`, { version, ...payload })
    } catch {
      return failed('No connection. Your changes are kept in this browser and will be saved when the connection is back.')
    }
    if (response.ok) {
      const notes = await response.json()
      version = notes.version
      versionInput.value = String(version)
      lastSaved = json
      forget()
      clearWarning()
      retryDelay = RETRY_FIRST_MS
      const time = clockTime(notes.updatedAt ? new Date(notes.updatedAt) : new Date())
      // Typed more while this save was on its way: not "Saved" until that is saved too.
      if (JSON.stringify(collectNotes().payload) !== json) showStatus('Not saved yet')
      else showStatus(waiting.length > 0 ? `Saved at ${time}. Not saved yet: ${waiting.join('; ')}` : `Saved at ${time}`)
      return
    }
    const problem = await response.json().catch(() => ({}))
    if (response.status === 409 && problem.error === 'stale_notes') {
      stopped = true
      const by = problem.current?.updatedBy
      const at = problem.current?.updatedAt ? clockTime(new Date(problem.current.updatedAt)) : ''
      const version = problem.current?.version
      // Worded as the page's own 409 (routes/pages/coach/conversations.ts, staleNotesSaver): you, in another tab, are not "someone else".
      const saved =
        by && by.id === form.dataset.viewerId
          ? `You saved these notes in another tab or window at ${at} (version ${version}), after you opened them here`
          : by
            ? `${by.name} saved these notes at ${at} (version ${version}), after you opened them`
            : `These notes were saved in another tab or by someone else at ${at} (version ${version}), after you opened them here`
      showStatus('Not saved')
      showWarning(
        `${saved}, so your changes have not been saved. ` +
          'They are kept in this browser. Copy anything you need, then',
        { href: window.location.pathname, text: 'open the latest notes' },
      )
      return
    }
    if (response.status === 409) {
      stopped = true
      showStatus('Not saved')
      showWarning(problem.message ?? 'These notes can no longer be changed.', { href: window.location.pathname, text: 'Reload the notes' })
      return
    }
    if (response.status === 400) {
      const messages = (problem.fields ?? []).map((field) => field.message).join('. ')
      return failed(`Not saved: ${messages || problem.message || 'something in the notes is not right'}. Your changes are kept in this browser.`, false)
    }
    if (response.status === 401) {
      return failed('You have been signed out, so your changes are not saved. They are kept in this browser: sign in again in another tab and they will be saved.')
    }
    return failed('Sorry, the notes could not be saved. Your changes are kept in this browser and we will keep trying.')
  }

  function failed(text, retry = true) {
    showStatus('Not saved')
    showWarning(text)
    if (!retry) return
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => void saveNow(), retryDelay)
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
  }

  async function saveActions() {
    if (stopped) return
    for (const fieldset of form.querySelectorAll('[data-action-id]')) {
      const id = fieldset.dataset.actionId
      if (!dirtyActions.has(id)) continue
      const { action, ready } = collectAction(fieldset)
      if (!ready) {
        showStatus('Not saved yet: an action needs what, who, kind and a full date')
        continue
      }
      let response
      try {
        response = await send('PUT', `${api}/actions/${id}`, action)
      } catch {
        return failed('No connection. Your changes are kept on this page and will be saved when the connection is back.')
      }
      if (response.ok) {
        dirtyActions.delete(id)
        continue
      }
      const problem = await response.json().catch(() => ({}))
      const messages = (problem.fields ?? []).map((field) => field.message).join('. ')
      return failed(`An action was not saved: ${messages || problem.message || 'please try again'}.`, response.status >= 500 || response.status === 401)
    }
  }

  // ---- listening ---------------------------------------------------------------------------

  form.addEventListener('input', (event) => {
    const action = event.target.closest('[data-action-id]')
    if (action) dirtyActions.add(action.dataset.actionId)
    if (event.target.closest('.app-action--new')) return
    keep(collectNotes().payload)
    // Once, not on every key: the status is read out by screen readers.
    if (!stopped && /^(Last saved|Saved) at/.test(statusEl.textContent)) showStatus('Not saved yet')
    schedule(TYPING_PAUSE_MS)
  })
  form.addEventListener('change', (event) => {
    const action = event.target.closest('[data-action-id]')
    if (action) dirtyActions.add(action.dataset.actionId)
    if (event.target.closest('.app-action--new')) return
    schedule(300)
  })
  form.addEventListener('focusout', (event) => {
    if (event.target.closest('.app-action--new')) return
    if (event.target.matches('input, textarea, select')) schedule(0)
  })
  form.addEventListener('submit', (event) => {
    // A save under way would make the form's version stale: let it finish, then post.
    clearTimeout(timer)
    if (saving) {
      event.preventDefault()
      pendingSubmit = event.submitter ?? true
    }
  })
  window.addEventListener('online', () => schedule(0))
  window.addEventListener('beforeunload', (event) => {
    const unsaved = !stopped && (JSON.stringify(collectNotes().payload) !== lastSaved || dirtyActions.size > 0)
    if (unsaved && !form.dataset.submitting) {
      event.preventDefault()
      event.returnValue = ''
    }
  })
  form.addEventListener('submit', () => {
    form.dataset.submitting = 'true'
  })
}
