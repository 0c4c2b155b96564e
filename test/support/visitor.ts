import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { cookieHeader } from './staff.js'

/** An answer, its HTML with every run of white space made one space (the NHS macros indent generously). */
export interface Page {
  statusCode: number
  headers: LightMyRequestResponse['headers']
  body: string
}

/**
 * One visitor's browser for page tests without Chromium: its cookies, and
 * the CSRF token of the last page with a form, sent with every form post.
 */
export class Visitor {
  cookie = ''
  csrf = ''
  constructor(private readonly app: FastifyInstance) {}

  private keep(response: LightMyRequestResponse): Page {
    this.cookie = cookieHeader(response, this.cookie)
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1]
    if (token) this.csrf = token
    return { statusCode: response.statusCode, headers: response.headers, body: response.body.replace(/\s+/g, ' ') }
  }

  async get(url: string): Promise<Page> {
    return this.keep(await this.app.inject({ url, headers: this.cookie ? { cookie: this.cookie } : {} }))
  }

  /** Posts a form; `csrf: false` leaves the token out (to test the refusal). */
  async post(url: string, form: Record<string, string>, { csrf = true } = {}): Promise<Page> {
    const body = new URLSearchParams(csrf ? { ...form, _csrf: this.csrf } : form)
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      }),
    )
  }

  /** Opens a page, then posts its form. */
  async answer(url: string, form: Record<string, string>): Promise<Page> {
    await this.get(url)
    return this.post(url, form)
  }
}

/** The error summary's links, as "href text". */
export function errorSummary(html: string): string[] {
  const summary = /<div\s[^>]*?class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a\s[^>]*?href="([^"]+)"[^>]*>\s*([^<]+?)\s*<\/a>/g)].map((match) => `${match[1]} ${match[2]}`)
}

/** The text of a page (or part of one): its tags made spaces, every run of white space one space. */
export function pageText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

/** The page's title as a browser shows it: the layout writes its dashes as `&ndash;` (templates/pages/layout.njk says why). */
export function pageTitle(html: string): string {
  const raw = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''
  return raw.replace(/&ndash;/g, '\u2013').replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&amp;/g, '&')
}

/** The values of the radios called `name`, in page order. */
export function radioValues(html: string, name: string): (string | undefined)[] {
  return [...html.matchAll(new RegExp(`name="${name}" type="radio" value="([^"]+)"`, 'g'))].map((match) => match[1])
}
