/**
 * A CASE 1.0 CFPackage checked against the CFPackage JSON Schema (vendored beside this file;
 * where it comes from: case-v1p0-cfpackage-schema.md). The schema is draft-04 style with no
 * `$schema`, which Ajv's default draft reads as it is; it names the OpenAPI formats `int32`
 * and `float`, which only restate `integer` and `number`.
 */
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import casePackageSchema from './case-v1p0-cfpackage-schema.json' with { type: 'json' }
import type { ExchangeProblem } from '../../matrix/exchange-format.ts'
import type { CasePackage } from './case-types.ts'

/** Compiled on first use, as exchange-format.ts's validators are: importing costs nothing. */
let compiled: ValidateFunction | undefined
function packageValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats.default(ajv, ['uri', 'date', 'date-time'])
    ajv.addFormat('int32', true)
    ajv.addFormat('float', true)
    compiled = ajv.compile(casePackageSchema)
  }
  return compiled
}

export { casePackageSchema }

export type CaseValidation = { ok: true; casePackage: CasePackage } | { ok: false; problems: ExchangeProblem[] }

export function validateCasePackage(data: unknown): CaseValidation {
  const validatePackage = packageValidator()
  if (validatePackage(data)) return { ok: true, casePackage: data as unknown as CasePackage }
  return {
    ok: false,
    problems: (validatePackage.errors ?? []).map((error) => ({
      path: error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath,
      message: error.keyword === 'required' ? 'is required by CASE 1.0' : (error.message ?? 'is invalid'),
    })),
  }
}

/** A JSON file that is meant as a CASE package (and not a pmo-framework file): it has a CFDocument. */
export function looksLikeCasePackage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'CFDocument' in data && !('format' in data)
}
