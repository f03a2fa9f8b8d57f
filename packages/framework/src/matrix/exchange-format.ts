/**
 * The `pmo-framework/v1` and `/v2` exchange formats (../seed/pmo-framework-v1.schema.json,
 * -v2.schema.json) and their validation: the JSON Schema of the file's `format` through Ajv,
 * then what a schema cannot say (ids unique, expectations naming roles, PMO types and levels
 * that exist, descriptors keyed by ranks of the levels). Every problem is reported with its
 * path, so an organiser can fix the file in one pass. v2 is v1 plus descriptors and references.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import frameworkSchema from '../../seed/pmo-framework-v1.schema.json' with { type: 'json' }
import frameworkSchemaV2 from '../../seed/pmo-framework-v2.schema.json' with { type: 'json' }
import { idPattern } from './ids.ts'

export const exchangeFormat = 'pmo-framework/v1'
/** v2 adds, per competency, descriptors per level and references to other frameworks; v1 files stay valid. */
export const exchangeFormatV2 = 'pmo-framework/v2'
export type ExchangeFormat = typeof exchangeFormat | typeof exchangeFormatV2

export interface ExchangeExpectation {
  level: number | null
  note?: string
}

export interface ExchangeNamed {
  id: string
  name: string
  description?: string
  archived?: boolean
}

/** What a competency looks like at one level: a short summary and observable indicators. */
export interface ExchangeDescriptor {
  summary: string
  indicators: string[]
}

/** How closely a cited item in another framework matches the competency (SKOS-like mapping relations). */
export type ReferenceRelation = 'exact' | 'close' | 'related'

/** A related item in another framework, e.g. `{ scheme: 'SFIA 9', code: 'PROF', relation: 'close' }`. */
export interface ExchangeReference {
  scheme: string
  code?: string
  title?: string
  uri?: string
  relation: ReferenceRelation
}

export interface ExchangeCompetency extends ExchangeNamed {
  expectations: Record<string, ExchangeExpectation>
  overrides?: Record<string, Record<string, ExchangeExpectation>>
  /** v2 only. Key: a level's rank as a string. */
  descriptors?: Record<string, ExchangeDescriptor>
  /** v2 only. */
  references?: ExchangeReference[]
}

export interface ExchangeDomain extends ExchangeNamed {
  competencies: ExchangeCompetency[]
}

export interface ExchangeFramework {
  format: ExchangeFormat
  title: string
  status?: string
  licence?: string
  version?: string
  levels: Array<{ rank: number; name: string; description?: string }>
  roles: ExchangeNamed[]
  pmoTypes?: ExchangeNamed[]
  domains: ExchangeDomain[]
}

export interface ExchangeProblem {
  /** A JSON Pointer into the file, e.g. `/domains/2/competencies/0/expectations/pmo-analyst/level`. */
  path: string
  message: string
}

export type ExchangeValidation = { ok: true; framework: ExchangeFramework } | { ok: false; problems: ExchangeProblem[] }

export { frameworkSchema, frameworkSchemaV2 }

const idPatternSource = idPattern.source
/**
 * Compiled on first use, not at import: Ajv compiles schemas into functions with `new Function`,
 * which the web app's Content Security Policy forbids, and the web app imports this module for
 * the types and helpers beside the validator without ever validating a file.
 */
let validators: Record<ExchangeFormat, ValidateFunction> | undefined
function validatorFor(format: ExchangeFormat): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    validators = { [exchangeFormat]: ajv.compile(frameworkSchema), [exchangeFormatV2]: ajv.compile(frameworkSchemaV2) }
  }
  return validators[format]
}

/** The file's own format when it names one we read; otherwise v1, whose schema then says what `format` must be. */
function formatOf(data: unknown): ExchangeFormat {
  const format = typeof data === 'object' && data !== null ? (data as { format?: unknown }).format : undefined
  return format === exchangeFormatV2 ? exchangeFormatV2 : exchangeFormat
}

export function validateExchange(data: unknown): ExchangeValidation {
  const format = formatOf(data)
  const validateSchema = validatorFor(format)
  if (!validateSchema(data)) {
    // A key that is not an id is reported twice by Ajv (its pattern, then "propertyNames"); the first says it all.
    const problems = (validateSchema.errors ?? []).filter((error) => error.keyword !== 'propertyNames').map((error) => ({
      path: pathOf(error),
      message: describeSchemaError(format, error.keyword, error.message ?? 'is invalid', error.params),
    }))
    return { ok: false, problems: dedupe(problems) }
  }
  const framework = data as unknown as ExchangeFramework
  const problems = crossReferenceProblems(framework)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, framework }
}

