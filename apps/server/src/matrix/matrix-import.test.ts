/**
 * The pure parts of an import: reading the body as JSON, refusing an invalid framework
 * with every path, and the one-line audit summary of a report.
 */
import type { ImportReport } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../http/errors.ts'
import { checkFramework, readFrameworkFile, summariseReport } from './matrix-import.ts'

const lists = () => ({ domains: [] as string[], competencies: [] as string[], roles: [] as string[], pmoTypes: [] as string[] })
const emptyReport = (mode: ImportReport['mode']): ImportReport => ({
  mode, added: lists(), updated: lists(), archived: lists(), restored: lists(), cellsSet: 0, cellsCleared: 0, levelsChanged: [], metaChanged: [],
})

function failure(work: () => unknown): HttpError {
  try {
    work()
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected an HttpError')
}

describe('reading a framework file', () => {
  it('parses UTF-8 JSON and skips a leading byte order mark', () => {
    expect(readFrameworkFile(Buffer.from('\uFEFF{"a":1}', 'utf8'))).toEqual({ a: 1 })
  })

  it('refuses an empty body, bytes that are not UTF-8 and text that is not JSON, each on the field "body"', () => {
    for (const body of [undefined, Buffer.alloc(0), Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from('{"a":')]) {
      const error = failure(() => readFrameworkFile(body))
      expect(error.statusCode).toBe(400)
      expect(error.errors.map((e) => e.field)).toEqual(['body'])
    }
  })

  it('lists every invalid path of a file that is not a pmo-framework/v1 framework', () => {
    const error = failure(() => checkFramework({ format: 'pmo-framework/v1', title: '', levels: [], roles: [], domains: [], extra: 1 }))
    expect(error.statusCode).toBe(400)
    expect(error.errors.map((e) => e.field).sort()).toEqual(['/extra', '/levels', '/roles', '/title'])
  })
})

describe('the audit summary of an import', () => {
  it('says "no changes" when the import changed nothing', () => {
    expect(summariseReport(emptyReport('merge'))).toBe('Merge import: no changes')
  })

  it('counts each kind of change with singular and plural nouns', () => {
    const report = emptyReport('replace')
    report.added.competencies.push('A', 'B')
    report.added.pmoTypes.push('Hub')
    report.archived.roles.push('Old role')
    report.cellsSet = 1
    report.cellsCleared = 3
    report.levelsChanged.push(2, 4)
    report.metaChanged.push('title')
    expect(summariseReport(report)).toBe(
      'Replace import: added 2 competencies, 1 PMO type; archived 1 role; 1 cell set; 3 cells cleared; levels changed: 2, 4; details changed: title',
    )
  })
})
