/**
 * Proposals are labelled with the matrix's names as they are now ("Competency × Role") and
 * their levels read with its scale, without the list copying the matrix for every request:
 * read in place while it is loaded, kept until it changes while it is not. On each store: a
 * rename shows in the list whether the matrix was loaded or not when it was made.
 */
import { DocumentName, proposalPaths, type ProposalEnvelope, type ProposalList } from '@studio/contract'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { readMatrix, renameEntity } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { memberCalls } from '../support/member-calls.ts'
import { destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix

describe.each(storeKinds)('proposal labels on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let carl: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []
  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const loaded = () => running.studio.collaboration.hocuspocus.documents.has(matrix)
  const listed = async () => json<ProposalList>(await as(carl, 'GET', `${proposalPaths.list}?status=open`))

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[carl] = (await createMembers(store, [{ name: 'Carl Cellwright', role: 'contributor' }])) as [TestMember]
    running = await startStudio(store)
    cookies[carl.name] = await signIn(running.url, carl.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  it('follows a rename made while the matrix is not loaded, and one made while it is', async () => {
    const snapshot = await running.studio.serverChanges.read(matrix, readMatrix)
    const competency = snapshot.domains[0]!.competencies[0]!
    const role = snapshot.roles[0]!
    await json<ProposalEnvelope>(await as(carl, 'POST', proposalPaths.list, {
      change: { kind: 'cell', competencyId: competency.id, roleId: role.id, level: snapshot.levels.at(-1)!.rank, note: '' }, rationale: 'A step up.',
    }), 201)
    await waitFor(() => !loaded(), 5000, 'the matrix to be unloaded')

    const first = await listed()
    expect(first.proposals.map((proposal) => proposal.targetLabel)).toEqual([`${competency.name} × ${role.name}`])
    expect(first.levels).toEqual(snapshot.levels.map((level) => ({ rank: level.rank, name: level.name })))

    // Renamed by the studio's own change path, which loads the matrix and lets it go again.
    await running.studio.serverChanges.apply(matrix, null, (doc) => renameEntity(doc, 'competency', competency.id, 'Renamed while closed'))
    await waitFor(() => !loaded(), 5000, 'the matrix to be unloaded again')
    expect((await listed()).proposals[0]!.targetLabel).toBe(`Renamed while closed × ${role.name}`)

    // And by a member with the matrix open.
    const editor = await open(carl, matrix)
    renameEntity(editor.document, 'competency', competency.id, 'Renamed while open')
    await waitFor(async () => (await listed()).proposals[0]!.targetLabel === `Renamed while open × ${role.name}`, 5000, 'the label to follow the open matrix')
  })
})
