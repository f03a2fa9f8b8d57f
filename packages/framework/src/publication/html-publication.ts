/**
 * The framework as one standalone, accessible, printable HTML page: a skip link, one h1, a
 * contents list, the scale, then each domain (h2) and competency (h3) with its description,
 * what it looks like at each level (summary and indicators), references as links, and a
 * table of the level each role is expected to reach, generally and for each PMO type that
 * overrides it. Every piece of text is escaped; only http(s) and mailto addresses become
 * links. No script and no outside resource; the style sheet prints on A4 with each domain
 * on a new page and no competency split across two.
 */
import type { ExchangeCompetency, ExchangeExpectation, ExchangeFramework, ExchangeReference } from '../matrix/exchange-format.ts'
import { escapeHtml, safeUrl } from '../meetings/rich-text-html.ts'
import {
  descriptorAt, expectationOf, levelLabel, overridingPmoTypes, publishedFramework, type PublishedCompetency, type PublishedFramework,
} from './published-framework.ts'

export interface HtmlPublicationOptions {
  /** Shown at the foot of the page, e.g. "6 December 2026". */
  generatedOn?: string
}

const relationLabels: Record<ExchangeReference['relation'], string> = { exact: 'exact match', close: 'close match', related: 'related' }

const pageStyle = `
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem;line-height:1.55;color:#1a1a1a;background:#fff}
a{color:#0b57a4}a:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
.skip-link{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;border:2px solid #0b57a4}
.skip-link:focus{left:1rem;top:1rem;z-index:1}
h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.5rem;margin:2.5rem 0 .5rem;padding-top:.5rem;border-top:2px solid #1a1a1a}
h3{font-size:1.2rem;margin:2rem 0 .25rem}
h4{font-size:1rem;margin:1.25rem 0 .25rem}
.code{font-variant-numeric:tabular-nums;color:#4a4a4a;font-weight:600}
.meta{color:#4a4a4a;margin:0}
nav ol{padding-left:1.25rem}nav ol ol{margin:.15rem 0 .5rem}
dl.levels{margin:.25rem 0}dl.levels dt{font-weight:600;margin-top:.6rem}dl.levels dd{margin:0 0 0 1.25rem}dl.levels ul{margin:.25rem 0;padding-left:1.25rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:60%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8a8a;padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
.note{display:block;color:#4a4a4a;font-size:.9em}
.none{color:#4a4a4a;font-style:italic}
footer{margin-top:3rem;color:#4a4a4a;font-size:.9rem}
@media (max-width:40rem){table{width:100%;font-size:.875rem}th,td{padding:.25rem .4rem;overflow-wrap:anywhere}}
@media print{
  @page{size:A4;margin:18mm 16mm}
  body{max-width:none;padding:0;font-size:10.5pt;line-height:1.4}
  .skip-link,nav{display:none}
  .domain{break-before:page}
  h2,h3,h4{break-after:avoid}
  .competency{break-inside:avoid}
  table{width:100%;font-size:9.5pt}thead{display:table-header-group}tr{break-inside:avoid}
  .table-wrap{overflow:visible}
  a{color:inherit}
  .references a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;word-break:break-all}
}
`.trim()

export function frameworkToHtml(framework: ExchangeFramework, options: HtmlPublicationOptions = {}): string {
  const published = publishedFramework(framework)
  const meta = [framework.version && `Version ${framework.version}`, framework.status && `Status: ${framework.status}`, framework.licence && `Licence: ${framework.licence}`]
    .filter((part): part is string => Boolean(part))
  const body = [
    '<a class="skip-link" href="#main">Skip to the framework</a>',
    '<header>',
    `<h1>${escapeHtml(framework.title)}</h1>`,
    meta.length > 0 ? `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>` : '',
    '</header>',
    contents(published),
    '<main id="main">',
    scale(published),
    ...published.domains.map((domain) => [
      `<section class="domain" aria-labelledby="${anchor(domain.code)}">`,
      `<h2 id="${anchor(domain.code)}"><span class="code">${domain.code}</span> ${escapeHtml(domain.domain.name)}</h2>`,
      paragraph(domain.domain.description),
      ...domain.competencies.map((competency) => competencySection(published, competency)),
      '</section>',
    ].join('\n')),
    '</main>',
    options.generatedOn ? `<footer><p>Published from the working group's studio on ${escapeHtml(options.generatedOn)}.</p></footer>` : '',
  ].filter(Boolean)
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(framework.title)}</title>`,
    `<style>\n${pageStyle}\n</style>`,
    '</head>',
    `<body>\n${body.join('\n')}\n</body>`,
    '</html>',
    '',
  ].join('\n')
}

/** Ids come from codes (D2.C3), never from names, so no text can break out of an attribute. */
const anchor = (code: string) => code.toLowerCase().replace('.', '-')

function paragraph(text: string | undefined): string {
  return text?.trim() ? text.trim().split(/\n{2,}/).map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`).join('\n') : ''
}

