/**
 * The disposition of comments (as W3C publishes one for each review): every comment of a
 * round with where it sits, who made it, the organisers' disposition and response, as
 * Markdown, HTML and CSV. The report is meant to leave the studio, so authors are named as
 * they chose to be credited (releases/): their name, their initials, or "A reviewer".
 * Everything people wrote is escaped for its format; CSV cells are spreadsheet-safe
 * (`csvField`, as the matrix export).
 */
import { dispositionLabels, type Disposition } from '@studio/contract'
import { csvField, escapeHtml } from '@studio/framework'

export interface ReportRow {
  number: number
  where: string
  author: string
  comment: string
  disposition: Disposition | null
  response: string | null
  createdAt: string
}

export interface Report {
  title: string
  opensAt: string
  closesAt: string
  rows: ReportRow[]
}

const dispositionText = (row: ReportRow) => (row.disposition ? dispositionLabels[row.disposition] : 'Awaiting disposition')

const summary = (report: Report) => `${report.rows.length} comment${report.rows.length === 1 ? '' : 's'}, open from ${report.opensAt} to ${report.closesAt} (UTC).`

/**
 * Markdown text that cannot open a link, an image, raw HTML, emphasis or a block of its own:
 * the inline marks are escaped everywhere, the block marks where a line starts.
 */
function markdownText(text: string): string {
  return text.split(/\r?\n/)
    .map((line) => line.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/^(\s*)([#+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('  \n')
}

export function reportMarkdown(report: Report): string {
  const lines = [`# Disposition of comments: ${markdownText(report.title)}`, '', summary(report), '']
  for (const row of report.rows) {
    lines.push(`## ${row.number}. ${markdownText(row.where)}`, '', `**${markdownText(row.author)}**, ${row.createdAt}:`, '', markdownText(row.comment), '',
      `**${dispositionText(row)}.** ${row.response ? markdownText(row.response) : ''}`.trimEnd(), '')
  }
  return lines.join('\n')
}

export function reportHtml(report: Report): string {
  const paragraphs = (text: string) => text.split(/\n{2,}/).map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`).join('')
  const items = report.rows.map((row) => `<section><h2>${row.number}. ${escapeHtml(row.where)}</h2>`
    + `<p class="by">${escapeHtml(row.author)}, ${escapeHtml(row.createdAt)}</p>${paragraphs(row.comment)}`
    + `<p class="disposition"><strong>${escapeHtml(dispositionText(row))}.</strong></p>${row.response ? paragraphs(row.response) : ''}</section>`).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Disposition of comments: ${escapeHtml(report.title)}</title>`
    + '<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}.by{color:#444}section{border-top:1px solid #ccc}</style></head>'
    + `<body><h1>Disposition of comments: ${escapeHtml(report.title)}</h1><p>${escapeHtml(summary(report))}</p>\n${items}</body></html>\n`
}

export function reportCsv(report: Report): string {
  const header = ['number', 'where', 'author', 'comment', 'disposition', 'response', 'created_at']
  const rows = report.rows.map((row) => [String(row.number), row.where, row.author, row.comment, row.disposition ?? '', row.response ?? '', row.createdAt])
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
