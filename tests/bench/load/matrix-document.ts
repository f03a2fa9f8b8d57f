/**
 * The matrix session's document: a competency matrix at its largest expected size (200
 * competencies × 12 roles, every cell set), built through @studio/framework's import as an
 * organiser's import would be, so cell edits are the web app's `setLevel` on real maps.
 */
import { importFramework, validateExchange, type CellRef } from '@studio/framework'
import * as Y from 'yjs'
import { largeFramework } from '../large-framework.ts'

export interface MatrixContent {
  /** The whole matrix as one update, for the first person on the document to write. */
  update: Uint8Array
  cells: CellRef[]
  levels: number[]
}

let built: MatrixContent | undefined

export function matrixContent(): MatrixContent {
  built ??= build()
  return built
}

function build(): MatrixContent {
  const { file } = largeFramework({ notes: false })
  const checked = validateExchange(file)
  if (!checked.ok) throw new Error(`The bench matrix is invalid: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  const cells = file.domains.flatMap((domain) => domain.competencies.flatMap((competency) => file.roles.map((role) => ({ competencyId: competency.id, roleId: role.id }))))
  return { update, cells, levels: file.levels.map((level) => level.rank) }
}
