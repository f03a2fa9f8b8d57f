/**
 * Self-assessment and gap analysis (issue 17) over real HTTP, real sockets and real
 * providers, on each store: a member's assessment document is theirs alone (organisers
 * included), its model is enforced on the append path (a malformed update is refused: not
 * applied, not logged, not broadcast), levels must be in the release's scale; settings are
 * validated; the gap analysis against a real release honours PMO-type overrides; exports are
 * escaped and spreadsheet-safe; an assessment carries across two real releases with a
 * changed, a new and a removed competency; hard-to-judge feedback becomes a comment, an
 * anonymous one naming nobody anywhere; the organisers' aggregates count only members who
 * share and withhold any figure fewer than 5 contributed to; and no route returns one
 * member's ratings to another.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import {
  anonymousAuthor, assessmentPaths, CloseCode, closeReasons, commentsDocumentName, DocumentName, releasePaths,
  type CarryResponse, type Comment, type ErrorBody, type GapAnalysis, type Insights, type MyAssessment, type Release,
} from '@studio/contract'
import { addEntity, evidenceText, readRatings, renameEntity, setArchived, setEvidence, setIndicatorMet, setLevel, setRating } from '@studio/framework'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { memberCalls } from '../support/member-calls.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix
const refusedReason = closeReasons[CloseCode.ModelViolation]
const evidenceMarker = 'Ran the quarterly gate reviews 7f3a'
const hostileEvidence = `=HYPERLINK("http://evil.example") <script>alert(1)</script> ${evidenceMarker}`

describe.each(storeKinds)('self-assessment on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, dana: TestMember, pat: TestMember
  let sharers: TestMember[]
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []
  let perTest: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    const created = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Dana Discreet', role: 'contributor' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      ...[1, 2, 3, 4].map((n) => ({ name: `Sam Sharer ${n}`, role: 'observer' as const })),
    ])
    ;[olga, carl, dana, pat] = created as [TestMember, TestMember, TestMember, TestMember]
    sharers = created.slice(4)
    // Refusals are logged as warnings; they are what part of this suite is about.
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    for (const member of created) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterEach(() => {
    for (const provider of perTest) destroyProvider(provider)
    perTest = []
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const mine = (member: TestMember) => `assessment:${member.id}`
  const logged = async (document: string, authorId?: string) => {
    let query = running.studio.store.db.selectFrom('document_updates').select((eb) => eb.fn.countAll().as('n')).where('document', '=', document)
    if (authorId) query = query.where('author_id', '=', authorId)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }

  /** A provider on the member's own assessment, synced, with the reasons it was closed for. */
  async function device(member: TestMember): Promise<{ doc: Y.Doc; closes: string[] }> {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[member.name], document: mine(member) })
    perTest.push(provider)
    const closes: string[] = []
    provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason))
    await waitFor(() => provider.isSynced, 10_000, `${member.name} to sync their assessment`)
    return { doc: provider.document, closes }
  }

  async function release(name: string): Promise<Release> {
    return (await json<{ release: Release }>(await as(olga, 'POST', releasePaths.list, { versionId: 'now', name }), 201)).release
  }

  const errorFields = async (response: Response) => ((await response.json()) as ErrorBody).errors.map((error) => error.field)

  let first: Release
  let second: Release

  it("lets nobody but its owner open an assessment, organisers included, over a real socket", async () => {
    await device(carl)
    for (const other of [dana, olga]) {
      const provider = connectProvider({ baseUrl: running.url, cookie: cookies[other.name], document: mine(carl) })
      perTest.push(provider)
      let denied = false
      provider.on('authenticationFailed', () => (denied = true))
      await waitFor(() => denied, 5000, `${other.name} to be refused Carl's assessment`)
      expect(provider.isSynced).toBe(false)
      expect(provider.document.share.size).toBe(0)
    }
  })

  it('has nothing to assess against before a release, then takes the latest release by default', async () => {
    const before = await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))
    expect(before).toMatchObject({ document: mine(carl), release: null, framework: null, releases: [] })
    expect((await as(carl, 'PATCH', assessmentPaths.mine, { share: true })).status).toBe(409)
    expect((await as(carl, 'GET', assessmentPaths.gaps)).status).toBe(409)

    // An override for the project office: an analyst there is expected to reach 5, not 3.
    const editor = await open(olga, matrix)
    setLevel(editor.document, { competencyId: 'governance-support', roleId: 'pmo-analyst', pmoTypeId: 'project-office' }, 5)
    await waitFor(async () => (await logged(matrix, olga.id)) > 0, 5000, 'the override to be logged')
    first = await release('0.1 pilot')

    const after = await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))
    expect(after.release?.id).toBe(first.id)
    expect(after.settings).toEqual({ releaseId: first.id, currentRole: null, pmoType: null, targetRole: null, share: false })
    expect(after.framework?.levels.map((level) => level.rank)).toEqual([0, 1, 2, 3, 4, 5])
    const governance = after.framework!.domains[0]!.competencies.find((entry) => entry.id === 'governance-support')!
    expect(governance.overrides['project-office']).toEqual({ 'pmo-analyst': 5 })
    expect(governance.descriptors.length).toBeGreaterThan(0)
  })

  it('validates settings, refusing strangers first, and saves good ones', async () => {
    expect((await as(null, 'GET', assessmentPaths.mine)).status).toBe(401)
    expect((await as(pat, 'GET', assessmentPaths.mine)).status).toBe(403)
    expect((await as(pat, 'PATCH', assessmentPaths.mine, { nonsense: true })).status).toBe(403)
    expect((await call(running, 'PATCH', assessmentPaths.mine, { cookie: cookies[carl.name], origin: 'http://evil.example', body: { share: true } })).status).toBe(403)

    expect(await errorFields(await as(carl, 'PATCH', assessmentPaths.mine, { share: 'yes', currentRole: 42 }))).toEqual(expect.arrayContaining(['share', 'currentRole']))
    expect((await as(carl, 'PATCH', assessmentPaths.mine, { colour: 'blue' })).status).toBe(400)
    expect(await errorFields(await as(carl, 'PATCH', assessmentPaths.mine, { currentRole: 'astronaut', pmoType: 'space-office' }))).toEqual(['currentRole', 'pmoType'])
    expect((await as(carl, 'PATCH', assessmentPaths.mine, { releaseId: 'no-such-release' })).status).toBe(404)

    const saved = await json<MyAssessment>(await as(carl, 'PATCH', assessmentPaths.mine, {
      currentRole: 'pmo-analyst', pmoType: 'project-office', targetRole: 'pmo-manager', share: true,
    }))
    expect(saved.settings).toEqual({ releaseId: first.id, currentRole: 'pmo-analyst', pmoType: 'project-office', targetRole: 'pmo-manager', share: true })
    expect((await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))).settings).toEqual(saved.settings)
  })

  it("accepts the owner's ratings, which reach their other device and are logged", async () => {
    const laptop = await device(carl)
    const phone = await device(carl)
    const indicator = (await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))).framework!.domains[0]!.competencies[0]!.descriptors[0]!.indicators[0]!
    setRating(laptop.doc, 'governance-support', 3)
    setIndicatorMet(laptop.doc, 'governance-support', indicator.id, true)
    setEvidence(laptop.doc, 'governance-support', hostileEvidence)
    setRating(laptop.doc, 'assurance-and-health-checks', 2)
    setRating(laptop.doc, 'compliance-with-method', 1)
    await waitFor(() => readRatings(phone.doc).get('governance-support')?.evidence === hostileEvidence && readRatings(phone.doc).size === 3, 5000, 'the ratings to reach the other device')
    expect(readRatings(phone.doc).get('governance-support')).toEqual({ level: 3, met: [indicator.id], evidence: hostileEvidence, review: false })
    await waitFor(async () => (await logged(mine(carl), carl.id)) >= 5, 5000, 'the ratings to be logged')
    expect(laptop.closes).toEqual([])
  })

  const refusals: Array<{ name: string; make: (doc: Y.Doc) => void; seen: (doc: Y.Doc) => boolean }> = [
    { name: 'a level outside the release\'s scale', make: (doc) => doc.getMap('levels').set('progress-tracking', 9), seen: (doc) => doc.getMap('levels').has('progress-tracking') },
    { name: 'a level that is text', make: (doc) => doc.getMap('levels').set('progress-tracking', 'three'), seen: (doc) => doc.getMap('levels').has('progress-tracking') },
    { name: 'a tick that is not true or false', make: (doc) => doc.getMap('met').set('progress-tracking|i1', 'yes'), seen: (doc) => doc.getMap('met').has('progress-tracking|i1') },
    { name: 'evidence past 4000 characters', make: (doc) => evidenceText(doc, 'progress-tracking').insert(0, 'x'.repeat(4001)), seen: (doc) => evidenceText(doc, 'progress-tracking').length > 0 },
    { name: 'a type the model does not know', make: (doc) => doc.getArray('ratings').insert(0, ['anything']), seen: (doc) => doc.share.has('ratings') },
    { name: 'a rating that is a map', make: (doc) => doc.getMap('levels').set('progress-tracking', new Y.Map()), seen: (doc) => doc.getMap('levels').has('progress-tracking') },
  ]

  it.each(refusals)('refuses $name: not applied, not logged, not broadcast, and the sender is told why', async ({ make, seen }) => {
    const watcher = await device(carl)
    const sender = await device(carl)
    const before = await logged(mine(carl))
    make(sender.doc)
    await waitFor(() => sender.closes.includes(refusedReason), 5000, 'the sender to be told its update was refused')
    expect(await logged(mine(carl))).toBe(before)
    const live = running.studio.collaboration.hocuspocus.documents.get(mine(carl)) as unknown as Y.Doc | undefined
    if (live) expect(seen(live)).toBe(false)
    // A good edit after it reaches the watcher: the refused one had every chance to arrive and did not.
    const fence = await device(carl)
    setRating(fence.doc, 'dependency-management', 2)
    await waitFor(() => watcher.doc.getMap('levels').get('dependency-management') === 2, 5000, 'the fence edit to reach the watcher')
    expect(seen(watcher.doc)).toBe(false)
    setRating(fence.doc, 'dependency-management', null)
  })

  it('analyses gaps against the release, honouring the PMO type\'s override, with the next level\'s descriptor', async () => {
    const analysis = await json<GapAnalysis>(await as(carl, 'GET', assessmentPaths.gaps))
    const { framework } = await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))
    const governance = framework!.domains[0]!.competencies.find((entry) => entry.id === 'governance-support')!
    const row = analysis.rows.find((entry) => entry.competencyId === 'governance-support')!
    expect(row).toMatchObject({
      ownLevel: 3, currentExpected: 5, currentGap: 2,
      targetExpected: governance.expectations['pmo-manager'], targetGap: governance.expectations['pmo-manager']! - 3,
      indicatorsMet: 1, evidence: hostileEvidence,
    })
    expect(analysis.rows.find((entry) => entry.competencyId === 'progress-tracking')).toMatchObject({ ownLevel: null, currentGap: null, targetGap: null })
    expect(analysis.rows).toHaveLength(framework!.domains.flatMap((domain) => domain.competencies).length)
    expect(analysis.roles).toEqual({ current: { id: 'pmo-analyst', name: expect.any(String) }, target: { id: 'pmo-manager', name: expect.any(String) }, pmoType: { id: 'project-office', name: expect.any(String) } })
    const item = analysis.development.find((entry) => entry.competencyId === 'governance-support')
    const next = governance.descriptors.find((descriptor) => descriptor.rank === 4)!
    expect(item?.nextLevel).toEqual({ rank: 4, name: framework!.levels.find((level) => level.rank === 4)!.name, summary: next.summary, indicators: next.indicators.map((entry) => entry.text) })
    expect(analysis.development.map((entry) => entry.gap)).toEqual([...analysis.development.map((entry) => entry.gap)].sort((a, b) => b - a))
  })

  it('exports the analysis as CSV safe for spreadsheets, escaped printable HTML and JSON', async () => {
    const analysis = await json<GapAnalysis>(await as(carl, 'GET', assessmentPaths.gaps))
    const csv = await as(carl, 'GET', assessmentPaths.exportFile('csv'))
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="self-assessment-0-1-pilot.csv"')
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer())
    expect(csvText.split('\r\n')[0]).toBe('\uFEFFdomain,competency,own_level,current_role_expected,current_role_gap,target_role_expected,target_role_gap,indicators_met,to_review,evidence')
    expect(csvText).toContain(`,"'=HYPERLINK(""http://evil.example"") <script>alert(1)</script> ${evidenceMarker}"`)
    expect(csvText).not.toMatch(/(^|,)=HYPERLINK/m)

    const html = await as(carl, 'GET', assessmentPaths.exportFile('html'))
    expect(html.headers.get('content-security-policy')).toBe('sandbox')
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="self-assessment-0-1-pilot.html"')
    const page = await html.text()
    expect(page).not.toContain('<script>')
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(page).toContain('@media print')
    expect(page).toContain('Carl Contributor')

    const exported = await as(carl, 'GET', assessmentPaths.exportFile('json'))
    expect(exported.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await exported.json()).toEqual(analysis)
  })

  it('carries the assessment to a newer release: kept, changed and flagged, new and blank, removed and listed', async () => {
    const editor = await open(olga, matrix)
    renameEntity(editor.document, 'competency', 'assurance-and-health-checks', 'Assurance reviews and health checks')
    addEntity(editor.document, 'competency', { id: 'benefits-realisation-tracking', name: 'Benefits tracking', domainId: 'governance-and-assurance' })
    setArchived(editor.document, 'competency', 'compliance-with-method', true)
    await waitFor(async () => (await logged(matrix, olga.id)) >= 4, 5000, 'the matrix changes to be logged')
    // Dana opens her assessment before the new release: it stays against the release she opened it on.
    expect((await json<MyAssessment>(await as(dana, 'GET', assessmentPaths.mine))).release?.id).toBe(first.id)
    second = await release('0.2 consultation')
    expect((await json<MyAssessment>(await as(dana, 'GET', assessmentPaths.mine))).release?.id).toBe(first.id)

    // Ratings move by carrying them, never by switching under them.
    expect(await errorFields(await as(carl, 'PATCH', assessmentPaths.mine, { releaseId: second.id }))).toEqual(['releaseId'])
    expect((await as(carl, 'POST', assessmentPaths.carry, { releaseId: 'no-such-release' })).status).toBe(404)
    expect((await as(carl, 'POST', assessmentPaths.carry, {})).status).toBe(400)

    const { report, assessment } = await json<CarryResponse>(await as(carl, 'POST', assessmentPaths.carry, { releaseId: second.id }))
    expect(report.from?.id).toBe(first.id)
    expect(report.to.id).toBe(second.id)
    expect(report.changed).toEqual([{ id: 'assurance-and-health-checks', name: 'Assurance reviews and health checks' }])
    expect(report.added).toEqual([{ id: 'benefits-realisation-tracking', name: 'Benefits tracking' }])
    expect(report.removed).toEqual([{ id: 'compliance-with-method', name: expect.any(String) }])
    expect(report.kept.map((entry) => entry.id)).toContain('governance-support')
    expect(assessment.settings).toMatchObject({ releaseId: second.id, currentRole: 'pmo-analyst', share: true })

    const doc = await device(carl)
    const ratings = readRatings(doc.doc)
    expect(ratings.get('governance-support')).toMatchObject({ level: 3, review: false, evidence: hostileEvidence })
    expect(ratings.get('assurance-and-health-checks')).toMatchObject({ level: 2, review: true })
    expect(ratings.has('benefits-realisation-tracking')).toBe(false)
    const gaps = await json<GapAnalysis>(await as(carl, 'GET', assessmentPaths.gaps))
    expect(gaps.release.id).toBe(second.id)
    expect(gaps.rows.find((row) => row.competencyId === 'assurance-and-health-checks')).toMatchObject({ ownLevel: 2, review: true })
    expect(gaps.rows.find((row) => row.competencyId === 'benefits-realisation-tracking')).toMatchObject({ ownLevel: null })
    expect(gaps.rows.some((row) => row.competencyId === 'compliance-with-method')).toBe(false)

    // Rating it again means it has been looked at.
    setRating(doc.doc, 'assurance-and-health-checks', 3)
    await waitFor(async () => (await json<GapAnalysis>(await as(carl, 'GET', assessmentPaths.gaps))).rows.find((row) => row.competencyId === 'assurance-and-health-checks')?.review === false, 5000, 'the review flag to clear')
  })

  it('turns "hard to judge" into a comment on the competency, an anonymous one naming its author nowhere', async () => {
    expect((await as(carl, 'POST', assessmentPaths.feedback, { competencyId: 'no-such-competency', note: 'x', anonymous: true })).status).toBe(400)
    expect((await as(carl, 'POST', assessmentPaths.feedback, { competencyId: 'capacity-planning', note: '', anonymous: true })).status).toBe(400)
    const signed = await json<{ feedback: { commentId: string } }>(await as(carl, 'POST', assessmentPaths.feedback, { competencyId: 'capacity-planning', note: 'Level 2 and 3 read alike.', anonymous: false }), 201)
    const hidden = await json<{ feedback: { commentId: string } }>(await as(carl, 'POST', assessmentPaths.feedback, { competencyId: 'governance-support', note: 'Which boards count as governance?', anonymous: true }), 201)

    const listing = await as(dana, 'GET', `/api/comments?document=${matrix}`)
    const text = await listing.text()
    const comments = (JSON.parse(text) as { comments: Comment[] }).comments
    expect(comments.find((comment) => comment.id === signed.feedback.commentId)).toMatchObject({ anchor: 'competency:capacity-planning', authorId: carl.id, authorName: carl.name })
    const anonymous = comments.find((comment) => comment.id === hidden.feedback.commentId)!
    expect(anonymous).toMatchObject({ anchor: 'competency:governance-support', authorId: anonymousAuthor.id, authorName: anonymousAuthor.name })
    expect(anonymous.body).toContain('Which boards count as governance?')
    expect(JSON.stringify(anonymous)).not.toContain(carl.id)

    // The live comments document holds it without its author, and its write is logged without one.
    const mirror = await open(dana, commentsDocumentName(matrix))
    await waitFor(() => mirror.document.getMap('comments').has(hidden.feedback.commentId), 5000, 'the comment to be mirrored')
    expect(JSON.stringify(mirror.document.getMap('comments').get(hidden.feedback.commentId))).not.toContain(carl.id)
    expect(JSON.stringify(mirror.document.getMap('comments').get(hidden.feedback.commentId))).not.toContain(carl.name)

    const mineNow = await json<MyAssessment>(await as(carl, 'GET', assessmentPaths.mine))
    expect(mineNow.feedback.map((entry) => [entry.competencyId, entry.anonymous])).toEqual([['capacity-planning', false], ['governance-support', true]])
  })

  it('shows organisers aggregates only from members who share, withholding figures fewer than 5 contributed to', async () => {
    expect((await as(carl, 'GET', assessmentPaths.insights)).status).toBe(403)
    // Dana rates against the same release but does not share: never counted.
    expect((await json<CarryResponse>(await as(dana, 'POST', assessmentPaths.carry, { releaseId: second.id }))).report.to.id).toBe(second.id)
    await json(await as(dana, 'PATCH', assessmentPaths.mine, { currentRole: 'pmo-analyst', share: false }))
    setRating((await device(dana)).doc, 'governance-support', 0)
    await json(await as(dana, 'POST', assessmentPaths.feedback, { competencyId: 'governance-support', note: 'Unclear', anonymous: true }), 201)

    const row = async () => (await json<Insights>(await as(olga, 'GET', assessmentPaths.insights))).competencies.find((entry) => entry.id === 'governance-support' && entry.role === 'pmo-analyst')!
    // Carl (3) and three sharers (1, 2, 3): four contributors, withheld.
    for (const [index, sharer] of sharers.slice(0, 3).entries()) {
      await json(await as(sharer, 'PATCH', assessmentPaths.mine, { currentRole: 'pmo-analyst', share: true }))
      const own = await device(sharer)
      setRating(own.doc, 'governance-support', index + 1)
      await waitFor(async () => (await logged(mine(sharer), sharer.id)) > 0, 5000, 'the rating to be logged')
      await json(await as(sharer, 'POST', assessmentPaths.feedback, { competencyId: 'governance-support', note: 'Hard', anonymous: true }), 201)
    }
    const withheld = await row()
    expect(withheld).toMatchObject({ distribution: null, hardToJudge: null })

    // A fifth sharer: the figures show, and count no one who does not share.
    const fifth = sharers[3]!
    await json(await as(fifth, 'PATCH', assessmentPaths.mine, { currentRole: 'pmo-analyst', share: true }))
    setRating((await device(fifth)).doc, 'governance-support', 3)
    await waitFor(async () => (await logged(mine(fifth), fifth.id)) > 0, 5000, 'the rating to be logged')
    await json(await as(fifth, 'POST', assessmentPaths.feedback, { competencyId: 'governance-support', note: 'Hard too', anonymous: false }), 201)
    const shown = await row()
    expect(shown.distribution).toEqual({ 0: 0, 1: 1, 2: 1, 3: 3, 4: 0, 5: 0 })
    expect(shown.hardToJudge).toBe(5)
    // Another role of the same competency has no contributors: withheld.
    const insights = await json<Insights>(await as(olga, 'GET', assessmentPaths.insights))
    expect(insights.competencies.find((entry) => entry.id === 'governance-support' && entry.role === 'pmo-manager')?.distribution).toBeNull()
    expect(insights.threshold).toBe(5)
  })

  it("answers no route with another member's ratings or evidence, walking every GET in the OpenAPI document", async () => {
    const document = (await (await fetch(`${running.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }
    const paths = Object.entries(document.paths).filter(([, methods]) => 'get' in methods).map(([path]) => path)
    expect(paths).toContain(assessmentPaths.gaps)
    expect(paths).toContain(assessmentPaths.insights)
    const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(/name|document/i.test(name) ? mine(carl) : /release/i.test(name) ? second.slug : carl.id))
    const walked: string[] = []
    for (const member of [dana, olga]) {
      for (const path of paths) {
        for (const url of [fill(path), `${fill(path)}?document=${encodeURIComponent(mine(carl))}&releaseId=${second.id}`]) {
          const response = await fetch(`${running.url}${url}`, { headers: { cookie: cookies[member.name]!, origin: running.origin }, signal: AbortSignal.timeout(10_000) }).catch(() => null)
          if (!response) continue
          const body = Buffer.from(await response.arrayBuffer()).toString('utf8')
          expect(body, `${member.name} GET ${url}`).not.toContain(evidenceMarker)
          expect(body, `${member.name} GET ${url}`).not.toContain('Assurance reviews and health checks","level')
          walked.push(url)
        }
      }
    }
    expect(walked.length).toBeGreaterThan(40)
    // The member's own routes answer with their own assessment only.
    const danasGaps = await json<GapAnalysis>(await as(dana, 'GET', assessmentPaths.gaps))
    expect(danasGaps.rows.find((row) => row.competencyId === 'governance-support')?.ownLevel).toBe(0)
    expect(JSON.stringify(danasGaps)).not.toContain(evidenceMarker)
  })
})
