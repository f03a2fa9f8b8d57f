/**
 * A member's gap analysis as files they download: CSV (one row per competency, cells made
 * safe to open in a spreadsheet as the matrix export's are) and a standalone HTML page laid
 * out for printing to PDF. Every value the member or the framework wrote is escaped.
 */
import type { GapAnalysis } from '@studio/contract'
import { csvField } from '../matrix/csv-export.ts'
import { escapeHtml } from '../meetings/rich-text-html.ts'

export const assessmentCsvColumns = [
  'domain', 'competency', 'own_level', 'current_role_expected', 'current_role_gap', 'target_role_expected', 'target_role_gap', 'indicators_met', 'to_review', 'evidence',
] as const

const cell = (value: number | string | boolean | null) => (value === null ? '' : typeof value === 'boolean' ? (value ? 'yes' : '') : String(value))

export function assessmentToCsv(analysis: GapAnalysis): string {
  const rows = [
    [...assessmentCsvColumns],
    ...analysis.rows.map((row) => [
      row.domain, row.competency, row.ownLevel, row.currentExpected, row.currentGap, row.targetExpected, row.targetGap, row.indicatorsMet, row.review, row.evidence,
    ].map(cell)),
  ]
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

const printStyles = `
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.gap { font-weight: 700; }
.meta { color: #444; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}`

export function assessmentToHtml(analysis: GapAnalysis, memberName: string, generatedOn: string): string {
  const text = (value: string | number | null) => (value === null ? '—' : escapeHtml(String(value)))
  const levelName = (rank: number | null) => (rank === null ? '—' : `${rank} ${analysis.levels.find((level) => level.rank === rank)?.name ?? ''}`.trim())
  const gap = (value: number | null) => (value === null ? '—' : value > 0 ? `+${value}` : String(value))
  const roles = analysis.roles
  const rows = analysis.rows.map((row) => `<tr><td>${text(row.domain)}</td><td>${text(row.competency)}${row.review ? ' (to review)' : ''}</td>` +
    `<td>${text(levelName(row.ownLevel))}</td><td>${text(levelName(row.currentExpected))}</td><td class="number gap">${text(gap(row.currentGap))}</td>` +
    `<td>${text(levelName(row.targetExpected))}</td><td class="number gap">${text(gap(row.targetGap))}</td><td>${text(row.evidence || '—')}</td></tr>`).join('\n')
  const development = analysis.development.map((item) => `<li><strong>${text(item.competency)}</strong> (${text(item.domain)}): ` +
    `${text(levelName(item.ownLevel))} now, ${text(levelName(item.expected))} expected, gap ${item.gap}.` +
    (item.nextLevel ? ` Next: ${text(`${item.nextLevel.rank} ${item.nextLevel.name}`)}${item.nextLevel.summary ? ` — ${text(item.nextLevel.summary)}` : ''}` +
      (item.nextLevel.indicators.length ? `<ul>${item.nextLevel.indicators.map((indicator) => `<li>${text(indicator)}</li>`).join('')}</ul>` : '') : '') +
    '</li>').join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Self-assessment: ${text(memberName)}, ${text(analysis.release.name)}</title>
<style>${printStyles}</style>
</head>
<body>
<h1>Self-assessment of ${text(memberName)}</h1>
<p class="meta">Against release ${text(analysis.release.name)}. Current role: ${text(roles.current?.name ?? 'not chosen')}. Target role: ${text(roles.target?.name ?? 'not chosen')}. PMO type: ${text(roles.pmoType?.name ?? 'not chosen')}. Generated on ${text(generatedOn)}.</p>
<h2>Gaps by competency</h2>
<table>
<thead><tr><th scope="col">Domain</th><th scope="col">Competency</th><th scope="col">Own level</th><th scope="col">Expected, current role</th><th scope="col">Gap</th><th scope="col">Expected, target role</th><th scope="col">Gap</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Development list</h2>
${development ? `<ol>\n${development}\n</ol>` : '<p>No gaps against the chosen roles among the competencies rated.</p>'}
</body>
</html>
`
}
