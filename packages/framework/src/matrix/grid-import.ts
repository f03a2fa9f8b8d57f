/**
 * A grid of names (the studio's CSV, or its Excel workbook read by the server) as a
 * `pmo-framework/v1` framework, so it can be previewed and imported like a JSON file.
 *
 * A grid has no ids, so its rows are matched to the matrix by name (ignoring case and extra
 * spaces): domains and roles and PMO types by name, competencies by name within their domain.
 * A name the matrix does not have becomes a new entity with an id made from the name. What a
 * grid cannot show is taken from the matrix as it is, so that importing a grid just exported
 * changes nothing:
 * - descriptions (unless the grid gives them), the level scale, the title and details;
 * - archived domains, competencies, roles and PMO types, with their cells;
 * - PMO types (a grid lists one only where it has overrides), domains without competencies,
 *   and everything when the grid has no rows at all;
 * - a cell set to "no level yet" with no note, which a grid shows as an empty row.
 * A grid speaks for the cells of the rows and columns it shows: one it leaves empty is cleared
 * by a replace.
 *
 * A cell's level may be given by rank (`level`), by name (`level_name`) or both. When they
 * disagree and level_name still names the matrix's level, the rank is the edit (a person
 * changes the number and forgets the name); any other disagreement is reported.
 */
import type * as Y from 'yjs'
import { exchangeFormat, validateExchange, type ExchangeCompetency, type ExchangeDomain, type ExchangeExpectation, type ExchangeFramework, type ExchangeNamed, type ExchangeProblem } from './exchange-format.ts'
import { toExchange } from './exchange.ts'
import { readableId } from './ids.ts'
import { readExpectation } from './read.ts'

export interface GridRow {
  /** Where the row is, as a path the problems start with, e.g. `/row 14`. */
  at: string
  domain: string
  competency: string
  role: string
  /** Empty for the general expectation; a PMO type's name for its override. */
  pmoType: string
  level: string
  levelName: string
  note: string
  /**
   * A PMO type's cell that is not marked as an override (an unshaded cell on a workbook's PMO
   * type sheet, showing the general level): it becomes an override only where it says
   * something else than the matrix shows for that PMO type, so editing the general sheet alone
   * does not turn every PMO type's copy of the old value into an override.
   */
  onlyIfEdited?: boolean
}

/** What a grid says beyond its rows (the Excel workbook's comments and levels sheet). */
export interface GridExtras {
  /** Descriptions by name: domains, roles and PMO types by their name, competencies by `<domain name>\n<competency name>`. */
  descriptions?: { domains: Map<string, string>; competencies: Map<string, string>; roles: Map<string, string>; pmoTypes: Map<string, string> }
  levels?: ExchangeFramework['levels']
}

export type GridImport = { ok: true; framework: ExchangeFramework } | { ok: false; problems: ExchangeProblem[] }

/** How names are compared: case, accents' composition and runs of spaces do not matter. */
export const sameName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en')

interface Built extends ExchangeNamed {
  description: string
  mentioned: boolean
}

