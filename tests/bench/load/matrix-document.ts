/**
 * The matrix session's document: the studio's competency matrix at its largest expected
 * size (200 competencies × 12 roles, every cell set), written through @studio/framework's
 * replace import into the live document, as an organiser's import would be, so cell edits
 * are the web app's `setLevel` on real maps. The studio seeds its matrix with the starter
 * framework, and a replace import archives what it does not name rather than deleting it;
 * so an empty matrix (the other servers') is first given the same starter framework, and
 * every server ends up holding the same document.
 */
import { DocumentName } from '@studio/contract'
import { importFramework, seedFiles, validateExchange, type CellRef, type ExchangeFramework } from '@studio/framework'
import { readFileSync } from 'node:fs'
import type * as Y from 'yjs'
import { largeFramework } from '../large-framework.ts'

/** The studio has one competency matrix; every server is given it under the same name. */
export const matrixDocumentName = DocumentName.competencyMatrix

export interface MatrixContent {
  starter: ExchangeFramework
  framework: ExchangeFramework
  cells: CellRef[]
  levels: number[]
}

let built: MatrixContent | undefined

export function matrixContent(): MatrixContent {
  built ??= build()
  return built
}

/** Seeds an empty matrix as the studio does, then replaces it with the bench's (one update each). */
export function writeMatrix(doc: Y.Doc): void {
  const { starter, framework } = matrixContent()
  if (doc.getMap('competencies').size === 0) importFramework(doc, starter, 'replace')
  importFramework(doc, framework, 'replace')
}

function validated(data: unknown, what: string): ExchangeFramework {
  const checked = validateExchange(data)
  if (!checked.ok) throw new Error(`${what} is invalid: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
  return checked.framework
}

function build(): MatrixContent {
  const { file } = largeFramework({ notes: false })
  const starter = validated(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')), 'The starter framework')
  const framework = validated(file, 'The bench matrix')
  const cells = file.domains.flatMap((domain) => domain.competencies.flatMap((competency) => file.roles.map((role) => ({ competencyId: competency.id, roleId: role.id }))))
  return { starter, framework, cells, levels: file.levels.map((level) => level.rank) }
}
