/**
 * A meeting, and any rich-text document, as a file to keep or send round: Markdown and a
 * standalone HTML page. Both list the agenda, notes, decisions and the actions with their
 * owners' names, due dates and whether they are done; archived rows are left out.
 */
import { meetingModeLabels } from '@studio/contract'
import type * as Y from 'yjs'
import { yDocToMarkdown } from '../text/markdown.ts'
import { meetingTextFields, readActions, readDecisions, type Action } from './meeting-document.ts'
import type { Meeting } from './meetings-index.ts'
import { escapeHtml, fragmentToHtml, safeUrl } from './rich-text-html.ts'
import { describeMeetingTime } from './time.ts'

export interface Person {
  id: string
  name: string
}

const nothingYet = 'None yet.'

/** The owner's name; someone who is no longer an approved member is not named. */
/** The people as the names mentions show. */
const namesOf = (people: readonly Person[]) => new Map(people.map((person) => [person.id, person.name]))

function ownerName(action: Action, people: readonly Person[]): string {
  if (!action.ownerId) return 'No owner'
  return people.find((person) => person.id === action.ownerId)?.name ?? 'A former member'
}

function whereText(meeting: Meeting): string {
  const mode = meetingModeLabels[meeting.mode]
  return meeting.place ? `${meeting.place} (${mode.toLowerCase()})` : mode
}

/** Plain text made safe inside Markdown: no markup, one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]{}<>#|!~]/g, (char) => `\\${char}`)
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^([-+])(\s)/, '\\$1$2')
}

function markdownSection(title: string, body: string): string {
  return `## ${title}\n\n${body.trim() || `_${nothingYet}_`}\n`
}

export function meetingToMarkdown(meetingDoc: Y.Doc, meeting: Meeting, people: readonly Person[]): string {
  const when = describeMeetingTime(meeting, meeting.timeZone).text
  const details = [`**When:** ${escapeMarkdown(when)}`, `**Where:** ${escapeMarkdown(whereText(meeting))}`]
  const link = safeUrl(meeting.joinLink)
  if (meeting.joinLink && link) details.push(`**Join:** <${link.replace(/[<>\s]/g, encodeURIComponent)}>`)
  const decisions = readDecisions(meetingDoc)
    .map((decision, index) => `${index + 1}. ${escapeMarkdown(decision.text)}`)
    .join('\n')
  const actions = readActions(meetingDoc)
    .map((action) => {
      const due = action.due ? `, due ${action.due}` : ''
      return `- [${action.done ? 'x' : ' '}] ${escapeMarkdown(action.text)} (owner: ${escapeMarkdown(ownerName(action, people))}${due})`
    })
    .join('\n')
  return [
    `# ${escapeMarkdown(meeting.title)}\n`,
    details.join('  \n') + '\n',
    markdownSection('Agenda', yDocToMarkdown(meetingDoc, meetingTextFields.agenda, namesOf(people))),
    markdownSection('Notes', yDocToMarkdown(meetingDoc, meetingTextFields.notes, namesOf(people))),
    markdownSection('Decisions', decisions),
    markdownSection('Actions', actions),
  ].join('\n')
}

const pageStyle = [
  'body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}',
  'table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #8a8a8a;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'ul[data-type=taskList]{list-style:none;padding-left:0}ul[data-type=taskList] li{display:flex;gap:.5rem}',
].join('')

/** A standalone page: no script, no outside resources, only an inline style sheet. */
export function htmlPage(title: string, body: string, lang = 'en-GB'): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    `<body>\n${body}\n</body>`,
    '</html>',
    '',
  ].join('\n')
}

function htmlSection(title: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${body || `<p><em>${nothingYet}</em></p>`}\n</section>`
}

export function meetingToHtml(meetingDoc: Y.Doc, meeting: Meeting, people: readonly Person[]): string {
  const when = describeMeetingTime(meeting, meeting.timeZone).text
  const details = [
    `<dt>When</dt><dd>${escapeHtml(when)}</dd>`,
    `<dt>Where</dt><dd>${escapeHtml(whereText(meeting))}</dd>`,
  ]
  const link = safeUrl(meeting.joinLink)
  if (meeting.joinLink && link) details.push(`<dt>Join</dt><dd><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></dd>`)
  const decisions = readDecisions(meetingDoc)
  const decisionsHtml = decisions.length
    ? `<ol>\n${decisions.map((decision) => `<li>${escapeHtml(decision.text)}</li>`).join('\n')}\n</ol>`
    : ''
  const actions = readActions(meetingDoc)
  const actionsHtml = actions.length
    ? [
        '<table>',
        '<thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Done</th></tr></thead>',
        '<tbody>',
        ...actions.map((action) =>
          `<tr><td>${escapeHtml(action.text)}</td><td>${escapeHtml(ownerName(action, people))}</td>` +
          `<td>${action.due ? `<time datetime="${escapeHtml(action.due)}">${escapeHtml(action.due)}</time>` : 'No date'}</td>` +
          `<td>${action.done ? 'Done' : 'Open'}</td></tr>`),
        '</tbody>',
        '</table>',
      ].join('\n')
    : ''
  const body = [
    `<h1>${escapeHtml(meeting.title)}</h1>`,
    `<dl>\n${details.join('\n')}\n</dl>`,
    htmlSection('Agenda', fragmentToHtml(meetingDoc, meetingTextFields.agenda, namesOf(people))),
    htmlSection('Notes', fragmentToHtml(meetingDoc, meetingTextFields.notes, namesOf(people))),
    htmlSection('Decisions', decisionsHtml),
    htmlSection('Actions', actionsHtml),
  ].join('\n')
  return htmlPage(meeting.title, body)
}

/**
 * A rich-text document (the terms of reference) as a standalone page. Its title is `title`
 * when given, else the text of its first heading. Mentions name `people` by their current names.
 */
export function textDocumentToHtml(doc: Y.Doc, field: string, options: { title?: string; people?: readonly Person[] } = {}): string {
  const body = fragmentToHtml(doc, field, options.people && namesOf(options.people))
  const heading = /<h[1-6][^>]*>(.*?)<\/h[1-6]>/s.exec(body)?.[1]?.replace(/<[^>]*>/g, '')
  const title = options.title ?? (heading ? unescapeHtml(heading) : 'Document')
  return htmlPage(title, body)
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&')
}
