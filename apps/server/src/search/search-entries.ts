/**
 * What search finds in each document: the readable places (a section of the terms of
 * reference, a meeting's agenda or notes, one decision, one row of the matrix, one comment),
 * each with a title that says where it is and the web app's path that opens it. Pure
 * functions over Yjs documents, so the indexer and its tests read documents one way.
 */
import { DocumentName, searchMarks, type Comment, type ProseMirrorJSON } from '@studio/contract'
import { mentionNodeName, mentionText, readActions, readDecisions, toExchange, versionContent, type Meeting } from '@studio/framework'
import type * as Y from 'yjs'

export interface SearchEntry {
  document: string
  title: string
  body: string
  link: string
}

const meetingPrefix = 'meeting:'

/** Private-use marks would be read as a snippet's highlight; no document may bring its own. */
function clean(text: string): string {
  return text.replaceAll(searchMarks.start, '').replaceAll(searchMarks.end, '').replace(/\s+/g, ' ').trim()
}

function plainText(node: ProseMirrorJSON): string {
  if (node.text !== undefined) return node.text
  // As written: the index is not rebuilt when a member is renamed.
  if (node.type === mentionNodeName) return mentionText(node.attrs)
  const children = (node.content ?? []).map(plainText)
  // Blocks are separated, so words either side of a paragraph break stay two words.
  return children.join(node.type === 'paragraph' || node.type === 'heading' ? '' : '\n')
}

/** One entry per section: the text before the first heading, then each heading with what follows it. */
function sections(doc: ProseMirrorJSON): Array<{ heading: string | null; text: string }> {
  const found: Array<{ heading: string | null; text: string }> = []
  let current: { heading: string | null; parts: string[] } = { heading: null, parts: [] }
  const close = () => {
    const text = clean(current.parts.join('\n'))
    if (current.heading !== null || text) found.push({ heading: current.heading, text })
  }
  for (const block of doc.content ?? []) {
    if (block.type === 'heading') {
      close()
      current = { heading: clean(plainText(block)), parts: [] }
    } else current.parts.push(plainText(block))
  }
  close()
  return found
}

export function termsEntries(doc: Y.Doc): SearchEntry[] {
  const link = linkTo(DocumentName.termsOfReference)
  return sections(versionContent('terms-of-reference', doc)).map(({ heading, text }) => ({
    document: DocumentName.termsOfReference,
    title: heading ? `Terms of reference › ${heading}` : 'Terms of reference',
    body: text,
    link,
  }))
}

export function matrixEntries(doc: Y.Doc): SearchEntry[] {
  const framework = toExchange(doc)
  const entries: SearchEntry[] = []
  const add = (title: string, ...texts: Array<string | undefined>) => {
    const body = clean(texts.filter(Boolean).join('\n'))
    entries.push({ document: DocumentName.competencyMatrix, title: `Matrix › ${clean(title)}`, body, link: linkTo(DocumentName.competencyMatrix) })
  }
  const roles = framework.roles.filter((role) => !role.archived)
  const roleNames = new Map(roles.map((role) => [role.id, role.name]))
  const pmoTypeNames = new Map((framework.pmoTypes ?? []).filter((type) => !type.archived).map((type) => [type.id, type.name]))
  for (const role of roles) add(`Roles › ${role.name}`, role.description)
  for (const type of framework.pmoTypes ?? []) if (!type.archived) add(`PMO types › ${type.name}`, type.description)
  for (const domain of framework.domains) {
    if (domain.archived) continue
    add(domain.name, domain.description)
    for (const competency of domain.competencies) {
      if (competency.archived) continue
      add(`${domain.name} › ${competency.name}`, competency.description)
      for (const [roleId, expectation] of Object.entries(competency.expectations)) {
        const role = roleNames.get(roleId)
        if (role && expectation.note) add(`${competency.name} · ${role} (note)`, expectation.note)
      }
      for (const [typeId, overrides] of Object.entries(competency.overrides ?? {})) {
        const type = pmoTypeNames.get(typeId)
        if (!type) continue
        for (const [roleId, expectation] of Object.entries(overrides)) {
          const role = roleNames.get(roleId)
          if (role && expectation.note) add(`${competency.name} · ${role}, ${type} (note)`, expectation.note)
        }
      }
    }
  }
  return entries
}

/** The readable name of a meeting: its title, and its date when it has one ("Kick-off · 12 March 2026"). */
export function meetingLabel(meeting: Meeting): string {
  const title = clean(meeting.title)
  const day = meeting.start ? /^(\d{4})-(\d{2})-(\d{2})/.exec(meeting.start) : null
  if (!day) return title
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])))
  return `${title} · ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)}`
}

export function meetingEntries(doc: Y.Doc, meeting: Meeting): SearchEntry[] {
  const document = `${meetingPrefix}${meeting.id}`
  const label = meetingLabel(meeting)
  const link = linkTo(document)
  const content = versionContent('meeting', doc)
  const entries: SearchEntry[] = [{ document, title: label, body: clean(meeting.place ?? ''), link }]
  const agenda = clean(plainText(content.agenda))
  if (agenda) entries.push({ document, title: `${label} › Agenda`, body: agenda, link })
  for (const { heading, text } of sections(content.notes)) {
    entries.push({ document, title: heading ? `${label} › Notes › ${heading}` : `${label} › Notes`, body: text, link })
  }
  for (const decision of readDecisions(doc)) entries.push({ document, title: `${label} › Decision`, body: clean(decision.text), link })
  for (const action of readActions(doc)) entries.push({ document, title: `${label} › Action`, body: clean(action.text), link })
  return entries.filter((entry) => entry.body || entry.title === label)
}

/** Where a document opens in the web app. */
export function linkTo(document: string): string {
  if (document === DocumentName.termsOfReference) return '/terms-of-reference'
  if (document === DocumentName.competencyMatrix) return '/competency-matrix'
  if (document.startsWith(meetingPrefix)) return `/meetings/${encodeURIComponent(document.slice(meetingPrefix.length))}`
  return '/meetings'
}

/** A document's name as a reader says it, for "Comment by Ana on …". */
export function documentLabel(document: string, meetingLabels: ReadonlyMap<string, string>): string {
  if (document === DocumentName.termsOfReference) return 'Terms of reference'
  if (document === DocumentName.competencyMatrix) return 'Competency matrix'
  if (document.startsWith(meetingPrefix)) return meetingLabels.get(document.slice(meetingPrefix.length)) ?? 'a meeting'
  return 'Meetings'
}

export function commentEntries(document: string, comments: readonly Comment[], label: string): SearchEntry[] {
  const link = linkTo(document)
  return comments.map((comment) => ({
    document,
    title: `Comment by ${clean(comment.authorName)} on ${label}${comment.resolved ? ' (resolved)' : ''}`,
    body: clean(comment.body),
    link,
  }))
}
