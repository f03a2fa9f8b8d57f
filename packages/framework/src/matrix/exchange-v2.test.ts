/**
 * pmo-framework/v2: v1 and v2 files both validate, by their `format`; descriptors must name
 * levels the file defines; a v2 export imports back to the same document; a v1 export leaves
 * out descriptors and references and says so; a v1 import leaves them alone.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { addIndicator, addReference, setSummary } from './descriptor-operations.ts'
import { readDescriptor, readReferences } from './descriptors.ts'
import { validateExchange, type ExchangeFramework } from './exchange-format.ts'
import { importFramework, omittedFromV1, previewImport, toExchange } from './exchange.ts'

const starterFile = () => structuredClone(starter) as ExchangeFramework
const problemsOf = (data: unknown) => {
  const result = validateExchange(data)
  return result.ok ? [] : result.problems
}

function imported(file: ExchangeFramework = starterFile()): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, file, 'replace')
  return doc
}

describe('validateExchange, v1 and v2', () => {
  it('accepts the v2 starter, and the same file as v1 once what v2 adds is taken out', () => {
    expect(problemsOf(starterFile())).toEqual([])
    const v1 = imported()
    expect(problemsOf(toExchange(v1, 'pmo-framework/v1'))).toEqual([])
  })

  it('refuses descriptors and references in a v1 file, saying which format holds them', () => {
    const file = starterFile()
    file.format = 'pmo-framework/v1'
    expect(problemsOf(file)).toContainEqual({ path: '/domains/0/competencies/0/descriptors', message: 'is not part of the pmo-framework/v1 format (set "format": "pmo-framework/v2")' })
  })

  it('reports bad descriptors and references at their paths', () => {
    const file = starterFile()
    const competency = file.domains[0]!.competencies[0]!
    competency.descriptors = { 7: { summary: 'Beyond the scale', indicators: [] }, 2: { summary: 'x'.repeat(1001), indicators: Array.from({ length: 21 }, () => 'Does it') } }
    competency.references = [{ scheme: 'SFIA 9', relation: 'equal' as never, uri: 'javascript:alert(1)' }, { scheme: '', relation: 'exact' }]
    const paths = problemsOf(file).map((problem) => `${problem.path} ${problem.message}`)
    expect(paths).toEqual(expect.arrayContaining([
      '/domains/0/competencies/0/descriptors/2/summary must NOT have more than 1000 characters',
      '/domains/0/competencies/0/descriptors/2/indicators must NOT have more than 20 items',
      '/domains/0/competencies/0/references/0/relation must be equal to one of the allowed values',
      '/domains/0/competencies/0/references/0/uri must be an http:// or https:// address',
      '/domains/0/competencies/0/references/1/scheme must NOT have fewer than 1 characters',
    ]))
    const fixed = starterFile()
    fixed.domains[0]!.competencies[0]!.descriptors = { 7: { summary: 'Beyond the scale', indicators: [] } }
    expect(problemsOf(fixed)).toEqual([{ path: '/domains/0/competencies/0/descriptors/7', message: 'describes level 7, which is not in levels' }])
  })
})

describe('the v2 round trip', () => {
  it('exports descriptors and references and imports them back into the same document', () => {
    const doc = imported()
    setSummary(doc, 'estimating', 3, 'Estimates work on their own, with ranges.')
    addIndicator(doc, 'estimating', 3, 'Gives a range, not a single figure.')
    addIndicator(doc, 'estimating', 3, 'States the assumptions behind each estimate.', 0)
    addReference(doc, 'estimating', { scheme: 'APM', title: 'Estimating', uri: 'https://www.apm.org.uk/', relation: 'related' })
    const exported = toExchange(doc)
    expect(exported.format).toBe('pmo-framework/v2')
    expect(validateExchange(exported).ok).toBe(true)
    const estimating = exported.domains[1]!.competencies.find((competency) => competency.id === 'estimating')!
    expect(estimating.descriptors).toEqual({ 3: { summary: 'Estimates work on their own, with ranges.', indicators: ['States the assumptions behind each estimate.', 'Gives a range, not a single figure.'] } })
    expect(estimating.references).toEqual([{ scheme: 'APM', title: 'Estimating', uri: 'https://www.apm.org.uk/', relation: 'related' }])
    const again = imported(exported)
    expect(toExchange(again)).toEqual(exported)
    expect(readDescriptor(again, 'estimating', 3).indicators.map((indicator) => indicator.text)).toEqual(estimating.descriptors![3]!.indicators)
  })

  it('previews descriptors and references by count, and an import that changes nothing counts them unchanged', () => {
    const doc = imported()
    const file = toExchange(doc)
    file.domains[0]!.competencies[0]!.descriptors![3]!.summary = 'Rewritten'
    delete file.domains[0]!.competencies[1]!.references
    const replace = previewImport(doc, file, 'replace').counts
    expect(replace.descriptors).toMatchObject({ changed: 1, unchanged: 19 })
    expect(replace.references).toMatchObject({ cleared: 1, unchanged: 2 })
    const merge = previewImport(doc, file, 'merge').counts
    expect(merge.descriptors).toMatchObject({ kept: 1, unchanged: 19, changed: 0 })
    expect(merge.references).toMatchObject({ cleared: 0, unchanged: 2 })
    expect(previewImport(doc, toExchange(doc), 'replace').counts.descriptors).toMatchObject({ added: 0, changed: 0, cleared: 0, unchanged: 20 })
  })
})

describe('v1 beside v2', () => {
  it('a v1 export leaves out descriptors and references and names them', () => {
    const doc = imported()
    const v1 = toExchange(doc, 'pmo-framework/v1')
    expect(v1.format).toBe('pmo-framework/v1')
    expect(JSON.stringify(v1)).not.toMatch(/descriptors|references/)
    expect(omittedFromV1(toExchange(doc))).toEqual(['descriptors', 'references'])
    expect(omittedFromV1(toExchange(new Y.Doc()))).toEqual([])
  })

  it('a v1 import, even a replace, leaves descriptors and references as they are', () => {
    const doc = imported()
    const v1 = toExchange(doc, 'pmo-framework/v1')
    v1.domains[0]!.competencies[0]!.name = 'Renamed'
    importFramework(doc, v1, 'replace')
    expect(readDescriptor(doc, 'governance-support', 3).summary).toMatch(/^Runs the governance cycle/)
    expect(readReferences(doc, 'governance-support')).toHaveLength(1)
  })
})
