/**
 * Catching up over HTTP (issue 14): GET /api/activity, what changed in every document the
 * member may read since they last saw it, with their open actions (the What's new page); and
 * GET /api/documents/:name/last-seen, the same for one document (a page's "since you were
 * here" banner). Access to one document is the history's: readers of it, 404 where there is
 * no history.
 */
import { ActivityResponse, HistoryDocumentParams, LastSeenResponse, type Role } from '@studio/contract'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { historyAccess } from '../history/history-routes.ts'
import { notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Activity } from './activity.ts'

export function registerActivityRoutes(app: FastifyInstance, context: { activity: Activity; serverChanges: ServerChanges }): void {
  const { activity, serverChanges } = context

  app.get('/api/activity', {
    preValidation: approvedOnly(),
    schema: { response: withErrors({ 200: ActivityResponse }) },
  }, async (request) => {
    const member = approvedMember(request)
    return activity.forMember({ id: member.id, role: member.role as Role })
  })

  app.get<{ Params: { name: string } }>('/api/documents/:name/last-seen', {
    onRequest: async (request: FastifyRequest) => void (await historyAccess(request, serverChanges, 'read')),
    schema: { params: HistoryDocumentParams, response: withErrors({ 200: LastSeenResponse }) },
  }, async (request) => {
    const member = approvedMember(request)
    const document = (await activity.trackedDocuments()).find((tracked) => tracked.name === request.params.name)
    if (!document) throw notFound('There is no such document. It may have been removed; check the meetings list.')
    const visit = (await activity.visitsOf(member.id)).get(document.name)
    return { document: await activity.forDocument({ id: member.id, role: member.role as Role }, document, visit) }
  })
}
