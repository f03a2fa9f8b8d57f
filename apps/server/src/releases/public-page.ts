/**
 * The public framework page (issue 16, point 5) as HTML: server-rendered, no script, one
 * small inline style sheet, so it works without JavaScript and stays far under 100 KB.
 * Every piece of text that people wrote (names, notes, the framework's title and licence,
 * the changes' names) goes through `escapeHtml`; addresses are built from slugs we made.
 */
import { releasePaths, type FrameworkFileFormat } from '@studio/contract'
import { escapeHtml } from '@studio/framework'
import { dayInWords } from '../matrix/framework-files.ts'
import type { CreditGroup } from './release-credits.ts'
import type { ReleaseDetails } from './release-details.ts'
import type { ReleaseRow } from './releases-repository.ts'

export interface ReleaseView {
  release: ReleaseRow
  previous: ReleaseRow | null
  details: ReleaseDetails
  credits: CreditGroup[]
}

export interface PublicPage {
  /** The release shown in full; null when nothing is released yet. */
  shown: ReleaseView | null
  /** Every public release, newest first. */
  releases: ReleaseRow[]
  /** True on `/framework` (the latest), false on a release's own address. */
  latest: boolean
}

const fileLabels: Record<FrameworkFileFormat, string> = {
  html: 'Web page (HTML)',
  docx: 'Word document (DOCX)',
  xlsx: 'Excel workbook (XLSX)',
  csv: 'Spreadsheet rows (CSV)',
  json: 'Exchange format (JSON, pmo-framework/v2)',
  'case.json': '1EdTech CASE 1.0 package (JSON)',
}
const fileOrder: readonly FrameworkFileFormat[] = ['html', 'docx', 'xlsx', 'csv', 'json', 'case.json']