/** A JSON Pointer segment (RFC 6901): `~` and `/` inside a key are escaped. */
const segment = (key: unknown) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`

/** An unknown, missing or badly named property is reported at its own path, not at the object holding it. */
function pathOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return error.instancePath + segment(error.params.additionalProperty)
  if (error.keyword === 'required') return error.instancePath + segment(error.params.missingProperty)
  if (error.propertyName !== undefined) return error.instancePath + segment(error.propertyName)
  return error.instancePath
}

const idRule = 'must be an id: up to 64 lowercase letters, digits and hyphens, starting with a letter or digit'

function describeSchemaError(format: ExchangeFormat, keyword: string, message: string, params: Record<string, unknown>): string {
  if (keyword === 'additionalProperties') {
    const needsV2 = format === exchangeFormat && ['descriptors', 'references'].includes(String(params.additionalProperty))
    return `is not part of the ${format} format${needsV2 ? ` (set "format": "${exchangeFormatV2}")` : ''}`
  }
  if (keyword === 'required') return 'is required'
  if (keyword === 'pattern' && params.pattern === idPatternSource) return idRule
  if (keyword === 'pattern' && params.pattern === '^https?://') return 'must be an http:// or https:// address'
  if (keyword === 'pattern' && params.pattern === '^(0|[1-9])$') return 'must be a level\'s rank, 0 to 9'
  if (keyword === 'const') return `must be "${String(params.allowedValue)}" or "${exchangeFormatV2}"`
  return message
}

function crossReferenceProblems(framework: ExchangeFramework): ExchangeProblem[] {
  const problems: ExchangeProblem[] = []
  const ranks = new Set<number>()
  framework.levels.forEach((level, index) => {
    if (ranks.has(level.rank)) problems.push({ path: `/levels/${index}/rank`, message: `repeats rank ${level.rank}` })
    ranks.add(level.rank)
  })
  const roleIds = uniqueIds(framework.roles, '/roles', problems)
  const pmoTypeIds = uniqueIds(framework.pmoTypes ?? [], '/pmoTypes', problems)
  uniqueIds(framework.domains, '/domains', problems)
  const competencyIds = new Set<string>()
  framework.domains.forEach((domain, d) => {
    domain.competencies.forEach((competency, c) => {
      const at = `/domains/${d}/competencies/${c}`
      if (competencyIds.has(competency.id)) problems.push({ path: `${at}/id`, message: `repeats the competency id "${competency.id}"` })
      competencyIds.add(competency.id)
      checkExpectations(competency.expectations, `${at}/expectations`, roleIds, ranks, problems)
      for (const [pmoTypeId, expectations] of Object.entries(competency.overrides ?? {})) {
        const overrideAt = `${at}/overrides/${pmoTypeId}`
        if (!pmoTypeIds.has(pmoTypeId)) problems.push({ path: overrideAt, message: `names a PMO type "${pmoTypeId}" that is not in pmoTypes` })
        checkExpectations(expectations, overrideAt, roleIds, ranks, problems)
      }
      for (const rank of Object.keys(competency.descriptors ?? {})) {
        if (!ranks.has(Number(rank))) problems.push({ path: `${at}/descriptors/${rank}`, message: `describes level ${rank}, which is not in levels` })
      }
    })
  })
  return problems
}

function uniqueIds(items: ExchangeNamed[], at: string, problems: ExchangeProblem[]): Set<string> {
  const ids = new Set<string>()
  items.forEach((item, index) => {
    if (ids.has(item.id)) problems.push({ path: `${at}/${index}/id`, message: `repeats the id "${item.id}"` })
    ids.add(item.id)
  })
  return ids
}

function checkExpectations(
  expectations: Record<string, ExchangeExpectation>, at: string, roleIds: Set<string>, ranks: Set<number>, problems: ExchangeProblem[],
): void {
  for (const [roleId, expectation] of Object.entries(expectations)) {
    if (!roleIds.has(roleId)) problems.push({ path: `${at}/${roleId}`, message: `names a role "${roleId}" that is not in roles` })
    if (expectation.level !== null && !ranks.has(expectation.level)) {
      problems.push({ path: `${at}/${roleId}/level`, message: `is level ${expectation.level}, which is not in levels` })
    }
  }
}

function dedupe(problems: ExchangeProblem[]): ExchangeProblem[] {
  const seen = new Set<string>()
  return problems.filter((problem) => {
    const key = `${problem.path} ${problem.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
