/**
 * What search finds in each document: the readable places (a section of the terms of
 * reference, a meeting's agenda or notes, one decision, one row of the matrix, one comment),
 * each with a title that says where it is and the web app's path that opens it. Pure
 * functions over Yjs documents, so the indexer and its tests read documents one way.
 */
import { DocumentName, searchMarks, type Comment, type ProseMirrorJSON } from '@studio/contract'
import { cellKey, mentionNodeName, mentionText, notesByCell, readActions, readCompetencies, readDecisions, readEntities, versionContent, type Entity, type Meeting } from '@studio/framework'
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

/**
 * One entry per role, PMO type, domain and competency, and one per cell note. Read straight
 * from the document rather than through the export (`toExchange`), which reads every cell of
 * every role and PMO type, descriptors included: a rebuild runs every few seconds while
 * people edit the matrix, on the live document, and search needs only names and notes.
 */
export function matrixEntries(doc: Y.Doc): SearchEntry[] {
  const entries: SearchEntry[] = []
  const add = (title: string, ...texts: Array<string | undefined>) => {
    const body = clean(texts.filter(Boolean).join('\n'))
    entries.push({ document: DocumentName.competencyMatrix, title: `Matrix › ${clean(title)}`, body, link: linkTo(DocumentName.competencyMatrix) })
  }
  const shown = (entity: Entity) => !entity.archived
  const nameOf = (entity: Entity) => entity.name || entity.id
  const roles = readEntities(doc, 'role').filter(shown)
  const pmoTypes = readEntities(doc, 'pmoType').filter(shown)
  const notes = notesByCell(doc)
  for (const role of roles) add(`Roles › ${nameOf(role)}`, role.description)
  for (const type of pmoTypes) add(`PMO types › ${nameOf(type)}`, type.description)
  const competencies = readCompetencies(doc)
  for (const domain of readEntities(doc, 'domain')) {
    if (domain.archived) continue
    add(nameOf(domain), domain.description)
    for (const competency of competencies) {
      if (competency.domainId !== domain.id || competency.archived) continue
      add(`${nameOf(domain)} › ${nameOf(competency)}`, competency.description)
      for (const role of roles) {
        const note = notes.get(cellKey({ competencyId: competency.id, roleId: role.id }))
        if (note) add(`${nameOf(competency)} · ${nameOf(role)} (note)`, note)
      }
      for (const type of pmoTypes) {
        for (const role of roles) {
          const note = notes.get(cellKey({ competencyId: competency.id, roleId: role.id, pmoTypeId: type.id }))
          if (note) add(`${nameOf(competency)} · ${nameOf(role)}, ${nameOf(type)} (note)`, note)
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