export function gridToExchange(doc: Y.Doc, rows: GridRow[], extras: GridExtras = {}): GridImport {
  const current = toExchange(doc, exchangeFormat)
  const problems: ExchangeProblem[] = []
  const levels = extras.levels ?? current.levels
  const rankOfName = new Map(levels.map((level) => [sameName(level.name), level.rank]))
  const nameOfRank = new Map(levels.map((level) => [level.rank, level.name]))
  const described = (map: Map<string, string> | undefined, key: string, fallback: string) => map?.get(sameName(key)) ?? (extras.descriptions ? '' : fallback)

  const roles = new Matcher(current.roles, (name, entity) => described(extras.descriptions?.roles, name, entity?.description ?? ''))
  const pmoTypes = new Matcher(current.pmoTypes ?? [], (name, entity) => described(extras.descriptions?.pmoTypes, name, entity?.description ?? ''))
  const domains = new Matcher(current.domains, (name, entity) => described(extras.descriptions?.domains, name, entity?.description ?? ''))
  const currentCompetencies = new Map(current.domains.flatMap((domain) => domain.competencies.map((competency) => [competency.id, competency] as const)))
  const competencyIds = new Set(currentCompetencies.keys())
  const competencies = new Map<string, Matcher<ExchangeCompetency>>()
  const competencyDomain = new Map<string, string>()

  const cells = new Map<string, { expectation: ExchangeExpectation; row: GridRow }>()
  for (const row of rows) {
    const missing = (['domain', 'competency', 'role'] as const).filter((column) => row[column].trim() === '')
    if (missing.length > 0) {
      for (const column of missing) problems.push({ path: `${row.at}/${column}`, message: `is empty: every row names its ${column}` })
      continue
    }
    const domain = domains.match(row.domain)
    let inDomain = competencies.get(domain.id)
    if (!inDomain) {
      const existing = current.domains.find((candidate) => candidate.id === domain.id)?.competencies ?? []
      inDomain = new Matcher(existing, (name, entity) => described(extras.descriptions?.competencies, `${row.domain}\n${name}`, entity?.description ?? ''), competencyIds)
      competencies.set(domain.id, inDomain)
    }
    const competency = inDomain.match(row.competency)
    competencyDomain.set(competency.id, domain.id)
    const role = roles.match(row.role)
    const pmoType = row.pmoType.trim() === '' ? null : pmoTypes.match(row.pmoType)
    const key = [competency.id, role.id, pmoType?.id].filter(Boolean).join('|')
    const earlier = cells.get(key)
    if (earlier) {
      problems.push({ path: row.at, message: `repeats ${earlier.row.at.slice(1)} (the same competency, role and PMO type): keep one of them` })
      continue
    }
    const ref = { competencyId: competency.id, roleId: role.id, pmoTypeId: pmoType?.id ?? null }
    const shown = readExpectation(doc, ref)
    const level = levelOf(row, rankOfName, nameOfRank, shown.level, problems)
    if (level === undefined) continue
    if (row.onlyIfEdited && level === shown.level && row.note === shown.note) continue
    cells.set(key, { expectation: { level, note: row.note }, row })
  }
  if (problems.length > 0) return { ok: false, problems }

  const hasRows = rows.length > 0
  const file: ExchangeFramework = {
    format: exchangeFormat,
    title: current.title,
    ...(current.status ? { status: current.status } : {}),
    ...(current.licence ? { licence: current.licence } : {}),
    ...(current.version ? { version: current.version } : {}),
    levels,
    roles: roles.listed((entity) => !hasRows || entity.archived === true),
    pmoTypes: pmoTypes.listed(() => true),
    domains: [],
  }
  const activeRoles = new Set(file.roles.filter((role) => roles.wasMentioned(role.id)).map((role) => role.id))
  const activePmoTypes = new Set((file.pmoTypes ?? []).filter((pmoType) => pmoType.archived !== true).map((pmoType) => pmoType.id))
  const spokenFor = (roleId: string, pmoTypeId: string | null) => activeRoles.has(roleId) && (pmoTypeId === null || activePmoTypes.has(pmoTypeId))

  const domainList = domains.listed((entity) => !hasRows || entity.archived === true || !(entity as ExchangeDomain).competencies.some((competency) => competency.archived !== true))
  file.domains = domainList.map((domain) => {
    const matcher = competencies.get(domain.id)
    const currentDomain = current.domains.find((candidate) => candidate.id === domain.id)
    const carryAll = !matcher
    const list = matcher ? matcher.listed((entity) => entity.archived === true) : (currentDomain?.competencies ?? [])
    return {
      ...domain,
      competencies: list.map((competency): ExchangeCompetency => {
        const before = currentCompetencies.get(competency.id)
        if (carryAll || !matcher!.wasMentioned(competency.id)) return { ...competency, expectations: before?.expectations ?? {}, overrides: before?.overrides ?? {} }
        const expectations: Record<string, ExchangeExpectation> = {}
        const overrides: Record<string, Record<string, ExchangeExpectation>> = {}
        for (const role of file.roles) {
          const general = cellFor(cells, before?.expectations[role.id], [competency.id, role.id], spokenFor(role.id, null))
          if (general) expectations[role.id] = general
          for (const pmoType of file.pmoTypes ?? []) {
            const override = cellFor(cells, before?.overrides?.[pmoType.id]?.[role.id], [competency.id, role.id, pmoType.id], spokenFor(role.id, pmoType.id))
            if (override) (overrides[pmoType.id] ??= {})[role.id] = override
          }
        }
        return { id: competency.id, name: competency.name, description: competency.description ?? '', ...(competency.archived ? { archived: true } : {}), expectations, overrides }
      }),
    }
  })
  const checked = validateExchange(file)
  return checked.ok ? { ok: true, framework: checked.framework } : checked
}

/**
 * A cell of the grid's file: what the grid says where it speaks for the cell, else the
 * matrix's. An empty general row keeps a "no level yet" the matrix has, and is no cell otherwise.
 */
