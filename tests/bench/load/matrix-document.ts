/**
 * The matrix session's document: a competency matrix at its largest expected size (200
 * competencies × 12 roles, every cell set), built through @studio/framework's import as an
 * organiser's import would be, so cell edits are the web app's `setLevel` on real maps.
 */
import { importFramework, validateExchange, type CellRef } from '@studio/framework'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { repositoryRoot } from '../../support/studio.ts'

const competencyCount = 200
const roleCount = 12

export interface MatrixContent {
  /** The whole matrix as one update, for the first person on the document to write. */
  update: Uint8Array
  cells: CellRef[]
  levels: number[]
}

interface Starter {
  levels: Array<{ rank: number; name: string; description: string }>
  pmoTypes: unknown[]
}

let built: MatrixContent | undefined

export function matrixContent(): MatrixContent {
  built ??= build()
  return built
}

function build(): MatrixContent {
  const starter = JSON.parse(readFileSync(path.join(repositoryRoot, 'packages/framework/seed/starter-framework.json'), 'utf8')) as Starter
  const roles = Array.from({ length: roleCount }, (_, index) => ({ id: `role-${index + 1}`, name: `Role ${index + 1}`, description: `Role number ${index + 1}.` }))
  const levels = starter.levels.map((level) => level.rank)
  const perDomain = 10
  const domains = Array.from({ length: competencyCount / perDomain }, (_, d) => ({
    id: `domain-${d + 1}`,
    name: `Domain ${d + 1}`,
    description: `Competencies of area ${d + 1}.`,
    competencies: Array.from({ length: perDomain }, (_, c) => {
      const number = d * perDomain + c + 1
      return {
        id: `competency-${number}`,
        name: `Competency ${number}`,
        description: `What competency ${number} covers, in a sentence or two of description text.`,
        expectations: Object.fromEntries(roles.map((role, r) => [role.id, { level: levels[(number + r) % levels.length]!, note: '' }])),
      }
    }),
  }))
  const checked = validateExchange({ format: 'pmo-framework/v1', title: 'Benchmark framework', levels: starter.levels, roles, pmoTypes: starter.pmoTypes, domains })
  if (!checked.ok) throw new Error(`The bench matrix is invalid: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  const cells = domains.flatMap((domain) => domain.competencies.flatMap((competency) => roles.map((role) => ({ competencyId: competency.id, roleId: role.id }))))
  return { update, cells, levels }
}
