/**
 * Consultation rounds over the API. Organisers open and change rounds, invite and remove
 * reviewers, and give dispositions (`approvedOnly(['organiser'])`, before the body is read;
 * each act an audit log entry). Approved members and the round's outside reviewers read the
 * round, its snapshot, its comments and the disposition report, and comment while it is open
 * (`roundViewersOnly`); a reviewer sees only the rounds they were invited to (404 otherwise).
 */
import {
  AddReviewerBody, CreateRoundBody, ErrorCode, CreateRoundCommentBody, DispositionBody, RoundCommentIdParams, RoundCommentList, RoundCommentResponse,
  RoundIdParams, RoundList, RoundResponse, RoundReviewerParams, RoundSnapshotResponse, UpdateRoundBody, roundPaths,
} from '@studio/contract'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { randomUUID } from 'node:crypto'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { HttpError, notFound } from '../http/errors.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { downloadHeaders, sendHtmlDownload, sendMarkdownDownload } from '../http/text-downloads.ts'
import { recordAudit } from '../members/audit.ts'
import { reportCsv, reportHtml, reportMarkdown, type Report } from './disposition-report.ts'
import { inviteReviewer, removeReviewer } from './reviewer-invites.ts'
import { authorKey, commentAuthors, insertRoundComment, roundCommentRows, toRoundComment } from './round-comments.ts'
import { placeTarget, RoundSnapshots } from './round-snapshot.ts'
import { roundViewer, roundViewersOnly, type RoundViewer } from './round-viewers.ts'
import { openRound, roundFor, roundState, toRounds, utc, visibleRounds, type Clock, type RoundRow } from './rounds.ts'

