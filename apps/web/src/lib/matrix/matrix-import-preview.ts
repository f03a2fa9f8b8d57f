/**
 * An import's preview as the organiser reads it: one line of counts per kind of thing, then
 * the changes grouped by domain (its own change, its competencies', its cells'), and roles,
 * PMO types, levels and details apart. Unchanged things are counted, never listed.
 */
export { changesAnything } from '@studio/framework'
import type { ChangeCounts, ImportChange, ImportPreview, PreviewCell, PreviewCellValue, PreviewEntity, PreviewField } from '@studio/contract'

type CountedKind = keyof ImportPreview['counts']

const kindWords: Record<CountedKind, readonly [string, string]> = {
  domains: ['domain', 'domains'],
  competencies: ['competency', 'competencies'],
  roles: ['role', 'roles'],
  pmoTypes: ['PMO type', 'PMO types'],
  levels: ['level', 'levels'],
  cells: ['cell', 'cells'],
  // The plan counts one level of one competency (summary and indicators together) as one
  // descriptor, and a competency's references as one thing: the words say so.
  descriptors: ['level descriptor', 'level descriptors'],
  references: ['competency’s references', 'references (by competency)'],
}

export const changeWords: Record<ImportChange, string> = {
  added: 'added',
  changed: 'changed',
  archived: 'archived',
  restored: 'restored',
  cleared: 'cleared',
  kept: 'kept as it is (the file differs)',
  unchanged: 'unchanged',
}

const order: ImportChange[] = ['added', 'changed', 'archived', 'restored', 'cleared', 'kept', 'unchanged']

export interface CountLine {
  kind: CountedKind
  label: string
  parts: Array<{ change: ImportChange; text: string }>
}

/** "Competencies: 2 added, 1 changed, 40 unchanged", for each kind the file or matrix has. */
export function countLines(preview: ImportPreview): CountLine[] {
  return (Object.keys(kindWords) as CountedKind[]).flatMap((kind) => {
    const counts: ChangeCounts = preview.counts[kind]
    const parts = order.filter((change) => counts[change] > 0).map((change) => ({ change, text: `${counts[change]} ${change === 'kept' ? 'kept' : changeWords[change]}` }))
    if (parts.length === 0) return []
    const label = kindWords[kind][1]
    return [{ kind, label: label[0]!.toUpperCase() + label.slice(1), parts }]
  })
}

export interface DomainGroup {
  id: string
  name: string
  /** The domain's own change, when it has one. */
  domain: PreviewEntity | null
  competencies: PreviewEntity[]
  cells: PreviewCell[]
  /** How many things in the group change (kept differences included). */
  changes: number
}

const listed = (entity: PreviewEntity) => entity.change !== 'unchanged'

/** Changes grouped by domain, in the order the preview lists the domains; groups without changes left out. */
export function groupByDomain(preview: ImportPreview): DomainGroup[] {
  const domains = preview.entities.filter((entity) => entity.kind === 'domain')
  const groups = new Map<string, DomainGroup>()
  const groupOf = (id: string) => {
    let group = groups.get(id)
    if (!group) {
      const domain = domains.find((candidate) => candidate.id === id)
      group = { id, name: domain?.name ?? id, domain: domain && listed(domain) ? domain : null, competencies: [], cells: [], changes: 0 }
      groups.set(id, group)
    }
    return group
  }
  for (const domain of domains) groupOf(domain.id)
  for (const competency of preview.entities.filter((entity) => entity.kind === 'competency' && listed(entity))) groupOf(competency.domainId ?? '').competencies.push(competency)
  for (const cell of preview.cells) groupOf(cell.domainId).cells.push(cell)
  for (const group of groups.values()) group.changes = (group.domain ? 1 : 0) + group.competencies.length + group.cells.length
  return [...groups.values()].filter((group) => group.changes > 0)
}

/** Roles and PMO types that change, apart from the domains. */
export function columnChanges(preview: ImportPreview): PreviewEntity[] {
  return preview.entities.filter((entity) => (entity.kind === 'role' || entity.kind === 'pmoType') && listed(entity))
}

/** What a replace would archive, by name, for the confirmation. */
export function archivedNames(preview: ImportPreview): Array<{ kind: PreviewEntity['kind']; name: string }> {
  return preview.entities.filter((entity) => entity.change === 'archived').map((entity) => ({ kind: entity.kind, name: entity.name }))
}

/** A cell's value in words: "3 Independent", "no level yet", with its note after a dash. */
export function describeCellValue(value: PreviewCellValue | null): string {
  if (!value) return 'empty'
  const level = value.level === null ? 'no level yet' : `${value.level}${value.levelName ? ` ${value.levelName}` : ''}`
  return value.note ? `${level} — “${value.note}”` : level
}

/** Where a cell is: "PMO Analyst in Estimating", with the PMO type for an override. */
export function describeCellPlace(cell: PreviewCell): string {
  return `${cell.role} in ${cell.competency}${cell.pmoType ? ` (${cell.pmoType})` : ''}`
}

const fieldWords: Record<PreviewField['field'], string> = {
  name: 'name',
  description: 'description',
  domain: 'domain',
  position: 'place',
  archived: 'state',
}

/** One field's change in words: "name: Estimating → Estimation". */
export function describeField(field: PreviewField): string {
  const shown = (value: string) => (value === '' ? 'empty' : value.length > 80 ? `${value.slice(0, 79)}…` : value)
  return `${fieldWords[field.field]}: ${shown(field.from)} → ${shown(field.to)}`
}

const entityWords: Record<PreviewEntity['kind'], string> = { domain: 'Domain', competency: 'Competency', role: 'Role', pmoType: 'PMO type' }

export const entityWord = (kind: PreviewEntity['kind']) => entityWords[kind]
