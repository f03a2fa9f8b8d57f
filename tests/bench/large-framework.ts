/**
 * The competency matrix the benches use, at its largest expected size: a pmo-framework/v1
 * file with 20 domains of 10 competencies and 12 roles, every cell set, the starter
 * framework's levels and PMO types. Ids and names are predictable (`competency-7`,
 * `Role 3`), so a bench can aim at any cell. With `descriptors` it is a pmo-framework/v2
 * file in which every competency describes each level above 0 (a summary and two
 * indicators, as the starter framework's do), 1,000 descriptors in all.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../support/studio.ts'

export const competencyCount = 200
export const roleCount = 12
const perDomain = 10
/** The grid's lines (its aria-rowcount): the column headers, each domain's heading, each competency. */
export const gridLineCount = 1 + competencyCount / perDomain + competencyCount

export interface StarterLevel {
  rank: number
  name: string
  description: string
}

export interface LargeFramework {
  file: {
    format: 'pmo-framework/v1' | 'pmo-framework/v2'
    title: string
    levels: StarterLevel[]
    roles: Array<{ id: string; name: string; description: string }>
    pmoTypes: unknown[]
    domains: Array<{
      id: string
      name: string
      description: string
      competencies: Array<{
        id: string
        name: string
        description: string
        expectations: Record<string, { level: number; note: string }>
        descriptors?: Record<string, { summary: string; indicators: string[] }>
      }>
    }>
  }
  levels: StarterLevel[]
}

/** With `notes`, every seventh cell also carries a short note. */
export function largeFramework(options: { notes: boolean; descriptors?: boolean }): LargeFramework {
  const starter = JSON.parse(readFileSync(path.join(repositoryRoot, 'packages/framework/seed/starter-framework.json'), 'utf8')) as {
    levels: StarterLevel[]
    pmoTypes: unknown[]
  }
  const ranks = starter.levels.map((level) => level.rank)
  const roles = Array.from({ length: roleCount }, (_, index) => ({ id: `role-${index + 1}`, name: `Role ${index + 1}`, description: `Role number ${index + 1}.` }))
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
        expectations: Object.fromEntries(roles.map((role, r) => {
          const note = options.notes && (number + r) % 7 === 0 ? `A note on competency ${number}.` : ''
          return [role.id, { level: ranks[(number + r) % ranks.length]!, note }]
        })),
        ...(options.descriptors ? { descriptors: descriptorsOf(number, ranks) } : {}),
      }
    }),
  }))
  return {
    file: { format: options.descriptors ? 'pmo-framework/v2' : 'pmo-framework/v1', title: 'Benchmark framework', levels: starter.levels, roles, pmoTypes: starter.pmoTypes, domains },
    levels: starter.levels,
  }
}

function descriptorsOf(competency: number, ranks: number[]): Record<string, { summary: string; indicators: string[] }> {
  return Object.fromEntries(
    ranks.filter((rank) => rank > 0).map((rank) => [
      String(rank),
      {
        summary: `At level ${rank}, someone in competency ${competency} works with less guidance than the level before and helps others to.`,
        indicators: [`Shows competency ${competency} at level ${rank} in the work they deliver.`, `Explains the choices made at level ${rank} to the people affected.`],
      },
    ]),
  )
}
