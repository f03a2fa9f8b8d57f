/**
 * The matrix as a readable Markdown document: title, status and licence, the levels with their
 * descriptors, the roles and PMO types, then per domain its competencies with descriptions, a
 * table of competencies by role showing the expected level's name, the notes below it, and a
 * table per PMO type of the cells it overrides. Archived rows and columns are left out.
 *
 * Everything people typed is plain text, escaped so it reads as written: Markdown punctuation
 * is backslash-escaped, a line cannot start a heading or a list, and in table cells a pipe is
 * `\|` and a line break `<br>`. (@tiptap/markdown's serialiser was tried and leaves pipes in
 * cells unescaped, breaking the table.)
 */
import type * as Y from 'yjs'
import { hasOverride, readExpectation, readMatrix, type Competency, type Entity } from './read.ts'

export function matrixToMarkdown(doc: Y.Doc): string {
  const matrix = readMatrix(doc)
  const live = <T extends Entity>(entities: T[]) => entities.filter((entity) => !entity.archived)
  const roles = live(matrix.roles)
  const pmoTypes = live(matrix.pmoTypes)
  const levelName = (level: number | null) => (level === null ? '—' : matrix.levels.find((l) => l.rank === level)?.name || `Level ${level}`)
  const blocks: string[] = [`# ${heading(matrix.meta.title || 'PMO Competency Framework')}`]

  const facts = ([['Status', matrix.meta.status], ['Licence', matrix.meta.licence], ['Version', matrix.meta.version]] as const)
    .filter(([, value]) => value)
    .map(([label, value]) => `**${label}:** ${inline(value)}`)
  if (facts.length > 0) blocks.push(facts.join('\\\n'))

  if (matrix.levels.length > 0) {
    blocks.push('## Levels', table(['Level', 'Name', 'Descriptor'], matrix.levels.map((level) => [String(level.rank), level.name, level.description])))
  }
  if (roles.length > 0) blocks.push('## Roles', definitions(roles))
  if (pmoTypes.length > 0) blocks.push('## PMO types', definitions(pmoTypes))

  for (const domain of live(matrix.domains)) {
    blocks.push(`## ${heading(nameOf(domain))}`)
    if (domain.description) blocks.push(paragraph(domain.description))
    const competencies = live(domain.competencies)
    if (competencies.length === 0) {
      blocks.push('_No competencies yet._')
      continue
    }
    blocks.push(definitions(competencies))
    if (roles.length === 0) continue
    const general = (competency: Competency, roleId: string) => readExpectation(doc, { competencyId: competency.id, roleId })
    const header = ['Competency', ...roles.map(nameOf)]
    blocks.push(table(header, competencies.map((c) => [nameOf(c), ...roles.map((role) => levelName(general(c, role.id).level))])))
    blocks.push(...notes(competencies, roles, general))

    for (const pmoType of pmoTypes) {
      const overrides = (competency: Competency, roleId: string) => {
        const ref = { competencyId: competency.id, roleId, pmoTypeId: pmoType.id }
        return hasOverride(doc, ref) ? readExpectation(doc, ref) : undefined
      }
      const overridden = competencies.filter((competency) => roles.some((role) => overrides(competency, role.id)))
      if (overridden.length === 0) continue
      blocks.push(
        `### ${heading(`${nameOf(domain)}: ${nameOf(pmoType)}`)}`,
        `For ${inline(nameOf(pmoType))}, only the cells that differ from the table above are filled in.`,
        table(header, overridden.map((c) => [nameOf(c), ...roles.map((role) => {
          const expectation = overrides(c, role.id)
          return expectation ? levelName(expectation.level) : ''
        })])),
        ...notes(overridden, roles, (competency, roleId) => overrides(competency, roleId) ?? { note: '' }),
      )
    }
  }
  return blocks.join('\n\n') + '\n'
}

/** A name emptied by concurrent edits still needs something to show: the id. */
const nameOf = (entity: Entity) => entity.name || entity.id

function notes(competencies: Competency[], roles: Entity[], expectation: (competency: Competency, roleId: string) => { note: string }): string[] {
  const items = competencies.flatMap((competency) => roles.flatMap((role) => {
    const { note } = expectation(competency, role.id)
    return note ? [`- **${inline(nameOf(competency))}, ${inline(nameOf(role))}:** ${listText(note)}`] : []
  }))
  return items.length > 0 ? ['Notes:', items.join('\n')] : []
}

/** A bullet per entity: its name in bold, then its description. */
function definitions(entities: Entity[]): string {
  return entities.map((entity) => `- **${inline(nameOf(entity))}**${entity.description ? `: ${listText(entity.description)}` : ''}`).join('\n')
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n')
}

/** Plain text on one line: Markdown punctuation escaped, and nothing that starts a block at the line's start. */
export function inline(text: string): string {
  const escaped = text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/(^|\s)#/g, '$1\\#')
    .trimStart()
  return escaped.replace(/^[-+=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2')
}

const lines = (text: string) => text.split(/\r\n|\r|\n/).map(inline).filter((line) => line !== '')

/** Several lines of plain text as one paragraph, each line break kept as a hard break. */
export function paragraph(text: string): string {
  return lines(text).join('\\\n')
}

/** As `paragraph`, indented to continue a list item. */
function listText(text: string): string {
  return lines(text).join('\\\n  ')
}

export function heading(text: string): string {
  return inline(text.replace(/[\r\n]+/g, ' '))
}

/** A table cell: one line, with pipes escaped and line breaks as `<br>`. */
export function cell(text: string): string {
  return lines(text).join('<br>')
}
