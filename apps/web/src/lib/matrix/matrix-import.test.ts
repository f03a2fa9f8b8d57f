import type { ImportReport } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { describePath, importFileKind, summariseReport } from './matrix-import.ts'

const lists = () => ({ domains: [], competencies: [], roles: [], pmoTypes: [] })

describe('importing a framework file', () => {
  it('knows a JSON, CSV or Excel file by its name, and nothing else', () => {
    expect(importFileKind('pmo-competency-framework.JSON')).toBe('json')
    expect(importFileKind('framework (2).csv')).toBe('csv')
    expect(importFileKind('framework.xlsx')).toBe('xlsx')
    expect(importFileKind('framework.xls')).toBeNull()
    expect(importFileKind('csv')).toBeNull()
  })

  it('summarises the report in sentences', () => {
    const report: ImportReport = {
      mode: 'replace',
      added: { ...lists(), competencies: ['A', 'B'] },
      updated: { ...lists(), roles: ['R'] },
      archived: { ...lists(), domains: ['D'] },
      restored: lists(),
      cellsSet: 12,
      cellsCleared: 1,
      levelsChanged: [3],
      metaChanged: ['title'],
    }
    expect(summariseReport(report)).toEqual([
      'Added 2 competencies.',
      'Updated 1 role.',
      'Archived 1 domain that the file does not list (restore them under "Show archived").',
      'Set 12 cells.',
      'Cleared 1 cell.',
      'Changed the definition of level 3.',
      "Changed the framework's title.",
    ])
    expect(summariseReport({ ...report, added: lists(), updated: lists(), archived: lists(), cellsSet: 0, cellsCleared: 0, levelsChanged: [], metaChanged: [] })).toEqual([
      'Nothing changed: the matrix already holds everything in the file.',
    ])
  })

  it('says how many unreadable entries an import repaired, and how many it left', () => {
    const empty: ImportReport = { mode: 'merge', added: lists(), updated: lists(), archived: lists(), restored: lists(), cellsSet: 0, cellsCleared: 0, levelsChanged: [], metaChanged: [] }
    expect(summariseReport({ ...empty, repaired: ['competencies.c: expected a map, found the text "x"'], leftMalformed: ['meta.title: expected text, found the number 7', 'evil: not part of a competency-matrix document'] })).toEqual([
      'Repaired 1 entry that could not be read.',
      'Left 2 entries that could not be read as they were (an import with Replace repairs them).',
    ])
  })

  it('describes a problem’s place in the file counting from one', () => {
    expect(describePath('/domains/2/competencies/0/expectations/pmo-analyst/level')).toBe('domains › 3 › competencies › 1 › expectations › pmo-analyst › level')
    expect(describePath('')).toBe('The file')
  })
})
