/** The figures of a run: a readable table as they come, and one JSON object at the end. */

export interface Row {
  section: string
  figure: string
  value: string
  target: string
  /** null: no target (information), undefined: not measured. */
  met: boolean | null
}

export const fmt = {
  n: (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a'),
  ms: (value: number) => (Number.isFinite(value) ? `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ms` : 'n/a'),
  pct: (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'n/a'),
  mb: (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} MB` : 'n/a'),
  s: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} s` : 'n/a'),
}

/** Rounds every number in a figure to 4 decimal places, for the JSON line. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 10_000) / 10_000 : null
  if (Array.isArray(value)) return value.map(rounded)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rounded(inner)]))
  }
  return value
}

export class Report {
  readonly rows: Row[] = []
  readonly figures: Record<string, unknown> = {}
  /** Set-up problems (a 429, a programme the load could not book): the figures around them are not to be trusted. */
  readonly problems: string[] = []
  readonly notes: string[] = []
  private section = ''

  startSection(name: string): void {
    this.section = name
    console.log(`\n== ${name}`)
  }

  row(figure: string, value: string, target = '', met: boolean | null = null): void {
    const row = { section: this.section, figure, value, target, met }
    this.rows.push(row)
    console.log(`   ${figure}: ${value}${target ? `   (target ${target}: ${met === null ? '-' : met ? 'met' : 'NOT MET'})` : ''}`)
  }

  set(key: string, value: unknown): void {
    this.figures[key] = value
  }

  note(text: string): void {
    this.notes.push(text)
    console.log(`   note: ${text}`)
  }

  problem(text: string): void {
    this.problems.push(text)
    console.log(`\n   !!! ${text}\n`)
  }

  /** Flags any 429 in a set of status counts: a limit the set-up should have raised. */
  check429(where: string, statusCounts: Record<string, number>): void {
    const count = statusCounts['429'] ?? 0
    if (count > 0) {
      this.problem(`BROKEN SET-UP: ${count} answers were 429 (too many requests) in "${where}". The bench must raise the limits through the settings; these figures are not a pass.`)
    }
  }

  /** One table: a heading line per section, then figure | value | target | met (long values wrap). */
  printTable(): void {
    const cells = this.rows.map((r) => ({
      section: r.section,
      figure: r.figure,
      value: r.value,
      target: r.target,
      met: r.met === null ? '' : r.met ? 'yes' : 'NO',
    }))
    const cap = { figure: 58, value: 64, target: 32, met: 3 }
    const width = (key: keyof typeof cap, title: string) => Math.min(cap[key], Math.max(title.length, ...cells.map((c) => c[key].length)))
    const widths = { figure: width('figure', 'figure'), value: width('value', 'value'), target: width('target', 'target'), met: width('met', 'met') }
    const wrap = (text: string, size: number): string[] => {
      const lines: string[] = []
      let rest = text
      while (rest.length > size) {
        const cut = rest.lastIndexOf(' ', size) > size / 2 ? rest.lastIndexOf(' ', size) : size
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut).trimStart()
      }
      lines.push(rest)
      return lines
    }
    const print = (c: { figure: string; value: string; target: string; met: string }) => {
      const columns = (['figure', 'value', 'target', 'met'] as const).map((key) => wrap(c[key], widths[key]))
      const height = Math.max(...columns.map((lines) => lines.length))
      for (let i = 0; i < height; i++) {
        const [figure, value, target, met] = columns.map((lines) => lines[i] ?? '') as [string, string, string, string]
        console.log(`| ${figure.padEnd(widths.figure)} | ${value.padEnd(widths.value)} | ${target.padEnd(widths.target)} | ${met.padEnd(widths.met)} |`)
      }
    }
    const rule = `|-${'-'.repeat(widths.figure)}-|-${'-'.repeat(widths.value)}-|-${'-'.repeat(widths.target)}-|-${'-'.repeat(widths.met)}-|`
    console.log('')
    print({ figure: 'figure', value: 'value', target: 'target', met: 'met' })
    let section: string | undefined
    for (const c of cells) {
      if (c.section !== section) {
        section = c.section
        console.log(rule)
        console.log(`| ${`[${section}]`.padEnd(rule.length - 4)} |`)
      }
      print(c)
    }
    console.log(rule)
    const targets = this.rows.filter((r) => r.met !== null)
    console.log(`\nTargets met: ${targets.filter((r) => r.met).length} of ${targets.length}.`)
    if (this.notes.length > 0) console.log(`Notes:\n${this.notes.map((n) => `  - ${n}`).join('\n')}`)
    if (this.problems.length > 0) console.log(`\nPROBLEMS (a broken set-up, a failed scenario, a service that stopped answering: figures near them are not a pass):\n${this.problems.map((p) => `  !!! ${p}`).join('\n')}`)
  }

  json(): string {
    const targets = this.rows.filter((r) => r.met !== null)
    return JSON.stringify(
      rounded({
        ...this.figures,
        targets: { met: targets.filter((r) => r.met).length, total: targets.length, missed: targets.filter((r) => !r.met).map((r) => `${r.section}: ${r.figure}`) },
        setupProblems: this.problems,
      }),
    )
  }
}
