/**
 * What a proposal changes, read from and written to the document through the framework's
 * typed operations: a matrix cell (level and note), a competency (name, description, level
 * descriptors) or a passage of the terms of reference. `readTarget` checks that the target
 * exists and says what it holds now (recorded as "before" when the proposal is made, and
 * compared again at the close); `applyChange` makes the change on a document copy that the
 * studio's change path then logs and broadcasts.
 */
import { DocumentName, parseAnchor, type ProposalChange, type ProposalValues, type ProposedDescriptor } from '@studio/contract'
import {
  cellKey, describeEntity, entityMap, matrixMaps, noteText, passageRange, readDescriptor, readEntities, renameEntity,
  replaceIndicators, replacePassage, richTextField, setLevel, setNote, setSummary, textField, type CellRef,
} from '@studio/framework'
import type * as Y from 'yjs'

export class TargetProblem extends Error {
  readonly field: string

  constructor(field: string, message: string) {
    super(message)
    this.field = field
  }
}

export function documentOf(change: ProposalChange): string {
  return change.kind === 'passage' ? DocumentName.termsOfReference : DocumentName.competencyMatrix
}

export function targetOf(change: ProposalChange): string {
  if (change.kind === 'cell') return cellKey(cellRef(change))
  if (change.kind === 'competency') return change.competencyId
  return change.anchor
}

const cellRef = (change: Extract<ProposalChange, { kind: 'cell' }>): CellRef =>
  change.pmoTypeId ? { competencyId: change.competencyId, roleId: change.roleId, pmoTypeId: change.pmoTypeId } : { competencyId: change.competencyId, roleId: change.roleId }

type NamedKind = 'competency' | 'role' | 'pmoType'

/** The names proposals are labelled with, by kind and id: read once, then labels cost no reading of the document. */
export type MatrixNames = Readonly<Record<NamedKind, ReadonlyMap<string, string>>>

export function readMatrixNames(doc: Y.Doc): MatrixNames {
  const namesOf = (kind: NamedKind) => new Map(readEntities(doc, kind).map((entity) => [entity.id, entity.name]))
  return { competency: namesOf('competency'), role: namesOf('role'), pmoType: namesOf('pmoType') }
}

/** The proposal's values (the fields it changes), for "after". */
export function afterOf(change: ProposalChange): ProposalValues {
  if (change.kind === 'cell') return { level: change.level, note: change.note }
  if (change.kind === 'passage') return { text: change.text }
  return {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...(change.descriptors ? { descriptors: change.descriptors } : {}),
  }
}

/** "Stakeholder engagement × PMO analyst (portfolio office)", "the competency Stakeholder engagement", "a passage of the terms of reference". */
export function labelOf(names: MatrixNames, change: ProposalChange): string {
  if (change.kind === 'passage') return 'A passage of the terms of reference'
  const competency = names.competency.get(change.competencyId) ?? change.competencyId
  if (change.kind === 'competency') return `The competency ${competency}`
  const role = names.role.get(change.roleId) ?? change.roleId
  const pmoType = change.pmoTypeId ? ` (${names.pmoType.get(change.pmoTypeId) ?? change.pmoTypeId})` : ''
  return `${competency} × ${role}${pmoType}`
}

