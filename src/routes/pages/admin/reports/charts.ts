/**
 * Charts for the programme report, drawn here on the server as SVG: no
 * client charting library, nothing to run in the browser (not a plugin:
 * autoload loads only index.ts in this folder).
 *
 * Accessible: each chart is one image (role="img") named by its <title> and
 * described by its <desc>, which gives every figure in words; the page puts
 * the same figures in a table beneath it. Readable at 320 px: the SVG has no
 * viewBox, so it is as wide as its column and its text stays at 16px; bars
 * are sized in percentages of that width, each with its label on a line of
 * its own above it. High contrast: bars are filled with currentColor and
 * text with the text colour, both system colours in forced-colours mode
 * (templates/assets/admin-review.css); one series per chart, so colour never
 * carries meaning.
 */

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Up to three decimal places, no trailing zeros: SVG lengths and percentages. */
const num = (value: number) => String(Math.round(value * 1000) / 1000)

interface Bar {
  label: string
  value: number
  /** The figure as the page says it, e.g. "45 (60%)". */
  valueText: string
}

interface ChartText {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string
  title: string
  /** Said before the figures in the description, e.g. "Invitations sent in the period and what came of them." */
  summary: string
}

const ROW = 52
const BAR = 20

function open(chart: ChartText, height: number, description: string): string {
  return (
    `<svg class="app-chart" id="${chart.id}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" ` +
    `width="100%" height="${height}" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${chart.id}-title">${escapeXml(chart.title)}</title>` +
    `<desc id="${chart.id}-desc">${escapeXml(description)}</desc>`
  )
}

/** The description: the summary, then each figure ("Booked: 45 (60%)."). */
function describe(chart: ChartText, bars: readonly Bar[]): string {
  return [chart.summary, ...bars.map((bar) => `${bar.label}: ${bar.valueText}.`)].join(' ')
}

/**
 * Horizontal bars, one a row: the label on the left and the figure on the
 * right of a line, the bar beneath, as long as its share of `max` (the
 * largest value when not given).
 */
export function barChart(chart: ChartText & { bars: readonly Bar[]; max?: number }): string {
  const max = chart.max ?? Math.max(0, ...chart.bars.map((bar) => bar.value))
  const height = Math.max(ROW, chart.bars.length * ROW)
  const rows = chart.bars.map((bar, i) => {
    const top = i * ROW
    const width = max > 0 ? Math.min(100, Math.max(0, (bar.value / max) * 100)) : 0
    return (
      `<text class="app-chart__text" x="0" y="${top + 18}">${escapeXml(bar.label)}</text>` +
      `<text class="app-chart__text" x="100%" y="${top + 18}" text-anchor="end">${escapeXml(bar.valueText)}</text>` +
      `<rect class="app-chart__track app-chart__axis" x="0" y="${top + 26}" width="100%" height="${BAR}" fill="none" stroke-width="1"/>` +
      (width > 0 ? `<rect class="app-chart__bar" x="0" y="${top + 26}" width="${num(width)}%" height="${BAR}" fill="currentColor"/>` : '')
    )
  })
  return `${open(chart, height, describe(chart, chart.bars))}${rows.join('')}</svg>`
}

/**
 * Columns over time (one a week): as many as there are, each a share of the
 * width; the largest figure named at the top, the first and last labels
 * beneath. Every figure is in the description and the table.
 */
export function columnChart(chart: ChartText & { bars: readonly Bar[]; firstLabel: string; lastLabel: string; unit: string }): string {
  const plot = 160
  const top = 28
  const height = top + plot + 32
  const max = Math.max(0, ...chart.bars.map((bar) => bar.value))
  const slot = chart.bars.length > 0 ? 100 / chart.bars.length : 100
  const columns = chart.bars.map((bar, i) => {
    const h = max > 0 ? (bar.value / max) * plot : 0
    return h > 0
      ? `<rect class="app-chart__bar" x="${num(i * slot + slot * 0.15)}%" y="${num(top + plot - h)}" width="${num(slot * 0.7)}%" height="${num(h)}" fill="currentColor"/>`
      : ''
  })
  return (
    open(chart, height, describe(chart, chart.bars)) +
    `<text class="app-chart__text" x="0" y="18">Most in a week: ${max} ${escapeXml(chart.unit)}</text>` +
    `<line class="app-chart__axis" x1="0" y1="${top + plot}" x2="100%" y2="${top + plot}" stroke-width="2"/>` +
    columns.join('') +
    `<text class="app-chart__text" x="0" y="${top + plot + 24}">${escapeXml(chart.firstLabel)}</text>` +
    `<text class="app-chart__text" x="100%" y="${top + plot + 24}" text-anchor="end">${escapeXml(chart.lastLabel)}</text>` +
    `</svg>`
  )
}