function contents(published: PublishedFramework): string {
  const domains = published.domains.map((domain) => [
    `<li><a href="#${anchor(domain.code)}">${domain.code} ${escapeHtml(domain.domain.name)}</a>`,
    domain.competencies.length > 0
      ? `<ol>${domain.competencies.map((competency) => `<li><a href="#${anchor(competency.code)}">${competency.code} ${escapeHtml(competency.competency.name)}</a></li>`).join('')}</ol>`
      : '',
    '</li>',
  ].join(''))
  return [
    '<nav aria-labelledby="contents">',
    '<h2 id="contents">Contents</h2>',
    `<ol><li><a href="#scale">The scale of levels</a></li>${domains.join('\n')}</ol>`,
    '</nav>',
  ].join('\n')
}

function scale(published: PublishedFramework): string {
  const levels = published.levels.map((level) => `<dt>${level.rank} ${escapeHtml(level.name)}</dt><dd>${escapeHtml(level.description?.trim() || 'No description yet.')}</dd>`)
  const roles = published.roles.map((role) => `<dt>${escapeHtml(role.name)}</dt><dd>${escapeHtml(role.description?.trim() || 'No description yet.')}</dd>`)
  return [
    '<section aria-labelledby="scale">',
    '<h2 id="scale">The scale of levels</h2>',
    `<dl class="levels">${levels.join('\n')}</dl>`,
    roles.length > 0 ? `<h3>Roles</h3>\n<dl class="levels">${roles.join('\n')}</dl>` : '',
    '</section>',
  ].join('\n')
}

function competencySection(published: PublishedFramework, { competency, code }: PublishedCompetency): string {
  const id = anchor(code)
  return [
    `<article class="competency" aria-labelledby="${id}">`,
    `<h3 id="${id}"><span class="code">${code}</span> ${escapeHtml(competency.name)}</h3>`,
    paragraph(competency.description),
    descriptors(published, competency),
    references(competency),
    expectationsTable(published, competency, code),
    '</article>',
  ].filter(Boolean).join('\n')
}

function descriptors(published: PublishedFramework, competency: ExchangeCompetency): string {
  const entries = published.levels.flatMap((level) => {
    const descriptor = descriptorAt(competency, level.rank)
    if (!descriptor) return []
    const indicators = descriptor.indicators.length > 0 ? `<ul>${descriptor.indicators.map((indicator) => `<li>${escapeHtml(indicator)}</li>`).join('')}</ul>` : ''
    return [`<dt>${level.rank} ${escapeHtml(level.name)}</dt><dd>${descriptor.summary ? `<p>${escapeHtml(descriptor.summary)}</p>` : ''}${indicators}</dd>`]
  })
  if (entries.length === 0) return ''
  return `<h4>At each level</h4>\n<dl class="levels">${entries.join('\n')}</dl>`
}

function references(competency: ExchangeCompetency): string {
  const list = competency.references ?? []
  if (list.length === 0) return ''
  const items = list.map((reference) => {
    const label = escapeHtml([reference.scheme, reference.code].filter(Boolean).join(' ') + (reference.title ? `: ${reference.title}` : ''))
    const url = reference.uri ? safeUrl(reference.uri) : null
    return `<li>${url ? `<a href="${escapeHtml(url)}">${label}</a>` : label} (${relationLabels[reference.relation]})</li>`
  })
  return `<h4>References</h4>\n<ul class="references">${items.join('')}</ul>`
}

function expectationsTable(published: PublishedFramework, competency: ExchangeCompetency, code: string): string {
  if (published.roles.length === 0) return ''
  const pmoTypes = overridingPmoTypes(published, competency)
  const header = ['<th scope="col">Role</th>', '<th scope="col">Expected level</th>', ...pmoTypes.map((pmoType) => `<th scope="col">In a ${escapeHtml(pmoType.name)}</th>`)]
  const rows = published.roles.map((role) => {
    const cells = [cell(published, expectationOf(competency, role.id), 'Not set'), ...pmoTypes.map((pmoType) => cell(published, expectationOf(competency, role.id, pmoType.id), 'As expected generally'))]
    return `<tr><th scope="row">${escapeHtml(role.name)}</th>${cells.join('')}</tr>`
  })
  return [
    '<h4>Expected levels</h4>',
    '<div class="table-wrap">',
    `<table><caption>Expected level of ${code} ${escapeHtml(competency.name)} for each role${pmoTypes.length > 0 ? ', and where a PMO type differs' : ''}</caption>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '</div>',
  ].join('\n')
}

function cell(published: PublishedFramework, expectation: ExchangeExpectation | undefined, absent: string): string {
  if (!expectation) return `<td><span class="none">${absent}</span></td>`
  const note = expectation.note?.trim() ? `<span class="note">${escapeHtml(expectation.note.trim())}</span>` : ''
  return `<td>${escapeHtml(levelLabel(published.levels, expectation.level))}${note}</td>`
}
