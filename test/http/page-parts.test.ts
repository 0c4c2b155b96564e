import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import { PARTS } from '../../src/http/page-parts.js'
import { configurePages, nhsukFrontendDir, templatesDir } from '../../src/plugins/external/views.js'

const { SafeString } = (nunjucks as unknown as { runtime: { SafeString: new (text: string) => object } }).runtime

/** The pages' environment as the app configures it; or with `part()` leaving each part where it is, and Nunjucks' own render. */
function environment(inParts: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([templatesDir, nhsukFrontendDir]), { autoescape: true })
  configurePages(env, { isDevelopment: false })
  if (!inParts) {
    env.addGlobal('part', (keywords: { caller: () => unknown }) => new SafeString(String(keywords.caller())))
    env.render = nunjucks.Environment.prototype.render
  }
  return env
}

function renderAsync(env: nunjucks.Environment, name: string, data: object): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    env.render(name, data, (error, output) => (error ? reject(error) : resolve(output as unknown as string | Buffer)))
  })
}

/** Fifty actions as people write them: long, with curly quotes and text that looks like markup. */
const actions = Array.from({ length: 50 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  candidateUrl: `/admin/actions/candidates/${i}`,
  summary: `Ask the ward’s practice educator about the “return to practice” course <!--part--> & ${'x'.repeat(200)} ${i}`,
  category: 'Training or course',
  owner: 'Candidate',
  due: '4 March 2026',
  overdue: i % 3 === 0,
  status: 'In progress',
  statusColour: 'blue',
  timeInStatus: '3 weeks',
  statusSince: '11 February 2026',
  candidate: `Zoë O’Brien ${i}`,
  coach: 'Priya Shah',
  reference: `CC-${1000 + i}`,
  programme: 'Vaccinators – North',
  comment: i % 2 === 0 ? `I’ve emailed them </td><script>alert(${i})</script>` : null,
}))
const reviewPage = {
  cspNonce: 'nonce',
  csrfToken: 'token',
  actions,
  sortLabel: 'Overdue first',
  bulk: { hidden: [{ name: 'status', value: 'open' }], scopeItems: [], statusItems: [], limit: 500 },
  nextUrl: '/admin/actions?cursor=abc#actions',
}

describe('a page sent in parts', () => {
  it('is the same bytes as the page rendered whole: the follow-up review of fifty actions', async () => {
    const whole = String(await renderAsync(environment(false), 'pages/admin/actions/index.njk', reviewPage))
    const inParts = await renderAsync(environment(true), 'pages/admin/actions/index.njk', reviewPage)
    expect(Buffer.isBuffer(inParts)).toBe(true)
    expect((inParts as Buffer).toString('utf8')).toBe(whole)
    // Each action's text is there once, escaped, in its row.
    expect(whole).toContain('Ask the ward’s practice educator about the “return to practice” course &lt;!--part--&gt; &amp;')
    expect(whole).toContain('&lt;/td&gt;&lt;script&gt;alert(48)&lt;/script&gt;')
    expect(whole.match(/<tr class="nhsuk-table__row" role="row">/g)).toHaveLength(51)
  })

  it('never holds the whole review page as one string: its own text, without the rows, is small', async () => {
    const env = environment(true)
    const parts: string[] = []
    // Nunjucks' own render, given the array the app's render gives it: the page's text before the parts go back in.
    const text = nunjucks.Environment.prototype.render.call(env, 'pages/admin/actions/index.njk', { ...reviewPage, [PARTS]: parts }) as unknown as string
    expect(parts).toHaveLength(50)
    const whole = text.length + parts.reduce((sum, part) => sum + part.length, 0)
    expect(whole).toBeGreaterThan(65_536)
    // At two bytes a character (it has an en dash), under V8's 128 KB limit for an object of the young generation.
    expect(text.length).toBeLessThan(65_536)
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(4_000)
  })

  it('is a string, parts and all, when rendered without a callback (as emails are), or from a string', () => {
    const list = '{% for name in names %}{% call part() %}<li>{{ name }}</li>{% endcall %}{% endfor %}'
    const loader = { getSource: (name: string) => ({ src: list, path: name, noCache: true }) }
    const env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true })
    configurePages(env, { isDevelopment: false })
    expect(env.render('list.njk', { names: ['Zoë', '<b>'] })).toBe('<li>Zoë</li><li>&lt;b&gt;</li>')
    expect(env.renderString(list, { names: ['Zoë', '<b>'] })).toBe('<li>Zoë</li><li>&lt;b&gt;</li>')
  })

  it('refuses part() outside a call block', () => {
    expect(() => environment(true).renderString('{{ part() }}', {})).toThrow(/part\(\) is used as \{% call part\(\) %\}/)
  })
})
