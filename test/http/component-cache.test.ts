import path from 'node:path'
import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import { argumentsKey, cacheComponentMacros } from '../../src/http/component-cache.js'
import { nhsukFrontendDir, templatesDir, useLinearTrim } from '../../src/plugins/external/views.js'

const componentsDir = path.join(nhsukFrontendDir, 'nhsuk', 'components')
const { SafeString } = (nunjucks as unknown as { runtime: { SafeString: new (text: string) => object } }).runtime

function environment(cached: boolean, characters?: number) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([templatesDir, nhsukFrontendDir]), { autoescape: true })
  useLinearTrim(env)
  const cache = cached ? cacheComponentMacros(env, componentsDir, characters) : undefined
  return { env, cache }
}

/** Calls of many components, with the kinds of values pages give them. */
const PAGE = `
{%- from "nhsuk/components/select/macro.njk" import select -%}
{%- from "nhsuk/components/input/macro.njk" import input -%}
{%- from "nhsuk/components/tag/macro.njk" import tag -%}
{%- from "nhsuk/components/details/macro.njk" import details -%}
{%- from "nhsuk/components/radios/macro.njk" import radios -%}
{%- from "nhsuk/components/checkboxes/macro.njk" import checkboxes -%}
{%- from "nhsuk/components/button/macro.njk" import button -%}
{%- from "nhsuk/components/pagination/macro.njk" import pagination -%}
{%- from "nhsuk/components/summary-list/macro.njk" import summaryList -%}
{{ select({ id: "coach", name: "coach", label: { text: "Coach" }, items: coaches, errorMessage: { text: error } if error }) }}
{{ input({ id: "q", name: "q", label: { text: "Search" }, value: q, hint: { text: "Part of a name" } }) }}
{{ input({ id: "when", name: "when", label: labelHtml, value: undefined }) }}
{% for row in rows %}{{ tag({ text: row.status, classes: "nhsuk-tag--" + row.colour }) }}{{ tag({ html: row.status }) }}{% endfor %}
{{ details({ summaryText: "More", html: detailsHtml, open: open }) }}
{% call details({ summaryText: "Called" }) %}<p>{{ q }}</p>{% endcall %}
{{ radios({ idPrefix: "scope", name: "scope", fieldset: { legend: { text: "Which" } }, items: [{ value: "a", text: "A", checked: q == "a" }, { value: "b", text: "B" }] }) }}
{{ checkboxes({ idPrefix: "overdue", name: "overdue", items: [{ value: "yes", text: "Overdue only", checked: open }] }) }}
{{ button({ text: "Show", variant: "secondary" }) }}
{{ pagination({ previous: { href: "/p?" + q, labelText: "Previous" } if q else undefined, next: { href: "/n", labelText: "Next" } }) }}
{{ summaryList({ rows: [{ key: { text: "Name" }, value: { text: q } }, { key: { text: "Empty" }, value: { text: null } }] }) }}
`

const views = [
  { coaches: [{ value: '', text: 'All' }, { value: 'c1', text: 'Ann <Smith>', selected: true }], q: 'a', error: '', open: true, rows: [{ status: 'Done', colour: 'green' }, { status: 'Done', colour: 'green' }] },
  { coaches: [{ value: '', text: 'All' }, { value: 'c1', text: 'Ann <Smith>' }], q: 'b & c', error: 'Choose a coach', open: false, rows: [{ status: '<i>New</i>', colour: 'blue' }] },
  { coaches: [undefined, { value: 'c1', text: 'Ann' }], q: '', error: '', open: undefined, rows: [] },
  { coaches: [null, { value: 'c1', text: 'Ann' }], q: null, error: '', open: null, rows: [] },
]

function renderAll(env: nunjucks.Environment): string[] {
  return views.flatMap((view) => [
    env.renderString(PAGE, { ...view, labelHtml: new SafeString('<b>When</b>'), detailsHtml: new SafeString(`<p>${String(view.q)}</p>`) }),
    env.renderString(PAGE, { ...view, labelHtml: '<b>When</b>', detailsHtml: `<p>${String(view.q)}</p>` }),
  ])
}