export function registerRoundRoutes(app: FastifyInstance, now: Clock): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const { store, history } = app
  const viewers = roundViewersOnly(store.db, app.sessionPolicy)
  const snapshots = new RoundSnapshots(history)
  const oneRound = async (row: RoundRow, viewer: RoundViewer) => (await toRounds(store.db, [row], viewer, now()))[0]!

  routes.get(roundPaths.list, {
    preValidation: viewers,
    schema: { summary: 'The consultation rounds, newest first: every round for members, the rounds they were invited to for an outside reviewer.', response: withErrors({ 200: RoundList }) },
  }, async (request) => {
    const viewer = roundViewer(request)
    return { rounds: await toRounds(store.db, await visibleRounds(store.db, viewer), viewer, now()) }
  })

  routes.post(roundPaths.list, {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Opens a consultation round: a title, a scope (the whole framework, or chosen domains and roles, and the terms of reference), opening and closing times. The matrix (and the terms) are pinned as versions now. Organisers only.',
      body: CreateRoundBody,
      response: withErrors({ 201: RoundResponse }),
    },
  }, async (request, reply) => {
    const member = approvedMember(request)
    const row = await openRound({ store, history }, member.id, request.body)
    return reply.status(201).send({ round: await oneRound(row, { kind: 'member', member }) })
  })

  routes.get('/api/rounds/:id', {
    preValidation: viewers,
    schema: { summary: 'One round (its reviewers for organisers).', params: RoundIdParams, response: withErrors({ 200: RoundResponse }) },
  }, async (request) => {
    const viewer = roundViewer(request)
    return { round: await oneRound(await roundFor(store.db, viewer, request.params.id), viewer) }
  })

  routes.patch('/api/rounds/:id', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Changes a round\'s title or times; closing it early is closesAt now. The scope and the pinned text never change. Organisers only.',
      params: RoundIdParams, body: UpdateRoundBody, response: withErrors({ 200: RoundResponse }),
    },
  }, async (request) => {
    const member = approvedMember(request)
    const viewer = { kind: 'member' as const, member }
    const row = await roundFor(store.db, viewer, request.params.id)
    const changed = {
      title: request.body.title ?? row.title,
      opens_at: request.body.opensAt ? utc(request.body.opensAt) : row.opens_at,
      closes_at: request.body.closesAt ? utc(request.body.closesAt) : row.closes_at,
    }
    if (Date.parse(changed.closes_at) <= Date.parse(changed.opens_at)) {
      throw new HttpError(400, ErrorCode.invalid, 'Check these fields: closesAt.', [{ field: 'closesAt', message: 'Choose a closing time after the opening time.' }])
    }
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('rounds').set(changed).where('id', '=', row.id).execute()
      await recordAudit(trx, { actorId: member.id, action: 'round-change', detail: `${changed.title} (${row.id}), ${changed.opens_at} to ${changed.closes_at}` })
    })
    return { round: await oneRound({ ...row, ...changed }, viewer) }
  })

  routes.post('/api/rounds/:id/reviewers', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Invites a reviewer by email: an approved member is told by mail; anyone else gets a reviewer account and a link to set it up, which reads this round and nothing else. Organisers only.',
      params: RoundIdParams, body: AddReviewerBody, response: withErrors({ 201: RoundResponse }),
    },
  }, async (request, reply) => {
    const member = approvedMember(request)
    const viewer = { kind: 'member' as const, member }
    const row = await roundFor(store.db, viewer, request.params.id)
    if (roundState(row, now()) === 'closed') throw new HttpError(409, ErrorCode.conflict, 'This round has closed. Reopen it with a later closing time before inviting reviewers.')
    await inviteReviewer({ store, mailer: app.mailer, publicUrl: app.config.publicUrl }, row, request.body.email, member)
    return reply.status(201).send({ round: await oneRound(row, viewer) })
  })

  routes.delete('/api/rounds/:id/reviewers/:email', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Takes a reviewer off a round, open or closed: an outside reviewer can no longer read or comment on it; a member still reads it as a member. Their comments stay. Organisers only.',
      params: RoundReviewerParams, response: withErrors({ 200: RoundResponse }),
    },
  }, async (request) => {
    const member = approvedMember(request)
    const viewer = { kind: 'member' as const, member }
    const row = await roundFor(store.db, viewer, request.params.id)
    await removeReviewer(store, row, request.params.email, member)
    return { round: await oneRound(row, viewer) }
  })

  routes.get('/api/rounds/:id/snapshot', {
    preValidation: viewers,
    schema: { summary: 'The text under review, as pinned when the round opened and cut to its scope.', params: RoundIdParams, response: withErrors({ 200: RoundSnapshotResponse }) },
  }, async (request) => {
    const viewer = roundViewer(request)
    const row = await roundFor(store.db, viewer, request.params.id)
    return { round: await oneRound(row, viewer), snapshot: await snapshots.get(row) }
  })

  routes.get('/api/rounds/:id/comments', {
    preValidation: viewers,
    schema: { summary: 'The round\'s comments, oldest first, each with its disposition and response.', params: RoundIdParams, response: withErrors({ 200: RoundCommentList }) },
  }, async (request) => {
    const viewer = roundViewer(request)
    const row = await roundFor(store.db, viewer, request.params.id)
    const [snapshot, rows] = await Promise.all([snapshots.get(row), roundCommentRows(store.db, row.id)])
    const authors = await commentAuthors(store.db, rows)
    return { comments: rows.map((comment) => toRoundComment(comment, snapshot, authors, viewer)) }
  })

  routes.post('/api/rounds/:id/comments', {
    preValidation: viewers,
    schema: {
      summary: 'Comments on the round, a competency, a cell or a passage of the terms as the snapshot shows them, while the round is open. Members and the round\'s reviewers.',
      params: RoundIdParams, body: CreateRoundCommentBody, response: withErrors({ 201: RoundCommentResponse }),
    },
  }, async (request, reply) => {
    const viewer = roundViewer(request)
    const row = await roundFor(store.db, viewer, request.params.id)
    const state = roundState(row, now())
    if (state !== 'open') {
      throw new HttpError(409, ErrorCode.roundNotOpen, state === 'upcoming'
        ? `This round opens at ${row.opens_at}. Comment once it is open.`
        : 'This round has closed and takes no more comments. Its dispositions are on the round\'s page.')
    }
    const snapshot = await snapshots.get(row)
    placeTarget(snapshot, request.body.target)
    const comment = {
      id: randomUUID(),
      round_id: row.id,
      member_id: viewer.kind === 'member' ? viewer.member.id : null,
      reviewer_id: viewer.kind === 'reviewer' ? viewer.reviewer.id : null,
      target: JSON.stringify(request.body.target),
      body: request.body.body,
      created_at: now().toISOString(),
      disposition: null,
      response: null,
      disposed_by: null,
      disposed_at: null,
    }
    const stored = await insertRoundComment(store.db, comment)
    const authors = await commentAuthors(store.db, [stored])
    return reply.status(201).send({ comment: toRoundComment(stored, snapshot, authors, viewer) })
  })

  routes.put('/api/comments/:id/disposition', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Gives a round comment its disposition (accepted, partly-accepted, rejected, deferred) and a response, or changes them. Organisers only.',
      params: RoundCommentIdParams, body: DispositionBody, response: withErrors({ 200: RoundCommentResponse }),
    },
  }, async (request) => {
    const member = approvedMember(request)
    const viewer = { kind: 'member' as const, member }
    const comment = await store.db.selectFrom('round_comments').selectAll().where('id', '=', request.params.id).executeTakeFirst()
    if (!comment) throw notFound('There is no round comment with this id. Dispositions are given to comments made in a consultation round.')
    const row = await roundFor(store.db, viewer, comment.round_id)
    const disposed = { disposition: request.body.disposition, response: request.body.response, disposed_by: member.id, disposed_at: now().toISOString() }
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('round_comments').set(disposed).where('id', '=', comment.id).execute()
      await recordAudit(trx, { actorId: member.id, action: 'comment-disposition', detail: `${request.body.disposition} on comment ${comment.id} in ${row.title} (${row.id})` })
    })
    const updated = { ...comment, ...disposed }
    return { comment: toRoundComment(updated, await snapshots.get(row), await commentAuthors(store.db, [updated]), viewer) }
  })

  async function report(request: FastifyRequest, id: string): Promise<{ report: Report; fileName: string }> {
    const viewer = roundViewer(request)
    const row = await roundFor(store.db, viewer, id)
    const [snapshot, rows] = await Promise.all([snapshots.get(row), roundCommentRows(store.db, row.id)])
    const authors = await commentAuthors(store.db, rows)
    const fileName = `dispositions-${row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round'}`
    return {
      fileName,
      report: {
        title: row.title,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        rows: rows.map((comment) => {
          const shown = toRoundComment(comment, snapshot, authors, viewer)
          return {
            number: comment.number,
            where: shown.targetLabel,
            author: authors.get(authorKey(comment))?.credited ?? 'A reviewer',
            comment: comment.body,
            disposition: shown.disposition,
            response: shown.response,
            createdAt: comment.created_at,
          }
        }),
      },
    }
  }

  const reportRoute = (contentType: string, what: string) => ({
    preValidation: viewers,
    schema: { summary: `The round's disposition of comments as ${what}, a download. Authors are named as they chose to be credited.`, params: RoundIdParams, response: withErrors({ 200: download(contentType, `The disposition of comments as ${what}.`) }) },
  })

  routes.get('/api/rounds/:id/dispositions.md', reportRoute('text/markdown', 'Markdown'), async (request, reply) => {
    const { report: made, fileName } = await report(request, request.params.id)
    return sendMarkdownDownload(reply, `${fileName}.md`, reportMarkdown(made))
  })
  routes.get('/api/rounds/:id/dispositions.html', reportRoute('text/html', 'an HTML page (sent with Content-Security-Policy: sandbox)'), async (request, reply) => {
    const { report: made, fileName } = await report(request, request.params.id)
    return sendHtmlDownload(reply, `${fileName}.html`, reportHtml(made))
  })
  routes.get('/api/rounds/:id/dispositions.csv', reportRoute('text/csv', 'CSV (cells that a spreadsheet would run as a formula start with \')'), async (request, reply) => {
    const { report: made, fileName } = await report(request, request.params.id)
    return downloadHeaders(reply, 'text/csv; charset=utf-8; header=present', `${fileName}.csv`).send(reportCsv(made))
  })
}