const style = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5360;--line:#d5dae1;--accent:#0b5cad;--tint:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.bar{background:var(--tint);border-bottom:1px solid var(--line);padding:.75rem 0}
.bar p{margin:0 auto;max-width:60rem;padding:0 1rem;font-weight:600}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
.lede{color:var(--muted);margin:.25rem 0 1rem}
.facts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0;padding:0;list-style:none;color:var(--muted)}
.files{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.5rem;padding:0;list-style:none}
.files a{display:block;padding:.75rem 1rem;border:1px solid var(--line);border-radius:.5rem;text-decoration:none;min-height:2.75rem}
.files a:hover{background:var(--tint)}
.licence{background:var(--tint);border-left:4px solid var(--accent);padding:.5rem 1rem;margin:1rem 0}
.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.5rem;padding:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem}
.counts strong{display:block}
details{margin-top:.75rem}summary{cursor:pointer;color:var(--accent);padding:.25rem 0}
.changes{padding-left:1.25rem;overflow-wrap:anywhere}
.notes{overflow-wrap:anywhere}
.releases{padding:0;list-style:none}.releases li{padding:.5rem 0;border-bottom:1px solid var(--line)}
.current{font-weight:600}
footer{max-width:60rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.875rem}
`.replace(/\n/g, '')

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function notesHtml(notes: string): string {
  const paragraphs = notes.trim().split(/\n\s*\n/).filter((part) => part.trim() !== '')
  if (paragraphs.length === 0) return '<p>No release notes.</p>'
  return paragraphs.map((part) => `<p>${escapeHtml(part.trim()).replace(/\n/g, '<br>')}</p>`).join('')
}

function countsHtml(view: ReleaseView): string {
  const { matrix, terms } = view.details.changes
  const line = (label: string, counts: { added: number; changed: number; archived: number }, removed = 'archived') =>
    `<li><strong>${label}</strong>${counts.added} added, ${counts.changed} changed, ${counts.archived} ${removed}</li>`
  return `<ul class="counts">${[
    line('Cells', matrix.cells, 'cleared'),
    line('Competencies', matrix.competencies),
    line('Domains', matrix.domains),
    line('Roles', matrix.roles),
    `<li><strong>Terms of reference</strong>${count(terms.wordsAdded, 'word')} added, ${terms.wordsRemoved} removed</li>`,
  ].join('')}</ul>`
}

function changesHtml(view: ReleaseView): string {
  const { changeList, moreChanges } = view.details
  const since = view.previous ? `Changes since ${escapeHtml(view.previous.name)}` : 'What this first release holds'
  const total = changeList.length + moreChanges
  const list = total === 0
    ? '<p>No changes.</p>'
    : `<details><summary>Every change (${total})</summary><ul class="changes">${changeList.map((change) => `<li>${escapeHtml(change)}</li>`).join('')}${moreChanges > 0 ? `<li>and ${count(moreChanges, 'more change')}</li>` : ''}</ul></details>`
  return `<section aria-labelledby="changes"><h2 id="changes">${since}</h2>${countsHtml(view)}${list}</section>`
}

function creditsHtml(credits: CreditGroup[]): string {
  const groups = credits.map((group) => {
    const names = group.named.map(escapeHtml)
    if (group.unnamed > 0) names.push(`${count(group.unnamed, 'person', 'people')} not named`)
    return `<h3>${escapeHtml(group.label)}</h3><p>${names.join(', ')}</p>`
  })
  return `<section aria-labelledby="credits"><h2 id="credits">Credits</h2>${groups.length > 0 ? groups.join('') : '<p>No changes to credit in this release.</p>'}</section>`
}

function releaseHtml(view: ReleaseView): string {
  const { release, details } = view
  const { framework } = details
  const facts = [
    framework.version && `Framework version ${escapeHtml(framework.version)}`,
    framework.status && `Status: ${escapeHtml(framework.status)}`,
    `${count(framework.domains, 'domain')}, ${count(framework.competencies, 'competency', 'competencies')}, ${count(framework.roles, 'role')}`,
  ].filter(Boolean)
  const files = fileOrder.map((format) => `<li><a href="${escapeHtml(releasePaths.publicFile(release.slug, format))}" download>${fileLabels[format]}</a></li>`).join('')
  const licence = framework.licence
    ? `<p class="licence">Licence: ${escapeHtml(framework.licence)}</p>`
    : '<p class="licence">The working group has not set a licence for this framework; ask before reusing it.</p>'
  return [
    `<h1>${escapeHtml(framework.title || 'Competency framework')}</h1>`,
    `<p class="lede">Release <strong>${escapeHtml(release.name)}</strong>, published ${dayInWords(new Date(release.created_at))}</p>`,
    `<ul class="facts">${facts.map((fact) => `<li>${fact}</li>`).join('')}</ul>`,
    `<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2><ul class="files">${files}</ul>${licence}</section>`,
    `<section aria-labelledby="notes"><h2 id="notes">Release notes</h2><div class="notes">${notesHtml(release.notes)}</div></section>`,
    changesHtml(view),
    creditsHtml(view.credits),
  ].join('')
}

function releasesHtml(page: PublicPage): string {
  const shownId = page.shown?.release.id
  const others = page.latest ? page.releases.filter((release) => release.id !== shownId) : page.releases
  if (others.length === 0) return ''
  const heading = page.latest ? 'Earlier releases' : 'All releases'
  const items = others.map((release) => {
    const current = release.id === shownId
    return `<li${current ? ' class="current"' : ''}><a href="${escapeHtml(releasePaths.publicRelease(release.slug))}"${current ? ' aria-current="page"' : ''}>${escapeHtml(release.name)}</a>, ${dayInWords(new Date(release.created_at))}</li>`
  }).join('')
  return `<section aria-labelledby="releases"><h2 id="releases">${heading}</h2><ul class="releases">${items}</ul>${page.latest ? '' : `<p><a href="${releasePaths.publicPage}">The latest release</a></p>`}</section>`
}

export function publicPageHtml(page: PublicPage): string {
  const shown = page.shown
  const title = shown
    ? `${shown.details.framework.title || 'Competency framework'}: ${shown.release.name}`
    : 'Competency framework'
  const body = shown
    ? releaseHtml(shown) + releasesHtml(page)
    : '<h1>Competency framework</h1><p>The working group has not released the framework yet. Come back later.</p>'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><meta name="description" content="Releases of the working group's competency framework, with downloads, changes and credits."><style>${style}</style></head><body><header class="bar"><p>The working group's competency framework</p></header><main>${body}</main><footer>Published by the working group with Working Group Studio. Only released versions appear here; drafts stay with the group.</footer></body></html>`
}