function cellFor(
  cells: Map<string, { expectation: ExchangeExpectation }>, before: ExchangeExpectation | undefined, key: string[], spoken: boolean,
): ExchangeExpectation | undefined {
  if (!spoken) return before
  const given = cells.get(key.join('|'))?.expectation
  if (!given) return undefined
  const emptyGeneral = key.length === 2 && given.level === null && (given.note ?? '') === ''
  const beforeEmpty = before !== undefined && before.level === null && (before.note ?? '') === ''
  return emptyGeneral && !beforeEmpty ? undefined : given
}

/** The row's level: a rank, null for none, or undefined when the row is reported. */
function levelOf(row: GridRow, rankOfName: Map<string, number>, nameOfRank: Map<number, string>, currentLevel: number | null, problems: ExchangeProblem[]): number | null | undefined {
  const rankText = row.level.trim()
  const nameText = row.levelName.trim()
  const ranks = [...nameOfRank.keys()]
  const scale = ranks.map((rank) => `${rank} ${nameOfRank.get(rank)}`).join(', ')
  let rank: number | null = null
  if (rankText !== '') {
    rank = /^-?\d+$/.test(rankText) ? Number(rankText) : Number.NaN
    if (!nameOfRank.has(rank)) {
      problems.push({ path: `${row.at}/level`, message: `"${rankText}" is not a level of this framework: use one of ${scale}, or leave it empty` })
      return undefined
    }
  }
  let named: number | null = null
  if (nameText !== '') {
    named = rankOfName.get(sameName(nameText)) ?? null
    if (named === null) {
      problems.push({ path: `${row.at}/level_name`, message: `"${nameText}" is not the name of a level: use one of ${scale}, or leave it empty` })
      return undefined
    }
  }
  if (rank === null || named === null || rank === named) return rank ?? named
  // level_name still names the matrix's level, so the rank is what was edited. The other way
  // round is not taken: a file imported once already looks just like that.
  if (currentLevel === named) return rank
  problems.push({ path: `${row.at}/level`, message: `is ${rank} (${nameOfRank.get(rank)}) but level_name says "${nameText}": make them agree, or clear one of them` })
  return undefined
}

/**
 * Matches names in one group (roles, PMO types, domains, or one domain's competencies) to the
 * matrix's entities, preferring one that is not archived, and mints ids for new names.
 */
class Matcher<T extends ExchangeNamed> {
  private readonly existing: T[]
  private readonly describe: (name: string, entity: T | undefined) => string
  private readonly taken: Set<string>
  private readonly byName = new Map<string, Built>()
  private readonly order: Built[] = []

  constructor(existing: T[], describe: (name: string, entity: T | undefined) => string, taken?: Set<string>) {
    this.existing = existing
    this.describe = describe
    this.taken = taken ?? new Set(existing.map((entity) => entity.id))
  }

  match(name: string): Built {
    const key = sameName(name)
    const known = this.byName.get(key)
    if (known) return known
    const used = new Set(this.order.map((built) => built.id))
    const candidates = this.existing.filter((entity) => sameName(entity.name) === key && !used.has(entity.id))
    const entity = candidates.find((candidate) => candidate.archived !== true) ?? candidates[0]
    const id = entity?.id ?? readableId(name.trim(), this.taken)
    this.taken.add(id)
    const built: Built = { id, name: entity ? name : name.trim(), description: this.describe(name, entity), mentioned: true }
    this.byName.set(key, built)
    this.order.push(built)
    return built
  }

  wasMentioned(id: string): boolean {
    return this.order.some((built) => built.id === id)
  }

  /**
   * The group in the grid's order, with the matrix's entities it did not mention but keeps
   * (`carry`) each placed after the one it followed in the matrix.
   */
  listed(carry: (entity: T) => boolean): Array<T | (ExchangeNamed & { description: string })> {
    const result: Array<T | (ExchangeNamed & { description: string })> = this.order.map(({ id, name, description }) => ({ id, name, description }))
    const mentioned = new Set(this.order.map((built) => built.id))
    this.existing.forEach((entity, index) => {
      if (mentioned.has(entity.id) || !carry(entity)) return
      let at = 0
      for (let previous = index - 1; previous >= 0; previous--) {
        const found = result.findIndex((item) => item.id === this.existing[previous]!.id)
        if (found >= 0) {
          at = found + 1
          break
        }
      }
      result.splice(at, 0, entity)
    })
    return result
  }
}
