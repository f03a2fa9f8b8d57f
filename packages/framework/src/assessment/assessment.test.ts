/**
 * The assessment's pure parts in memory: what counts as a changed competency when carrying,
 * how a carry rewrites the document (ticks following an indicator's words under a new id, a
 * level the new scale lacks cleared), and the gap analysis's expected levels and development list.
 */
import type { AssessableCompetency, AssessableFramework } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRatings, setEvidence, setIndicatorMet, setRating } from './assessment-doc.ts'
import { carryAssessment, planCarry } from './carry.ts'
import { gapAnalysis } from './gaps.ts'

const competency = (id: string, extra: Partial<AssessableCompetency> = {}): AssessableCompetency => ({
  id, name: id, description: '', descriptors: [{ rank: 2, summary: `${id} at 2`, indicators: [{ id: `${id}-i1`, text: `${id} does it` }] }],
  expectations: { analyst: 2, manager: 3 }, overrides: {}, ...extra,
})
const framework = (competencies: AssessableCompetency[], ranks = [0, 1, 2, 3]): AssessableFramework => ({
  title: 'T', levels: ranks.map((rank) => ({ rank, name: `L${rank}`, description: '' })),
  roles: [{ id: 'analyst', name: 'Analyst' }, { id: 'manager', name: 'Manager' }], pmoTypes: [{ id: 'office', name: 'Office' }],
  domains: [{ id: 'd', name: 'Domain', competencies }],
})
const release = { id: 'r', name: 'R', slug: 'r', createdAt: '2026-01-01' }

describe('carrying an assessment', () => {
  it('tells kept, changed (by name, description, summary or indicator words), added and removed apart', () => {
    const before = framework([competency('same'), competency('renamed'), competency('reworded'), competency('gone')])
    const after = framework([
      competency('same'), competency('renamed', { name: 'Renamed' }),
      competency('reworded', { descriptors: [{ rank: 2, summary: 'reworded at 2', indicators: [{ id: 'x', text: 'reworded does it, and more' }] }] }),
      competency('fresh'),
    ])
    const plan = planCarry(before, after)
    expect(plan.kept.map((entry) => entry.id)).toEqual(['same'])
    expect(plan.changed.map((entry) => entry.id)).toEqual(['renamed', 'reworded'])
    expect(plan.added.map((entry) => entry.id)).toEqual(['fresh'])
    expect(plan.removed.map((entry) => entry.id)).toEqual(['gone'])
  })

  it('keeps ratings, flags changed ones, moves ticks to an indicator with the same words and clears a level the new scale lacks', () => {
    const before = framework([competency('same'), competency('changed')])
    const after = framework([
      competency('same', { descriptors: [{ rank: 2, summary: 'same at 2', indicators: [{ id: 'renumbered', text: 'same does it' }] }] }),
      competency('changed', { name: 'Changed' }),
    ], [0, 1, 2])
    const doc = new Y.Doc()
    setRating(doc, 'same', 2)
    setIndicatorMet(doc, 'same', 'same-i1', true)
    setRating(doc, 'changed', 3)
    setEvidence(doc, 'changed', 'Did it')
    const plan = planCarry(before, after)
    expect(plan.kept.map((entry) => entry.id)).toEqual(['same'])
    carryAssessment(doc, before, after, plan)
    const ratings = readRatings(doc)
    expect(ratings.get('same')).toMatchObject({ level: 2, review: false, met: ['renumbered', 'same-i1'] })
    expect(ratings.get('changed')).toMatchObject({ level: null, review: true, evidence: 'Did it' })
  })
})

describe('the gap analysis', () => {
  it('takes the PMO type\'s override, leaves unrated competencies out of the development list and orders it by gap', () => {
    const doc = new Y.Doc()
    setRating(doc, 'a', 0)
    setRating(doc, 'b', 1)
    const analysis = gapAnalysis(
      framework([competency('a', { overrides: { office: { analyst: 3 } } }), competency('b'), competency('c')]),
      release,
      { releaseId: 'r', currentRole: 'analyst', pmoType: 'office', targetRole: 'manager', share: false },
      readRatings(doc),
    )
    expect(analysis.rows.map((row) => [row.competencyId, row.currentExpected, row.currentGap, row.targetGap])).toEqual([['a', 3, 3, 3], ['b', 2, 1, 2], ['c', 2, null, null]])
    expect(analysis.development.map((item) => [item.competencyId, item.gap, item.nextLevel?.rank])).toEqual([['a', 3, 1], ['b', 2, 2]])
    expect(analysis.development[1]!.nextLevel).toEqual({ rank: 2, name: 'L2', summary: 'b at 2', indicators: ['b does it'] })
  })
})
