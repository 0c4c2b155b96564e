import { afterAll, describe, expect, it } from 'vitest'
import nunjucks from 'nunjucks'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { compiledTemplateCount, shareCompiledTemplates } from '../../src/http/compiled-templates.js'
import { buildTestApp } from '../helper.js'

const folders: string[] = []
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))

async function templates(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cc-templates-'))
  folders.push(folder)
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text)
  return folder
}

function environment(folder: string, options: nunjucks.ConfigureOptions = { autoescape: true }): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(folder), options)
  shareCompiledTemplates(env)
  return env
}

describe('templates compiled once per process', () => {
  const files = {
    'layout.njk': '<main>{% block content %}{% endblock %}</main>{{ footer }}',
    'page.njk': '{% extends "layout.njk" %}{% from "macros.njk" import shout %}{% block content %}{{ shout(name) }}{% endblock %}',
    'macros.njk': '{% macro shout(text) %}<b>{{ text | upper }}</b>{% endmacro %}',
  }

  it('render in a second environment exactly as in the first, each with its own globals, compiled once', async () => {
    const folder = await templates(files)
    const first = environment(folder)
    first.addGlobal('footer', 'one')
    const before = compiledTemplateCount()
    expect(first.render('page.njk', { name: '<x>' })).toBe('<main><b>&lt;X&gt;</b></main>one')
    expect(compiledTemplateCount()).toBe(before + 3)

    const second = environment(folder)
    second.addGlobal('footer', 'two')
    expect(second.render('page.njk', { name: '<x>' })).toBe('<main><b>&lt;X&gt;</b></main>two')
    expect(compiledTemplateCount()).toBe(before + 3)
  })

  it('compile afresh for other settings or other text', async () => {
    const folder = await templates(files)
    environment(folder).render('page.njk', { name: 'a' })
    const before = compiledTemplateCount()
    // Without autoescape the same text compiles to other code: it is not reused.
    expect(environment(folder, { autoescape: false }).render('page.njk', { name: '<x>' })).toBe('<main><b><X></b></main>')
    expect(compiledTemplateCount()).toBe(before + 3)
    await writeFile(path.join(folder, 'macros.njk'), '{% macro shout(text) %}<i>{{ text }}</i>{% endmacro %}')
    expect(environment(folder).render('page.njk', { name: 'a' })).toBe('<main><i>a</i></main>')
  })

  it('leave a template that does not compile to Nunjucks, which names it in its error', async () => {
    const folder = await templates({ 'broken.njk': '{% if %}' })
    expect(() => environment(folder).render('broken.njk')).toThrow(/broken\.njk/)
  })

  it("serve the app's pages from the shared code in a second build", async () => {
    const first = await buildTestApp()
    const pages = [(await first.app.inject({ url: '/' })).body]
    const held = compiledTemplateCount()
    const second = await buildTestApp()
    pages.push((await second.app.inject({ url: '/' })).body)
    expect(compiledTemplateCount()).toBe(held)
    // The same page, but for each response's own CSP nonce.
    const [one, two] = pages.map((page) => page.replaceAll(/nonce="[0-9a-f]+"/g, 'nonce=""'))
    expect(one).toContain('<html')
    expect(two).toBe(one)
    await Promise.all([first.app.close(), second.app.close()])
  })
})
