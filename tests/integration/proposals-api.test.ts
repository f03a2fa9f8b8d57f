/**
 * Proposals with lazy consensus over real HTTP and real providers, on each store (issue 16,
 * point 1): who may read, propose, respond, withdraw and decide; what each refusal says; a
 * proposal nobody objects to is applied at its close through the change path in the
 * proposer's name; an objection sends it to the next meeting's agenda (or to wait for one);
 * a target edited since goes to the meeting too; organisers decide early, each act in the
 * audit log; a passage of the terms is replaced; two instances closing at once settle a
 * proposal once; accepted proposers are credited on the public page. Time is the studio's
 * injectable clock: nothing waits for a close.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import {
  DocumentName, passageAnchor, proposalPaths, releasePaths, type AuditEntry, type NotificationsResponse, type Proposal,
  type ProposalEnvelope, type ProposalList, type Release,
} from '@studio/contract'
import { addMeeting, meetingDocumentName, meetingTextFields, readCompetencies, readDescriptor, readExpectation, readMatrix, richTextField, setLevel } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { memberCalls } from '../support/member-calls.ts'
import { errorOf } from '../support/membership.ts'
import { destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix
const terms = DocumentName.termsOfReference
const hour = 3_600_000
/** A meeting's wall time in London `days` from `from` (an hour either way does not matter here). */
const wallTime = (from: Date, days: number) => new Date(from.getTime() + days * 24 * hour).toISOString().slice(0, 16)

function encodePosition(position: Y.RelativePosition): string {
  return Buffer.from(Y.encodeRelativePosition(position)).toString('base64url')
}

/** The anchor of characters `from` to `to` (exclusive) of `text`, as the web app makes one. */
function anchorOf(text: Y.XmlText, from: number, to: number): string {
  return passageAnchor(encodePosition(Y.createRelativePositionFromTypeIndex(text, from, 0)), encodePosition(Y.createRelativePositionFromTypeIndex(text, to, -1)))
}

function textsOf(fragment: Y.XmlFragment): Y.XmlText[] {
  const found: Y.XmlText[] = []
  const visit = (node: Y.XmlElement | Y.XmlFragment) => node.toArray().forEach((child) => {
    if (child instanceof Y.XmlText) found.push(child)
    else if (child instanceof Y.XmlElement) visit(child)
  })
  visit(fragment)
  return found
}

