import starter from '@studio/framework/seed/starter-framework.json' with { type: 'json' }
import { addEntity, importFramework, readMatrix, setArchived, setNote, type ExchangeFramework } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { matrixEntries } from './search-entries.ts'

describe('matrixEntries', () => {
  it('finds names and every note, general or a PMO type\'s, and leaves the document as it was', () => {
    const doc = new Y.Doc()
    importFramework(doc, starter as ExchangeFramework, 'replace')
    const { domains, roles } = readMatrix(doc)
    const competency = domains[0]!.competencies[0]!
    const [role, archivedRole] = [roles[0]!, roles[1]!]
    const pmoType = addEntity(doc, 'pmoType', { name: 'Agile PMO', description: 'Delivery in sprints' })
    setNote(doc, { competencyId: competency.id, roleId: role.id }, 'Reads the   portfolio')
    setNote(doc, { competencyId: competency.id, roleId: role.id, pmoTypeId: pmoType }, 'Reads the backlog')
    setNote(doc, { competencyId: competency.id, roleId: archivedRole.id }, 'Not shown')
    setArchived(doc, 'role', archivedRole.id, true)
    const roots = doc.share.size

    const entries = matrixEntries(doc)

    const titled = (title: string) => entries.filter((entry) => entry.title === `Matrix › ${title}`).map((entry) => entry.body)
    expect(titled(`${competency.name} · ${role.name} (note)`)).toEqual(['Reads the portfolio'])
    expect(titled(`${competency.name} · ${role.name}, Agile PMO (note)`)).toEqual(['Reads the backlog'])
    expect(titled('PMO types › Agile PMO')).toEqual(['Delivery in sprints'])
    expect(titled(`${domains[0]!.name} › ${competency.name}`)).toHaveLength(1)
    expect(titled(`Roles › ${archivedRole.name}`)).toEqual([])
    expect(titled(`${competency.name} · ${archivedRole.name} (note)`)).toEqual([])
    // Reading made no empty note for any cell: the live document is read in place while people edit it.
    expect(doc.share.size).toBe(roots)
  })
})
