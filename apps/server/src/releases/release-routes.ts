/**
 * Releases over the API (issue 16, point 3): approved members may list them (the group's
 * own public releases, nothing secret); organisers release and withdraw, each an audit log
 * entry. Access is decided before the body is read (`preValidation`), so a stranger hears
 * 401 or 403, never the field rules.
 */
import { CreateReleaseBody, ReleaseIdParams, ReleaseList, ReleaseResponse, releasePaths } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { recordAudit } from '../members/audit.ts'
import { liveReleases, withdrawRelease } from './releases-repository.ts'
import { createRelease, memberNames, toRelease } from './releases.ts'

export function registerReleaseRoutes(app: FastifyInstance): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const { store, history } = app

  routes.get(releasePaths.list, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'The public releases, newest first (withdrawn ones left out). Any approved member.',
      response: withErrors({ 200: ReleaseList }),
    },
  }, async () => {
    const rows = await liveReleases(store.db)
    const names = await memberNames(store, rows.map((row) => row.created_by))
    return { releases: rows.map((row) => toRelease(row, names)) }
  })

  routes.post(releasePaths.list, {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Releases a version of the competency matrix (versionId, or "now" to capture the matrix as it is) with the terms of reference\'s latest version, a name and notes. Organisers only.',
      body: CreateReleaseBody,
      response: withErrors({ 201: ReleaseResponse }),
    },
  }, async (request, reply) => {
    const member = approvedMember(request)
    const row = await createRelease({ store, history }, member.id, request.body)
    return reply.status(201).send({ release: toRelease(row, new Map([[member.id, member.name]])) })
  })

  routes.post('/api/releases/:id/withdraw', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Withdraws a release: it leaves the public page and its address answers 404. Its versions stay in the history. Organisers only.',
      params: ReleaseIdParams,
      response: withErrors({ 200: ReleaseResponse }),
    },
  }, async (request) => {
    const member = approvedMember(request)
    const row = await store.db.selectFrom('releases').selectAll().where('id', '=', request.params.id).where('withdrawn_at', 'is', null).executeTakeFirst()
    if (!row) throw notFound('There is no public release with this id. It may have been withdrawn already; open the list of releases again.')
    const withdrawn = await store.db.transaction().execute(async (trx) => {
      const done = await withdrawRelease(trx, row.id, member.id, new Date().toISOString())
      if (done) await recordAudit(trx, { actorId: member.id, action: 'release-withdraw', detail: `${row.name} (${row.slug})` })
      return done
    })
    if (!withdrawn) throw notFound('There is no public release with this id. It may have been withdrawn already; open the list of releases again.')
    return { release: toRelease(row, await memberNames(store, [row.created_by])) }
  })
}