describe.each(storeKinds)('proposals on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, rae: TestMember, oscar: TestMember, pat: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []
  // A month ago, so that the proposals accepted here fall before a release made now (releases keep real time).
  let clock = new Date(Date.now() - 30 * 24 * hour)
  const now = () => clock
  const later = (hours: number) => (clock = new Date(clock.getTime() + hours * hour))

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[olga, carl, rae, oscar, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Cellwright', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store, {}, { now })
    for (const member of [olga, carl, rae, oscar, pat]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const db = () => running.studio.store.db
  const propose = async (member: TestMember, body: unknown) => (await json<ProposalEnvelope>(await as(member, 'POST', proposalPaths.list, body), 201)).proposal
  const respond = async (member: TestMember, id: string, stance: string, reason = '') =>
    (await json<ProposalEnvelope>(await as(member, 'POST', proposalPaths.responses(id), { stance, reason }))).proposal
  const fetchProposal = async (id: string) => (await json<ProposalEnvelope>(await as(oscar, 'GET', proposalPaths.one(id)))).proposal
  const audit = async () => (await json<{ entries: AuditEntry[] }>(await as(olga, 'GET', '/api/audit'))).entries
  const notificationsOf = async (member: TestMember) => (await json<NotificationsResponse>(await as(member, 'GET', '/api/notifications'))).notifications
  const pass = () => running.studio.app.proposals.runPass()

  let cell: { competencyId: string; roleId: string }
  let otherCell: { competencyId: string; roleId: string }
  let top: number
  let matrixByOlga: HocuspocusProvider

  it('lets every member read, writers propose, and says what to fix', async () => {
    // Olga keeps the matrix open all along, so it stays loaded and its update log is not folded away.
    matrixByOlga = await open(olga, matrix)
    const snapshot = readMatrix(matrixByOlga.document)
    const competency = snapshot.domains[0]!.competencies[0]!
    cell = { competencyId: competency.id, roleId: snapshot.roles[0]!.id }
    otherCell = { competencyId: competency.id, roleId: snapshot.roles[1]!.id }
    top = snapshot.levels.at(-1)!.rank
    const body = { change: { kind: 'cell', ...cell, level: top, note: 'Leads it.' }, rationale: 'Seniors lead this.' }

    expect((await as(null, 'GET', proposalPaths.list)).status).toBe(401)
    expect((await as(pat, 'GET', proposalPaths.list)).status).toBe(403)
    expect((await json<ProposalList>(await as(oscar, 'GET', proposalPaths.list))).proposals).toEqual([])
    expect((await as(null, 'POST', proposalPaths.list, body)).status).toBe(401)
    expect((await as(pat, 'POST', proposalPaths.list, body)).status).toBe(403)
    // Observers respond but do not propose: proposing is writing, which they may not.
    expect((await as(oscar, 'POST', proposalPaths.list, body)).status).toBe(403)
    expect((await as(carl, 'POST', proposalPaths.decision('nothing'), { outcome: 'accept' })).status).toBe(403)
    expect((await as(olga, 'POST', proposalPaths.decision('nothing'), { outcome: 'accept' })).status).toBe(404)
    expect((await as(oscar, 'GET', proposalPaths.one('nothing'))).status).toBe(404)

    const empty = await as(carl, 'POST', proposalPaths.list, { change: { kind: 'cell', competencyId: '', roleId: cell.roleId, level: 'high' }, rationale: ' ' })
    expect(empty.status).toBe(400)
    expect([...new Set((await errorOf(empty)).errors.map((error) => error.field))].sort()).toEqual(['change.competencyId', 'change.level', 'rationale'])
    const noKind = await as(carl, 'POST', proposalPaths.list, { change: { competencyId: cell.competencyId }, rationale: 'Why not.' })
    expect(noKind.status).toBe(400)
    expect((await errorOf(noKind)).error.field).toBe('change.kind')
    const unknown = await as(carl, 'POST', proposalPaths.list, { ...body, change: { ...body.change, roleId: 'no-such-role' } })
    expect(unknown.status).toBe(400)
    expect((await errorOf(unknown)).error.field).toBe('change.roleId')
    const offScale = await as(carl, 'POST', proposalPaths.list, { ...body, change: { ...body.change, level: 99 } })
    expect((await errorOf(offScale)).error).toMatchObject({ field: 'change.level', message: expect.stringContaining('no level 99') })
    const soon = await as(carl, 'POST', proposalPaths.list, { ...body, closesAt: new Date(clock.getTime() + 10 * 60_000).toISOString() })
    expect(soon.status).toBe(400)
    expect((await errorOf(soon)).error.field).toBe('closesAt')
    const nothing = await as(carl, 'POST', proposalPaths.list, { change: { kind: 'competency', competencyId: cell.competencyId }, rationale: 'Hmm.' })
    expect((await errorOf(nothing)).error.field).toBe('change.name')
    expect((await json<ProposalList>(await as(oscar, 'GET', proposalPaths.list))).proposals).toEqual([])
  })

  let accepted: Proposal

  it('accepts a proposal nobody objects to at its close, applying it through the log in the proposer\'s name', async () => {
    const before = readExpectation(matrixByOlga.document, cell)
    const proposal = await propose(carl, { change: { kind: 'cell', ...cell, level: top, note: 'Leads it across the portfolio.' }, rationale: 'Seniors lead this in every office we know.' })
    expect(proposal).toMatchObject({
      kind: 'cell', document: matrix, target: `${cell.competencyId}|${cell.roleId}`, status: 'open', author: { id: carl.id },
      before: { level: before.level, note: before.note }, after: { level: top, note: 'Leads it across the portfolio.' },
      closesAt: new Date(clock.getTime() + 72 * hour).toISOString(),
    })
    expect(proposal.targetLabel).toContain(' × ')
    // With the scale, so a level reads as its name.
    const listed = await json<ProposalList>(await as(oscar, 'GET', proposalPaths.list))
    expect(listed.levels.find((level) => level.rank === top)?.name).toBe(readMatrix(matrixByOlga.document).levels.at(-1)!.name)
    // Everyone hears of it, the proposer aside.
    expect((await notificationsOf(rae)).find((n) => n.kind === 'proposal')).toMatchObject({ link: `/proposals/${proposal.id}`, actor: { id: carl.id } })
    expect((await notificationsOf(carl)).some((n) => n.kind === 'proposal')).toBe(false)

    const objectWithout = await as(rae, 'POST', proposalPaths.responses(proposal.id), { stance: 'object' })
    expect(objectWithout.status).toBe(400)
    expect((await errorOf(objectWithout)).error.field).toBe('reason')
    expect((await as(pat, 'POST', proposalPaths.responses(proposal.id), { stance: 'support' })).status).toBe(403)
    await respond(rae, proposal.id, 'object', 'Not in a project office.')
    // A later response replaces the earlier one.
    await respond(rae, proposal.id, 'support')
    const responded = await respond(oscar, proposal.id, 'abstain')
    expect(responded.tally).toEqual({ support: 1, object: 0, abstain: 1 })

    later(71)
    expect(await pass()).toBe(0)
    expect((await fetchProposal(proposal.id)).status).toBe('open')
    const updatesBefore = await db().selectFrom('document_updates').select('id').where('document', '=', matrix).where('author_id', '=', carl.id).execute()
    expect(updatesBefore).toHaveLength(0)
    later(1)
    expect(await pass()).toBe(1)
    await waitFor(() => readExpectation(matrixByOlga.document, cell).level === top, 5000, 'the accepted level to reach Olga')
    expect(readExpectation(matrixByOlga.document, cell).note).toBe('Leads it across the portfolio.')
    // Logged like any edit, in Carl's name.
    expect(await db().selectFrom('document_updates').select('id').where('document', '=', matrix).where('author_id', '=', carl.id).execute()).not.toHaveLength(0)
    accepted = await fetchProposal(proposal.id)
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: null, outcome: 'Accepted by lazy consensus: nobody objected.', decidedAt: clock.toISOString() })
    expect(accepted.responses.map((response) => [response.member.name, response.stance])).toEqual(expect.arrayContaining([['Rae Remote', 'support'], ['Oscar Observer', 'abstain']]))
    expect((await as(rae, 'POST', proposalPaths.responses(proposal.id), { stance: 'object', reason: 'Too late?' })).status).toBe(409)
    expect(await pass()).toBe(0)
    const decided = await json<ProposalList>(await as(oscar, 'GET', `${proposalPaths.list}?status=decided`))
    expect(decided.proposals.map((p) => p.id)).toEqual([proposal.id])
    expect((await notificationsOf(rae)).find((n) => n.kind === 'proposal-decided')?.text).toContain('was accepted')
  })

  it('sends an objected proposal to wait for a meeting, then onto the agenda of the next one scheduled', async () => {
    const proposal = await propose(carl, { change: { kind: 'cell', ...otherCell, level: null, note: '' }, rationale: 'No level until we agree one.', closesAt: new Date(clock.getTime() + 2 * hour).toISOString() })
    await respond(rae, proposal.id, 'object', 'Every role needs a level.')
    later(2)
    expect(await pass()).toBe(1)
    const waiting = await fetchProposal(proposal.id)
    expect(waiting).toMatchObject({ status: 'awaiting-meeting', meetingId: null })
    expect(waiting.outcome).toContain('Objected to by one member')
    expect((await json<ProposalList>(await as(oscar, 'GET', `${proposalPaths.list}?status=awaiting-meeting`))).proposals.map((p) => p.id)).toEqual([proposal.id])

    // A meeting already past does not count; the next one still to come does.
    const index = await open(olga, DocumentName.meetings)
    addMeeting(index.document, { id: 'last-week', title: 'Last week', start: wallTime(clock, -5), timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
    addMeeting(index.document, { id: 'plenary', title: 'Spring plenary', start: wallTime(clock, 15), timeZone: 'Europe/London', durationMinutes: 240, mode: 'hybrid' })
    await waitFor(async () => (await pass()) === 1, 5000, 'the waiting proposal to join the plenary')
    const placed = await fetchProposal(proposal.id)
    expect(placed).toMatchObject({ status: 'on-agenda', meetingId: 'plenary' })
    expect(placed.outcome).toContain('On the agenda of “Spring plenary”')
    const plenary = await open(olga, meetingDocumentName('plenary'))
    await waitFor(() => plenary.document.getXmlFragment(meetingTextFields.agenda).toString().includes('No level until we agree one.'), 5000, 'the agenda item')
    expect(plenary.document.getXmlFragment(meetingTextFields.agenda).toString()).toContain(`/proposals/${proposal.id}`)
    // The meeting decides, and an organiser records it.
    const rejected = (await json<ProposalEnvelope>(await as(olga, 'POST', proposalPaths.decision(proposal.id), { outcome: 'reject', note: 'The plenary kept a level.' }))).proposal
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: { id: olga.id }, outcome: 'Rejected by an organiser. The plenary kept a level.' })
    expect((await audit())[0]).toMatchObject({ action: 'proposal-decision', actor: { id: olga.id } })
  })

  it('sends a proposal whose cell was edited since to the meeting instead of overwriting the edit', async () => {
    const proposal = await propose(rae, { change: { kind: 'cell', ...otherCell, level: top, note: '' }, rationale: 'Raise it.', closesAt: new Date(clock.getTime() + hour).toISOString() })
    const firstRank = readMatrix(matrixByOlga.document).levels.map((level) => level.rank).find((rank) => rank !== top && rank !== proposal.before.level)!
    setLevel(matrixByOlga.document, otherCell, firstRank)
    await waitFor(async () => (await running.studio.serverChanges.read(matrix, (doc) => readExpectation(doc, otherCell).level)) === firstRank, 5000, 'Olga\'s edit to reach the server')
    later(1)
    expect(await pass()).toBe(1)
    const sent = await fetchProposal(proposal.id)
    expect(sent).toMatchObject({ status: 'on-agenda', meetingId: 'plenary' })
    expect(sent.outcome).toContain('edited since it was proposed')
    expect(readExpectation(matrixByOlga.document, otherCell).level).toBe(firstRank)
  })

  it('lets the proposer or an organiser withdraw, never another member, and keeps each withdrawal in the audit log', async () => {
    const mine = await propose(carl, { change: { kind: 'cell', ...otherCell, level: top, note: 'Mine.' }, rationale: 'Mine to take back.' })
    const rae1 = await propose(rae, { change: { kind: 'cell', ...otherCell, level: top, note: 'Rae.' }, rationale: 'Rae\'s.' })
    expect((await as(carl, 'POST', proposalPaths.withdraw(rae1.id))).status).toBe(403)
    expect((await as(oscar, 'POST', proposalPaths.withdraw(rae1.id))).status).toBe(403)
    expect((await json<ProposalEnvelope>(await as(carl, 'POST', proposalPaths.withdraw(mine.id)))).proposal).toMatchObject({ status: 'withdrawn', outcome: 'Withdrawn by the proposer.' })
    const again = await as(carl, 'POST', proposalPaths.withdraw(mine.id))
    expect(again.status).toBe(409)
    expect((await errorOf(again)).error.message).toContain('withdrawn')
    expect((await json<ProposalEnvelope>(await as(olga, 'POST', proposalPaths.withdraw(rae1.id)))).proposal).toMatchObject({ status: 'withdrawn', decidedBy: { id: olga.id }, outcome: 'Withdrawn by an organiser.' })
    const entries = await audit()
    expect(entries[0]).toMatchObject({ action: 'proposal-withdraw', actor: { id: olga.id } })
    expect(entries[1]).toMatchObject({ action: 'proposal-withdraw', actor: { id: carl.id } })
    expect((await as(rae, 'POST', proposalPaths.responses(rae1.id), { stance: 'support' })).status).toBe(409)
  })

  it('lets an organiser accept a competency proposal early, applying its name and descriptor at once', async () => {
    const competency = readCompetencies(matrixByOlga.document)[1]!
    const proposal = await propose(rae, {
      change: { kind: 'competency', competencyId: competency.id, name: 'Benefits realisation', descriptors: [{ rank: top, summary: 'Sets the benefits approach.', indicators: ['Chairs benefits reviews', 'Coaches sponsors'] }] },
      rationale: 'Clearer name, and the top level needs a descriptor.',
    })
    expect(proposal.before).toMatchObject({ name: competency.name, descriptors: [{ rank: top }] })
    expect((await as(carl, 'POST', proposalPaths.decision(proposal.id), { outcome: 'accept' })).status).toBe(403)
    const wrong = await as(olga, 'POST', proposalPaths.decision(proposal.id), { outcome: 'approve' })
    expect((await errorOf(wrong)).error.field).toBe('outcome')
    const decided = (await json<ProposalEnvelope>(await as(olga, 'POST', proposalPaths.decision(proposal.id), { outcome: 'accept' }))).proposal
    expect(decided).toMatchObject({ status: 'accepted', decidedBy: { id: olga.id }, outcome: 'Accepted by an organiser and applied.' })
    await waitFor(() => readCompetencies(matrixByOlga.document)[1]!.name === 'Benefits realisation', 5000, 'the new name')
    expect(readDescriptor(matrixByOlga.document, competency.id, top)).toMatchObject({ summary: 'Sets the benefits approach.', indicators: [expect.objectContaining({ text: 'Chairs benefits reviews' }), expect.objectContaining({ text: 'Coaches sponsors' })] })
    expect((await audit())[0]).toMatchObject({ action: 'proposal-decision', actor: { id: olga.id }, target: { id: rae.id } })
    expect((await as(olga, 'POST', proposalPaths.decision(proposal.id), { outcome: 'reject' })).status).toBe(409)
    // "Agenda" early: an open proposal goes to the next meeting at once.
    const early = await propose(carl, { change: { kind: 'competency', competencyId: competency.id, description: 'Something to talk over.' }, rationale: 'Talk it over.' })
    expect((await json<ProposalEnvelope>(await as(olga, 'POST', proposalPaths.decision(early.id), { outcome: 'agenda' }))).proposal).toMatchObject({ status: 'on-agenda', meetingId: 'plenary' })
  })

  it('replaces a passage of the terms of reference, showing its old and new words', async () => {
    const termsByCarl = await open(carl, terms)
    const fragment = termsByCarl.document.getXmlFragment(richTextField)
    const [first, second] = textsOf(fragment).filter((text) => text.length > 12)
    const old = first!.toString().replace(/<[^>]+>/g, '').slice(0, 5)
    const across = passageAnchor(anchorOf(first!, 0, 3).split(/[:.]/)[1]!, anchorOf(second!, 0, 3).split(/[:.]/)[2]!)
    const refused = await as(carl, 'POST', proposalPaths.list, { change: { kind: 'passage', anchor: across, text: 'x' }, rationale: 'Both.' })
    expect((await errorOf(refused)).error).toMatchObject({ field: 'change.anchor', message: expect.stringContaining('within one paragraph') })

    const proposal = await propose(carl, { change: { kind: 'passage', anchor: anchorOf(first!, 0, 5), text: 'Plainly,' }, rationale: 'Plainer words.' })
    expect(proposal).toMatchObject({ document: terms, before: { text: old }, after: { text: 'Plainly,' }, targetLabel: 'A passage of the terms of reference' })
    await json<ProposalEnvelope>(await as(olga, 'POST', proposalPaths.decision(proposal.id), { outcome: 'accept' }))
    await waitFor(() => first!.toString().includes('Plainly,'), 5000, 'the replaced words to reach Carl')
    expect(first!.toString()).not.toContain(old)
  })

  it('settles each proposal once when two instances close them at the same moment', async () => {
    const closesAt = new Date(clock.getTime() + hour).toISOString()
    const quiet = await propose(carl, { change: { kind: 'cell', ...cell, level: null, note: 'Back to open.' }, rationale: 'Two instances race.', closesAt })
    const objected = await propose(carl, { change: { kind: 'cell', ...cell, level: top, note: 'Race to the agenda.' }, rationale: 'Race to the agenda.', closesAt })
    await respond(rae, objected.id, 'object', 'Talk first.')
    const other = await startStudio(store, {}, { now })
    try {
      later(1)
      const settled = await Promise.all([pass(), other.studio.app.proposals.runPass(), pass(), other.studio.app.proposals.runPass()])
      expect(settled.reduce((a, b) => a + b, 0)).toBe(2)
      expect((await fetchProposal(quiet.id)).status).toBe('accepted')
      expect((await fetchProposal(objected.id)).status).toBe('on-agenda')
      // One agenda line, whichever instance wrote it (the other instance reads the store, the log included).
      const agenda = await other.studio.serverChanges.read(meetingDocumentName('plenary'), (doc) => doc.getXmlFragment(meetingTextFields.agenda).toString())
      expect(agenda.split(`/proposals/${objected.id}`)).toHaveLength(2)
      const told = (await notificationsOf(rae)).filter((n) => n.kind === 'proposal-decided' && n.link === `/proposals/${quiet.id}`)
      expect(told).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it('credits members whose proposals were accepted within a release', async () => {
    const release = (await json<{ release: Release }>(await as(olga, 'POST', releasePaths.list, { versionId: 'now', name: '0.2 with proposals' }), 201)).release
    const html = await (await fetch(`${running.url}${release.publicPath}`)).text()
    const credits = html.slice(html.indexOf('Proposed changes the group accepted'))
    expect(credits).toContain('Carl Cellwright')
    expect(credits).toContain('Rae Remote')
    expect(accepted.author.id).toBe(carl.id)
  })
})
