/**
 * Consultation rounds over real HTTP, a real SMTP server and real providers, on each store
 * (issue 16, point 2, and the `reviewed` credits of point 4): who may open, change and read
 * rounds and give dispositions (organiser, contributor, observer, pending, stranger, outside
 * reviewer); validation; the pinned snapshot cut to its scope; inviting members and outside
 * reviewers by mail and setting up a reviewer account from the link; comments only while the
 * round is open on the studio's clock; dispositions; the reports' content and escaping; and
 * the reviewer account's reach: every route of the OpenAPI document outside the rounds
 * answers it as it answers a stranger, and the collaboration socket refuses it.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import {
  DocumentName, reviewerCookieName, roundPaths, type AuditEntry, type ReviewerInvite, type ReviewerResponse, type Round, type RoundComment,
  type RoundCommentList, type RoundList, type RoundResponse, type RoundSnapshotResponse,
} from '@studio/contract'
import { readMatrix, setLevel } from '@studio/framework'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberCalls } from '../support/member-calls.ts'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { destroyProvider } from '../support/providers.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const hostile = '<script>alert(1)</script> & [link](javascript:alert(2))'
const hour = 60 * 60 * 1000
const outsideEmail = 'rita.reviewer@outside.example'
const reviewerPassword = 'a reviewer password long enough'

/** The routes an outside reviewer may use (OpenAPI paths), all of them reading their own rounds or account. */
const reviewerRoutes = new Set([
  'GET /api/rounds', 'GET /api/rounds/{id}', 'GET /api/rounds/{id}/snapshot', 'GET /api/rounds/{id}/comments', 'POST /api/rounds/{id}/comments',
  'GET /api/rounds/{id}/dispositions.md', 'GET /api/rounds/{id}/dispositions.html', 'GET /api/rounds/{id}/dispositions.csv',
  'GET /api/review/me', 'PATCH /api/review/me', 'POST /api/review/session', 'DELETE /api/review/session',
  'GET /api/review/invites/{token}', 'POST /api/review/invites/{token}',
])

