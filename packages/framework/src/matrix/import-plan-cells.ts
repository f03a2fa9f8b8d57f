/**
 * The cells part of an import plan (import-plan.ts). A cell is compared by what people see
 * in it: its level (an override shows the general level until it has its own) and its note.
 * A general cell is "set" when it has a level, even "none yet", or a note; an override
 * exists when it has its own level or a note.
 *
 * Writing follows the smallest change that makes the cell show the file's value. One case
 * writes although the cell looks the same: an override that follows the general level gets
 * its own level when the file changes the general level but not the override's.
 */
import type { ImportMode, PreviewCell, PreviewCellValue } from '@studio/contract'
import type * as Y from 'yjs'
import type { ExchangeExpectation, ExchangeFramework } from './exchange-format.ts'
import { cellValue, listedIds, type NamesAfter } from './import-context.ts'
import { hasOverride, readExpectation, readLevels } from './read.ts'
import { cellKey, matrixMaps, noteText, notedCellKeys, parseCellKey, type CellRef } from './schema.ts'

export interface CellStep {
  ref: CellRef
  change: PreviewCell['change']
  /** Store this level under the cell's key. */
  level?: number | null
  /** Delete the cell's key (a cleared cell). */
  deleteLevel?: boolean
  note?: string
}

interface CellState {
  present: boolean
  /** Whether the key itself is stored (a general cell with only a note, or a note-only override, has none). */
  stored: boolean
  storedLevel: unknown
  level: number | null
  note: string
}

function stateOf(doc: Y.Doc, ref: CellRef): CellState {
  const key = cellKey(ref)
  const expectations = matrixMaps(doc).expectations
  const shown = readExpectation(doc, ref)
  const present = ref.pmoTypeId ? hasOverride(doc, { ...ref, pmoTypeId: ref.pmoTypeId }) : expectations.has(key) || noteText(doc, ref).length > 0
  // An override that does not exist shows the general cell, but has no note of its own.
  return { present, stored: expectations.has(key), storedLevel: expectations.get(key), level: shown.level, note: present ? shown.note : noteText(doc, ref).toString() }
}

export function planCells(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, names: NamesAfter, listed: PreviewCell[]): CellStep[] {
  const levelsBefore = new Map(readLevels(doc).map((level) => [level.rank, level.name]))
  const levelsAfter = new Map(levelsBefore)
  for (const level of framework.levels) if (mode === 'replace' || !levelsAfter.has(level.rank)) levelsAfter.set(level.rank, level.name)
  const shownBefore = (state: CellState): PreviewCellValue | null => (state.present ? cellValue({ level: state.level, note: state.note }, levelsBefore) : null)

  const steps: CellStep[] = []
  const inFile = new Set<string>()
  const describe = (ref: CellRef, change: PreviewCell['change'], from: PreviewCellValue | null, to: PreviewCellValue | null) => {
    if (change === 'unchanged') return
    listed.push({
      competencyId: ref.competencyId,
      competency: names.name('competency', ref.competencyId),
      domainId: names.domainOf(ref.competencyId),
      roleId: ref.roleId,
      role: names.name('role', ref.roleId),
      pmoTypeId: ref.pmoTypeId ?? null,
      pmoType: ref.pmoTypeId ? names.name('pmoType', ref.pmoTypeId) : null,
      change,
      from,
      to,
    })
  }

  for (const domain of framework.domains) {
    for (const competency of domain.competencies) {
      const generalAfter = new Map<string, number | null>()
      for (const [roleId, expectation] of Object.entries(competency.expectations)) {
        const ref = { competencyId: competency.id, roleId }
        inFile.add(cellKey(ref))
        const state = stateOf(doc, ref)
        const step = planGeneral(state, expectation, mode)
        generalAfter.set(roleId, step.change === 'kept' ? state.level : expectation.level)
        steps.push({ ref, ...step })
        describe(ref, step.change, shownBefore(state), cellValue(expectation, levelsAfter))
      }
      for (const [pmoTypeId, byRole] of Object.entries(competency.overrides ?? {})) {
        for (const [roleId, expectation] of Object.entries(byRole)) {
          const ref = { competencyId: competency.id, roleId, pmoTypeId }
          inFile.add(cellKey(ref))
          const state = stateOf(doc, ref)
          // What the general cell will show: the file's, or the matrix's where a merge keeps it or the file has none.
          const general = generalAfter.has(roleId) ? generalAfter.get(roleId)! : mode === 'merge' ? readExpectation(doc, { competencyId: competency.id, roleId }).level : null
          const step = planOverride(state, expectation, mode, general)
          steps.push({ ref, ...step })
          describe(ref, step.change, shownBefore(state), cellValue(expectation, levelsAfter))
        }
      }
    }
  }
  if (mode === 'replace') {
    for (const ref of staleCells(doc, framework, inFile)) {
      const state = stateOf(doc, ref)
      if (!state.present) continue
      steps.push({ ref, change: 'cleared', deleteLevel: true, note: '' })
      describe(ref, 'cleared', shownBefore(state), null)
    }
  }
  return steps
}

type StepBody = Omit<CellStep, 'ref'>

const sameValue = (state: CellState, expectation: ExchangeExpectation) => state.level === expectation.level && state.note === (expectation.note ?? '')

function planGeneral(state: CellState, expectation: ExchangeExpectation, mode: ImportMode): StepBody {
  const note = expectation.note ?? ''
  if (state.present && sameValue(state, expectation)) return { change: 'unchanged' }
  if (state.present && mode === 'merge') return { change: 'kept' }
  const step: StepBody = { change: state.present ? 'changed' : 'added' }
  if (!state.stored || state.storedLevel !== expectation.level) step.level = expectation.level
  if (state.note !== note) step.note = note
  return step
}

function planOverride(state: CellState, expectation: ExchangeExpectation, mode: ImportMode, generalAfter: number | null): StepBody {
  const note = expectation.note ?? ''
  const change: CellStep['change'] = !state.present ? 'added' : sameValue(state, expectation) ? 'unchanged' : mode === 'merge' ? 'kept' : 'changed'
  if (change === 'kept') return { change }
  if (change === 'unchanged' && mode === 'merge') return { change }
  const step: StepBody = { change }
  // An override without its own level shows the general one; it needs its own when that will
  // differ, and when it would have no note to exist by.
  const needsOwnLevel = state.stored ? state.storedLevel !== expectation.level : expectation.level !== generalAfter || note === ''
  if (needsOwnLevel) step.level = expectation.level
  if (state.note !== note) step.note = note
  return step
}

/**
 * Cells the matrix has and the file does not, of rows and columns the file lists: the file
 * speaks only for those, so the cells of what it archives are kept and come back on restore.
 */
function staleCells(doc: Y.Doc, framework: ExchangeFramework, inFile: Set<string>): CellRef[] {
  const listed = new Set([...listedIds(framework, 'role'), ...listedIds(framework, 'pmoType'), ...listedIds(framework, 'competency')])
  const spokenFor = (ref: CellRef) => listed.has(ref.competencyId) && listed.has(ref.roleId) && (!ref.pmoTypeId || listed.has(ref.pmoTypeId))
  const keys = new Set([...matrixMaps(doc).expectations.keys(), ...notedCellKeys(doc)])
  return [...keys].filter((key) => !inFile.has(key)).map(parseCellKey).filter(spokenFor)
}