/** What the target holds now, in the fields the change touches; a TargetProblem when it is not there. */
export function readTarget(doc: Y.Doc, change: ProposalChange): ProposalValues {
  if (change.kind === 'cell') {
    if (!entityMap(doc, 'competency', change.competencyId)) throw new TargetProblem('change.competencyId', 'There is no such competency in the matrix. Choose a cell of the matrix as it is now.')
    if (!entityMap(doc, 'role', change.roleId)) throw new TargetProblem('change.roleId', 'There is no such role in the matrix. Choose a cell of the matrix as it is now.')
    if (change.pmoTypeId && !entityMap(doc, 'pmoType', change.pmoTypeId)) throw new TargetProblem('change.pmoTypeId', 'There is no such PMO type in the matrix.')
    if (change.level !== null && !matrixMaps(doc).levels.has(String(change.level))) throw new TargetProblem('change.level', `There is no level ${change.level} in the scale. Choose one of its levels, or no level.`)
    const ref = cellRef(change)
    const stored = matrixMaps(doc).expectations.get(cellKey(ref))
    return { level: typeof stored === 'number' ? stored : null, note: noteText(doc, ref).toString() }
  }
  if (change.kind === 'competency') {
    const entity = entityMap(doc, 'competency', change.competencyId)
    if (!entity) throw new TargetProblem('change.competencyId', 'There is no such competency in the matrix.')
    const before: ProposalValues = {}
    if (change.name !== undefined) before.name = textField(entity, 'name')?.toString() ?? ''
    if (change.description !== undefined) before.description = textField(entity, 'description')?.toString() ?? ''
    if (change.descriptors) {
      const ranks = new Set<number>()
      before.descriptors = change.descriptors.map((descriptor, index) => {
        if (!matrixMaps(doc).levels.has(String(descriptor.rank))) throw new TargetProblem(`change.descriptors.${index}.rank`, `There is no level ${descriptor.rank} in the scale.`)
        if (ranks.has(descriptor.rank)) throw new TargetProblem(`change.descriptors.${index}.rank`, `Propose level ${descriptor.rank}'s descriptor once.`)
        ranks.add(descriptor.rank)
        const current = readDescriptor(doc, change.competencyId, descriptor.rank)
        return { rank: descriptor.rank, summary: current.summary, indicators: current.indicators.map((indicator) => indicator.text) }
      })
    }
    return before
  }
  const range = rangeOf(doc, change)
  if (!range.ok) throw new TargetProblem('change.anchor', passageProblem(range.reason))
  return { text: range.content }
}

function rangeOf(doc: Y.Doc, change: Extract<ProposalChange, { kind: 'passage' }>) {
  const anchor = parseAnchor(change.anchor)
  if (anchor?.kind !== 'passage') return { ok: false as const, reason: 'unreadable' as const }
  return passageRange(doc, doc.getXmlFragment(richTextField), anchor.start, anchor.end)
}

function passageProblem(reason: string): string {
  if (reason === 'across-paragraphs') return 'Choose words within one paragraph: a proposal replaces the words of one paragraph, heading or list item.'
  if (reason === 'deleted') return 'The passage\'s words are no longer in the terms of reference. Select the words again.'
  return 'That passage is not in the terms of reference. Select the words to change again.'
}

const sameDescriptors = (a: readonly ProposedDescriptor[] = [], b: readonly ProposedDescriptor[] = []) => JSON.stringify(a) === JSON.stringify(b)

/** Whether the target still holds what it held when the proposal was made. */
export function unchangedSince(doc: Y.Doc, change: ProposalChange, before: ProposalValues): boolean {
  let now: ProposalValues
  try {
    now = readTarget(doc, change)
  } catch {
    return false
  }
  return now.level === before.level && now.note === before.note && now.name === before.name && now.description === before.description
    && now.text === before.text && sameDescriptors(now.descriptors, before.descriptors)
}

/** Makes the change on `doc` (a copy the change path logs and then applies to the live document). */
export function applyChange(doc: Y.Doc, change: ProposalChange): void {
  if (change.kind === 'cell') {
    const ref = cellRef(change)
    setLevel(doc, ref, change.level)
    if (noteText(doc, ref).toString() !== change.note) setNote(doc, ref, change.note)
    return
  }
  if (change.kind === 'competency') {
    if (change.name !== undefined) renameEntity(doc, 'competency', change.competencyId, change.name)
    if (change.description !== undefined) describeEntity(doc, 'competency', change.competencyId, change.description)
    for (const descriptor of change.descriptors ?? []) {
      setSummary(doc, change.competencyId, descriptor.rank, descriptor.summary)
      replaceIndicators(doc, change.competencyId, descriptor.rank, descriptor.indicators)
    }
    return
  }
  const range = rangeOf(doc, change)
  if (!range.ok) throw new TargetProblem('change.anchor', passageProblem(range.reason))
  replacePassage(range, change.text)
}