describe('component macros remembered by their arguments', () => {
  it('render exactly what the macros render, remembered or not, however often', () => {
    const plain = environment(false)
    const cached = environment(true)
    const expected = renderAll(plain.env)
    expect(renderAll(cached.env)).toEqual(expected)
    const misses = cached.cache!.misses
    expect(renderAll(cached.env)).toEqual(expected)
    // The second time round every call that can be remembered was.
    expect(cached.cache!.misses).toBe(misses)
    expect(cached.cache!.hits).toBeGreaterThan(100)
    // Safe HTML and escaped text of the same characters are different calls.
    expect(expected[0]).toContain('<b>When</b>')
    expect(expected[1]).toContain('&lt;b&gt;When&lt;/b&gt;')
  })

  it('never remembers a call block, whose body can change', () => {
    const { env, cache } = environment(true)
    const template = '{% from "nhsuk/components/details/macro.njk" import details %}{% call details({ summaryText: "S" }) %}{{ n }}{% endcall %}'
    expect(env.renderString(template, { n: 1 })).toContain('1')
    expect(env.renderString(template, { n: 2 })).toContain('2')
    expect(cache!.entries).toBe(0)
  })

  it('keeps within its size, letting go of the least recently used first', () => {
    const { env, cache } = environment(true, 20_000)
    const tag = (text: string) => env.renderString('{% from "nhsuk/components/tag/macro.njk" import tag %}{{ tag({ text: t }) }}', { t: text })
    tag('kept')
    for (let i = 0; i < 500; i++) {
      tag(`tag ${i}`)
      tag('kept')
    }
    expect(cache!.characters).toBeLessThanOrEqual(20_000)
    expect(cache!.entries).toBeGreaterThan(10)
    const misses = cache!.misses
    tag('kept')
    expect(cache!.misses).toBe(misses)
    tag('tag 0')
    expect(cache!.misses).toBe(misses + 1)
  })
})

describe('argumentsKey', () => {
  it('tells apart what a macro tells apart', () => {
    const keys = [
      [{ text: 'a' }],
      [{ text: 'a', value: undefined }],
      [{ text: 'a', value: null }],
      [{ text: 'a', value: '' }],
      [{ text: 'a', value: 0 }],
      [{ text: 'a', value: false }],
      [[undefined]],
      [[null]],
      [{ html: new SafeString('a') }],
      [{ html: 'a' }],
      [{ html: { val: 'a' } }],
      [{ html: { val: 'a', length: 1 } }],
      [{ a: undefined, b: 1 }],
      [{ c: undefined, b: 1 }],
      [{ b: 1, a: undefined }],
      [[{ html: new SafeString('a') }, { val: 'b' }]],
      [[{ html: { val: 'a' } }, new SafeString('b')]],
      [{ text: '\u0000u' }],
    ].map((args) => argumentsKey(args))
    expect(keys.every((key) => key !== undefined)).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps the key of a value frozen all the way down, and only of such a value', () => {
    const options = () => Array.from({ length: 3 }, (_, i) => ({ value: `c${i}`, text: `Coach ${i}`, selected: i === 1 }))
    const frozen = Object.freeze(options().map((option) => Object.freeze(option)))
    const key = (items: unknown) => argumentsKey([{ id: 'coach', items, errorMessage: undefined }])
    // The same text as the unfrozen value, the first time and when it is kept.
    expect(key(frozen)).toBe(key(options()))
    expect(key(frozen)).toBe(key(options()))
    expect(argumentsKey([frozen, frozen])).toBe(argumentsKey([options(), options()]))

    // Frozen on top, not inside: a change inside changes the key.
    const inner = { value: 'c0', text: 'Coach 0' }
    const shallow = Object.freeze([inner])
    const before = key(shallow)
    inner.text = 'Coach Zero'
    expect(key(shallow)).not.toBe(before)

    // Frozen, but a getter: it may answer differently each time.
    let name = 'Ann'
    const withGetter = Object.freeze({
      get text() {
        return name
      },
    })
    const first = key([withGetter])
    name = 'Bea'
    expect(key([withGetter])).not.toBe(first)

    // Undefined and safe strings inside a frozen value are still told apart.
    expect(key(Object.freeze([undefined]))).not.toBe(key(Object.freeze([null])))
    expect(key(Object.freeze([new SafeString('a')]))).not.toBe(key(Object.freeze(['a'])))
  })

  it('gives no key for what JSON would lose or blur', () => {
    const cyclic: Record<string, unknown> = { text: 'a' }
    cyclic.self = cyclic
    let deep: unknown = 'bottom'
    for (let i = 0; i < 40; i++) deep = [deep]
    for (const args of [
      [{ caller: () => 'x' }],
      [{ when: new Date(0) }],
      [{ n: Number.NaN }],
      [{ n: Infinity }],
      [{ s: Symbol('s') }],
      [new Map()],
      [{ toJSON: () => 'x' }],
      [cyclic],
      [deep],
    ]) {
      expect(argumentsKey(args), String(Object.values(args[0] as object)[0])).toBeUndefined()
    }
  })
})