function upgradeStatus(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/collab`, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin: url, cookie },
    })
    request.on('response', (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.length))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }))
    })
    request.on('upgrade', (response, socket) => {
      socket.destroy()
      resolve({ status: response.statusCode ?? 0, bytes: -1 })
    })
    request.on('error', reject)
    request.end()
  })
}

describe.each(storeKinds)('consultation rounds on %s', (kind) => {
  let store: StoreTarget
  let sink: SmtpSink
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, oscar: TestMember, mia: TestMember, pat: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []
  const startedAt = Date.now()
  let clock = new Date(startedAt)
  let reviewerCookie = ''

  beforeAll(async () => {
    sink = await startSmtpSink()
    store = await freshStore(kind)
    ;[olga, carl, oscar, mia, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Mia Member Reviewer', role: 'contributor' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store, { SMTP_URL: sink.url, LOG_LEVEL: 'error' }, { now: () => clock })
    for (const member of [olga, carl, oscar, mia, pat]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await sink?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const asReviewer = (method: string, path: string, body?: unknown) => call(running, method, path, { cookie: reviewerCookie, ...(body === undefined ? {} : { body }) })
  const audit = async () => (await json<{ entries: AuditEntry[] }>(await as(olga, 'GET', '/api/audit'))).entries

  let round: Round
  let other: Round
  let domainId: string, roleId: string, competencyId: string, outOfScopeCompetencyId: string
  let passage: string

  it('lets only organisers open a round, says what to fix, and pins the text it reviews', async () => {
    const matrix = readMatrix((await open(olga, DocumentName.competencyMatrix)).document)
    domainId = matrix.domains[0]!.id
    roleId = matrix.roles[0]!.id
    competencyId = matrix.domains[0]!.competencies[0]!.id
    outOfScopeCompetencyId = matrix.domains[1]!.competencies[0]!.id
    const body = {
      title: `Spring review ${hostile}`,
      scope: { wholeFramework: false, domainIds: [domainId], roleIds: [roleId], terms: true },
      opensAt: new Date(startedAt + hour).toISOString(),
      closesAt: new Date(startedAt + 2 * hour).toISOString(),
    }
    expect((await as(null, 'POST', roundPaths.list, body)).status).toBe(401)
    expect((await as(pat, 'POST', roundPaths.list, body)).status).toBe(403)
    expect((await as(carl, 'POST', roundPaths.list, body)).status).toBe(403)
    expect((await as(oscar, 'POST', roundPaths.list, body)).status).toBe(403)
    expect((await as(null, 'GET', roundPaths.list)).status).toBe(401)
    expect((await as(pat, 'GET', roundPaths.list)).status).toBe(403)

    const backwards = await as(olga, 'POST', roundPaths.list, { ...body, closesAt: body.opensAt })
    expect(backwards.status).toBe(400)
    expect((await errorOf(backwards)).error.field).toBe('closesAt')
    const nothing = await as(olga, 'POST', roundPaths.list, { ...body, scope: { wholeFramework: false, domainIds: [], roleIds: [], terms: false } })
    expect((await errorOf(nothing)).error.field).toBe('scope')
    const untitled = await as(olga, 'POST', roundPaths.list, { ...body, title: '  ' })
    expect((await errorOf(untitled)).error.field).toBe('title')
    const noZone = await as(olga, 'POST', roundPaths.list, { ...body, opensAt: '2026-12-01T09:00' })
    expect((await errorOf(noZone)).error.field).toBe('opensAt')

    round = (await json<RoundResponse>(await as(olga, 'POST', roundPaths.list, body), 201)).round
    expect(round).toMatchObject({ title: body.title, state: 'upcoming', comments: 0, reviewers: [], opensAt: body.opensAt, closesAt: body.closesAt })
    other = (await json<RoundResponse>(await as(olga, 'POST', roundPaths.list, { ...body, title: 'Another round', scope: { wholeFramework: true, domainIds: [], roleIds: [], terms: false } }), 201)).round
    expect((await audit()).filter((entry) => entry.action === 'round-open')).toHaveLength(2)

    // Members see every round, without its reviewers.
    const seen = await json<RoundList>(await as(oscar, 'GET', roundPaths.list))
    expect(seen.rounds.map((one) => one.id)).toEqual([other.id, round.id])
    expect(seen.rounds[0]).not.toHaveProperty('reviewers')

    const { snapshot } = await json<RoundSnapshotResponse>(await as(carl, 'GET', roundPaths.snapshot(round.id)))
    expect(snapshot.domains.map((domain) => domain.id)).toEqual([domainId])
    expect(snapshot.roles.map((role) => role.id)).toEqual([roleId])
    expect(snapshot.domains[0]!.competencies.every((competency) => competency.cells.length === 1)).toBe(true)
    expect(snapshot.terms).toEqual(expect.any(String))
    passage = snapshot.terms!.split(/\n{2,}/).find((part) => part.length > 40 && !part.startsWith('#'))!.slice(0, 40)
    const whole = await json<RoundSnapshotResponse>(await as(carl, 'GET', roundPaths.snapshot(other.id)))
    expect(whole.snapshot.domains.length).toBe(matrix.domains.filter((domain) => !domain.archived).length)
    expect(whole.snapshot.terms).toBeNull()

    // The group goes on editing; the round's text stays as it was pinned.
    const before = snapshot.domains[0]!.competencies.find((competency) => competency.id === competencyId)!.cells[0]!.level
    const byCarl = await open(carl, DocumentName.competencyMatrix)
    const changedTo = before === 1 ? 2 : 1
    setLevel(byCarl.document, { competencyId, roleId }, changedTo)
    await waitFor(async () => (await running.studio.store.db.selectFrom('document_updates').select('id').where('document', '=', DocumentName.competencyMatrix).execute()).length > 0, 5000, 'the edit to be logged')
    const again = await json<RoundSnapshotResponse>(await as(carl, 'GET', roundPaths.snapshot(round.id)))
    expect(again.snapshot.domains[0]!.competencies.find((competency) => competency.id === competencyId)!.cells[0]!.level).toBe(before)
  })

  it('invites a member and an outside reviewer by mail, and refuses what it cannot do', async () => {
    expect((await as(carl, 'POST', roundPaths.reviewers(round.id), { email: outsideEmail })).status).toBe(403)
    expect((await errorOf(await as(olga, 'POST', roundPaths.reviewers(round.id), { email: 'not an address' }))).error.field).toBe('email')
    const pending = await as(olga, 'POST', roundPaths.reviewers(round.id), { email: pat.email })
    expect(pending.status).toBe(409)
    expect((await as(olga, 'POST', roundPaths.reviewers('no-such-round'), { email: outsideEmail })).status).toBe(404)

    await json<RoundResponse>(await as(olga, 'POST', roundPaths.reviewers(round.id), { email: mia.email }), 201)
    const invited = await json<RoundResponse>(await as(olga, 'POST', roundPaths.reviewers(round.id), { email: outsideEmail.toUpperCase() }), 201)
    expect(invited.round.reviewers).toEqual([
      expect.objectContaining({ email: mia.email, kind: 'member', name: mia.name, joined: true }),
      expect.objectContaining({ email: outsideEmail, kind: 'outside', name: null, joined: false }),
    ])
    expect((await audit()).filter((entry) => entry.action === 'round-reviewer')).toHaveLength(2)

    await waitFor(() => sink.received.some((mail) => mail.to.includes(outsideEmail)) && sink.received.some((mail) => mail.to.includes(mia.email)), 10_000, 'both invitations')
    const toMia = sink.received.find((mail) => mail.to.includes(mia.email))!
    expect(toMia.text).toContain(`${running.url}/rounds/${round.id}`)
    const toRita = sink.received.find((mail) => mail.to.includes(outsideEmail))!
    expect(toRita.subject).toContain('Invitation to review')
    const link = /\/review\/join\/([A-Za-z0-9_-]+)/.exec(toRita.text)
    expect(link).not.toBeNull()
    const token = link![1]!

    const invite = await json<ReviewerInvite>(await call(running, 'GET', roundPaths.reviewerInvite(token)))
    expect(invite).toEqual({ email: outsideEmail, rounds: [round.title] })
    const short = await call(running, 'POST', roundPaths.reviewerInvite(token), { body: { name: 'Rita Reviewer', password: 'short' } })
    expect((await errorOf(short)).error.field).toBe('password')
    const accepted = await call(running, 'POST', roundPaths.reviewerInvite(token), { body: { name: 'Rita Reviewer', password: reviewerPassword, credit: 'name' } })
    expect((await json<ReviewerResponse>(accepted)).reviewer).toMatchObject({ name: 'Rita Reviewer', email: outsideEmail, credit: 'name' })
    reviewerCookie = accepted.headers.getSetCookie().find((cookie) => cookie.startsWith(`${reviewerCookieName}=`))!.split(';')[0]!
    expect(accepted.headers.getSetCookie().some((cookie) => cookie.startsWith('studio_session='))).toBe(false)
    // The link works once.
    expect((await call(running, 'GET', roundPaths.reviewerInvite(token))).status).toBe(404)
    expect((await call(running, 'POST', roundPaths.reviewerInvite(token), { body: { name: 'Mallory', password: reviewerPassword } })).status).toBe(404)

    // Signing in again with the password works; a wrong one does not.
    expect((await call(running, 'POST', roundPaths.reviewerSession, { body: { email: outsideEmail, password: 'a wrong password entirely' } })).status).toBe(401)
    expect((await call(running, 'POST', roundPaths.reviewerSession, { body: { email: outsideEmail, password: reviewerPassword } })).status).toBe(200)
  })

  it('shows an outside reviewer only their rounds, without the list of reviewers', async () => {
    const { rounds } = await json<RoundList>(await asReviewer('GET', roundPaths.list))
    expect(rounds.map((one) => one.id)).toEqual([round.id])
    expect(rounds[0]).not.toHaveProperty('reviewers')
    expect((await asReviewer('GET', roundPaths.round(other.id))).status).toBe(404)
    expect((await asReviewer('GET', roundPaths.snapshot(other.id))).status).toBe(404)
    expect((await asReviewer('GET', roundPaths.comments(other.id))).status).toBe(404)
    expect((await asReviewer('GET', roundPaths.report(other.id, 'csv'))).status).toBe(404)
    expect((await asReviewer('GET', roundPaths.snapshot(round.id))).status).toBe(200)
    expect((await asReviewer('GET', '/api/me')).status).toBe(401)
  })

  let ritaOnCell: RoundComment
  it('takes comments only while the round is open on the studio\'s clock, each on something in the snapshot', async () => {
    const onRound = { target: { kind: 'round' }, body: 'A comment too early.' }
    const early = await asReviewer('POST', roundPaths.comments(round.id), onRound)
    expect(early.status).toBe(409)
    expect((await errorOf(early)).error.code).toBe('round-not-open')

    clock = new Date(startedAt + 1.5 * hour)
    ritaOnCell = (await json<{ comment: RoundComment }>(await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'cell', competencyId, roleId }, body: `Too high for a new analyst ${hostile}` }), 201)).comment
    expect(ritaOnCell).toMatchObject({ author: { name: 'Rita Reviewer', kind: 'outside', self: true }, disposition: null })
    await json(await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'passage', quote: passage }, body: '=HYPERLINK("http://evil.example","click")' }), 201)
    await json(await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'competency', competencyId }, body: '+1 to this one, @everyone' }), 201)
    await json(await as(mia, 'POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: 'Overall this reads well.' }), 201)
    await json(await as(oscar, 'POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: 'Observers may comment as well.' }), 201)

    expect((await as(null, 'POST', roundPaths.comments(round.id), onRound)).status).toBe(401)
    expect((await as(pat, 'POST', roundPaths.comments(round.id), onRound)).status).toBe(403)
    expect((await asReviewer('POST', roundPaths.comments(other.id), onRound)).status).toBe(404)
    const outside = await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'competency', competencyId: outOfScopeCompetencyId }, body: 'Out of scope.' })
    expect((await errorOf(outside)).error.field).toBe('target')
    const madeUp = await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'passage', quote: 'words the terms never had' }, body: 'Hm.' })
    expect((await errorOf(madeUp)).error.field).toBe('target')
    const empty = await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: ' ' })
    expect((await errorOf(empty)).error.field).toBe('body')

    const { comments } = await json<RoundCommentList>(await as(carl, 'GET', roundPaths.comments(round.id)))
    expect(comments.map((comment) => comment.author.name)).toEqual(['Rita Reviewer', 'Rita Reviewer', 'Rita Reviewer', mia.name, oscar.name])
    expect(comments[0]!.targetLabel).toContain('×')
    expect(comments[1]!.targetLabel).toContain('Terms of reference')
  })

  it('lets only organisers give dispositions, which everyone who sees the round reads', async () => {
    const disposition = { disposition: 'partly-accepted', response: `Lowered for analysts; kept for leads. ${hostile}` }
    expect((await asReviewer('PUT', roundPaths.disposition(ritaOnCell.id), disposition)).status).toBe(401)
    expect((await as(carl, 'PUT', roundPaths.disposition(ritaOnCell.id), disposition)).status).toBe(403)
    expect((await as(null, 'PUT', roundPaths.disposition(ritaOnCell.id), disposition)).status).toBe(401)
    expect((await errorOf(await as(olga, 'PUT', roundPaths.disposition(ritaOnCell.id), { disposition: 'maybe', response: 'x' }))).error.field).toBe('disposition')
    expect((await errorOf(await as(olga, 'PUT', roundPaths.disposition(ritaOnCell.id), { disposition: 'accepted', response: '' }))).error.field).toBe('response')
    expect((await as(olga, 'PUT', roundPaths.disposition('no-such-comment'), disposition)).status).toBe(404)
    const given = await json<{ comment: RoundComment }>(await as(olga, 'PUT', roundPaths.disposition(ritaOnCell.id), disposition))
    expect(given.comment).toMatchObject({ disposition: 'partly-accepted', response: disposition.response })
    const { comments } = await json<RoundCommentList>(await as(olga, 'GET', roundPaths.comments(round.id)))
    for (const [index, comment] of comments.entries()) {
      if (index === 0) continue
      await json(await as(olga, 'PUT', roundPaths.disposition(comment.id), { disposition: index % 2 ? 'rejected' : 'deferred', response: `Response ${index}.` }))
    }
    expect((await audit()).filter((entry) => entry.action === 'comment-disposition')).toHaveLength(comments.length)

    const byRita = await json<RoundCommentList>(await asReviewer('GET', roundPaths.comments(round.id)))
    expect(byRita.comments[0]).toMatchObject({ disposition: 'partly-accepted', author: { self: true } })
    expect(byRita.comments[3]).toMatchObject({ author: { name: mia.name, self: false } })
    const { round: seen } = await json<RoundResponse>(await as(oscar, 'GET', roundPaths.round(round.id)))
    expect(seen).toMatchObject({ comments: 5, undisposed: 0, state: 'open' })
  })

  it('exports the disposition report as Markdown, HTML and CSV, escaped for each', async () => {
    const md = await asReviewer('GET', roundPaths.report(round.id, 'md'))
    expect(md.status).toBe(200)
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="dispositions-spring-review/)
    const markdown = await md.text()
    expect(markdown).toContain('Partly accepted')
    expect(markdown).toContain('Rita Reviewer')
    expect(markdown).not.toContain('<script>')
    expect(markdown).not.toContain('[link](javascript')

    const html = await as(carl, 'GET', roundPaths.report(round.id, 'html'))
    expect(html.headers.get('content-security-policy')).toBe('sandbox')
    const page = await html.text()
    expect(page).not.toContain('<script>')
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(page).toContain('Deferred')

    const csv = await (await as(olga, 'GET', roundPaths.report(round.id, 'csv'))).text()
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toBe('number,where,author,comment,disposition,response,created_at')
    expect(lines).toHaveLength(6)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(csv).toContain("'+1 to this one")
    expect(csv).not.toMatch(/(^|,)[=+@]/m)
    expect((await as(null, 'GET', roundPaths.report(round.id, 'csv'))).status).toBe(401)
    expect((await as(pat, 'GET', roundPaths.report(round.id, 'md'))).status).toBe(403)
  })

  it('stops taking comments at the closing time, and lets only organisers change a round', async () => {
    clock = new Date(startedAt + 2 * hour)
    const late = await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: 'Too late.' })
    expect(late.status).toBe(409)
    expect((await json<RoundResponse>(await asReviewer('GET', roundPaths.round(round.id)))).round.state).toBe('closed')

    expect((await as(carl, 'PATCH', roundPaths.round(round.id), { title: 'Mine now' })).status).toBe(403)
    expect((await asReviewer('PATCH', roundPaths.round(round.id), { title: 'Mine now' })).status).toBe(401)
    expect((await errorOf(await as(olga, 'PATCH', roundPaths.round(round.id), { closesAt: new Date(startedAt).toISOString() }))).error.field).toBe('closesAt')
    expect((await errorOf(await as(olga, 'PATCH', roundPaths.round(round.id), { scope: { wholeFramework: true } }))).error.message).toContain('Check these fields')
    // Reopened for another hour: comments are taken again.
    const reopened = await json<RoundResponse>(await as(olga, 'PATCH', roundPaths.round(round.id), { closesAt: new Date(startedAt + 3 * hour).toISOString() }))
    expect(reopened.round.state).toBe('open')
    await json(await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: 'One more, while it is open again.' }), 201)
    expect((await audit()).filter((entry) => entry.action === 'round-change')).toHaveLength(1)
  })

  it('answers an outside reviewer on every other route of the contract exactly as a stranger, refusing each protected one', async () => {
    const document = await json<{ paths: Record<string, Record<string, unknown>> }>(await call(running, 'GET', '/api/openapi.json'))
    const walked: string[] = []
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods).map((one) => one.toUpperCase())) {
        const key = `${method} ${path}`
        if (reviewerRoutes.has(key)) continue
        const url = path.replace(/\{id\}/g, round.id).replace(/\{[^}]+\}/g, 'x1234567890')
        const body = method === 'GET' || method === 'DELETE' ? undefined : {}
        const byReviewer = await asReviewer(method, url, body)
        const byStranger = await as(null, method, url, body)
        expect(byReviewer.status, key).toBe(byStranger.status)
        if (path.startsWith('/api/') && byStranger.status < 400 && byStranger.status !== 204) {
          // Public routes (the OpenAPI document, sign-up's and sign-in's own answers) say nothing about the reviewer.
          expect(await byReviewer.text(), key).toBe(await byStranger.text())
        }
        if (/^\/api\/(?!openapi|schema\/|signup|session|setup|confirm|password|unsubscribe|review\/)/.test(path)) {
          expect([401, 403, 404], key).toContain(byReviewer.status)
        }
        walked.push(key)
      }
    }
    expect(walked.length).toBeGreaterThan(60)
    expect(walked).toEqual(expect.arrayContaining(['GET /api/people', 'GET /api/members', 'GET /api/search', 'GET /api/notifications', 'PUT /api/comments/{id}/disposition', 'POST /api/rounds']))
    // The reviewer's token presented as a member's session is nobody's session either.
    const token = reviewerCookie.split('=')[1]!
    expect((await call(running, 'GET', '/api/me', { cookie: `studio_session=${token}` })).status).toBe(401)
  })

  it('refuses an outside reviewer at the collaboration socket, before any document', async () => {
    const token = reviewerCookie.split('=')[1]!
    for (const cookie of [reviewerCookie, `studio_session=${token}`, `${reviewerCookie}; studio_session=${token}`]) {
      const answer = await upgradeStatus(running.url, cookie)
      expect(answer.status, cookie).toBe(401)
    }
    // A member's session still opens documents: the refusal is the reviewer's, not the test's.
    expect((await upgradeStatus(running.url, cookies[carl.name]!)).status).toBe(101)
  })

  it('credits reviewers of a round closed within a release as they chose, outside reviewers included', async () => {
    expect((await json<ReviewerResponse>(await asReviewer('PATCH', roundPaths.reviewerMe, { credit: 'initials' }))).reviewer.credit).toBe('initials')
    expect((await asReviewer('PATCH', roundPaths.reviewerMe, { email: 'x@example.org' })).status).toBe(400)
    await json(await as(oscar, 'PATCH', '/api/me', { credit: 'none' }))
    // Closed now (in real time), then released: the round falls within the release.
    await json(await as(olga, 'PATCH', roundPaths.round(round.id), { opensAt: new Date(Date.now() - 2000).toISOString(), closesAt: new Date(Date.now() - 1000).toISOString() }))
    const { release } = await json<{ release: { slug: string } }>(await as(olga, 'POST', '/api/releases', { versionId: 'now', name: '0.1 consultation draft' }), 201)
    const page = await (await fetch(`${running.url}/framework/${release.slug}`)).text()
    const credits = page.slice(page.indexOf('Reviewed in a consultation round'))
    expect(credits).toContain('R. R.')
    expect(credits).toContain(mia.name)
    expect(credits).not.toContain('Rita Reviewer')
    expect(credits).not.toContain(oscar.name)
  })

  it('takes a reviewer off a round: an outside reviewer loses it, a member keeps reading it, comments and credits stay', async () => {
    const commentsBefore = (await json<RoundCommentList>(await as(olga, 'GET', roundPaths.comments(round.id)))).comments
    expect(commentsBefore.some((comment) => comment.author.kind === 'outside')).toBe(true)
    expect((await as(carl, 'DELETE', roundPaths.reviewer(round.id, outsideEmail))).status).toBe(403)
    expect((await asReviewer('DELETE', roundPaths.reviewer(round.id, outsideEmail))).status).toBe(401)
    const unknown = await as(olga, 'DELETE', roundPaths.reviewer(round.id, 'nobody@outside.example'))
    expect(unknown.status).toBe(404)
    expect((await errorOf(unknown)).error.message).toContain('Nobody was invited to this round with that address')

    // The address as it was typed, in any case, names the invitation.
    const withoutRita = await json<RoundResponse>(await as(olga, 'DELETE', roundPaths.reviewer(round.id, outsideEmail.toUpperCase())))
    expect(withoutRita.round.reviewers?.map((reviewer) => reviewer.email)).toEqual([mia.email])
    expect((await asReviewer('GET', roundPaths.round(round.id))).status).toBe(404)
    expect((await asReviewer('GET', roundPaths.snapshot(round.id))).status).toBe(404)
    expect((await asReviewer('POST', roundPaths.comments(round.id), { target: { kind: 'round' }, body: 'Still here?' })).status).toBe(404)
    expect((await json<RoundList>(await asReviewer('GET', roundPaths.list))).rounds).toEqual([])
    // What she wrote stays, under her name.
    expect((await json<RoundCommentList>(await as(olga, 'GET', roundPaths.comments(round.id)))).comments).toEqual(commentsBefore)
    expect((await as(olga, 'DELETE', roundPaths.reviewer(round.id, outsideEmail))).status).toBe(404)

    // A member taken off still reads the round as a member.
    const withoutMia = await json<RoundResponse>(await as(olga, 'DELETE', roundPaths.reviewer(round.id, mia.email)))
    expect(withoutMia.round.reviewers).toEqual([])
    expect((await as(mia, 'GET', roundPaths.round(round.id))).status).toBe(200)

    // An outside address never set up and invited to nothing else loses its mailed link.
    clock = new Date(Date.now())
    await json(await as(olga, 'PATCH', roundPaths.round(other.id), { opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + hour).toISOString() }))
    const latecomer = 'lee.latecomer@outside.example'
    await json(await as(olga, 'POST', roundPaths.reviewers(other.id), { email: latecomer }), 201)
    await waitFor(() => sink.received.some((mail) => mail.to.includes(latecomer)), 10_000, 'the latecomer\'s invitation')
    const token = /\/review\/join\/([A-Za-z0-9_-]+)/.exec(sink.received.find((mail) => mail.to.includes(latecomer))!.text)![1]!
    expect((await call(running, 'GET', roundPaths.reviewerInvite(token))).status).toBe(200)
    await json(await as(olga, 'DELETE', roundPaths.reviewer(other.id, latecomer)))
    expect((await call(running, 'GET', roundPaths.reviewerInvite(token))).status).toBe(404)
    expect((await call(running, 'POST', roundPaths.reviewerInvite(token), { body: { name: 'Lee', password: reviewerPassword } })).status).toBe(404)

    const removals = (await audit()).filter((entry) => entry.action === 'round-reviewer-removed')
    expect(removals.map((entry) => entry.detail)).toEqual(expect.arrayContaining([
      expect.stringContaining(`${outsideEmail} (outside reviewer) from`), expect.stringContaining(`${mia.email} (member) from`), expect.stringContaining(latecomer),
    ]))
    expect(removals).toHaveLength(3)
  })
})
