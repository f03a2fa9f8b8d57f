/**
 * The history over HTTP (issue 13): list a document's versions, name one, view one, compare
 * two (or one and now), restore one. Whoever may read the document (documentAccess) may list,
 * view and compare; whoever may write it may name and restore. Access is decided in
 * `onRequest`, before the body and query are validated, so an anonymous caller gets 401 and
 * an observer 403, never the field rules. Documents without history (the meetings index,
 * comments:, assessment:) and meetings not in the index are 404: there is no history there.
 */
import {
  CompareQuery, CompareResponse, DocumentName, HistoryDocumentParams, HistoryVersionParams, NameVersionBody, VersionList, VersionResponse, VersionWithContent,
  documentAccess, historyKindOf, meetingIdPattern, type HistoryKind, type Role,
} from '@studio/contract'
import { contentOfState, readMeeting } from '@studio/framework'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireApproved } from '../accounts/authentication.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { HttpError, forbidden, notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { History } from './history.ts'
import type { StoredVersion } from './version-store.ts'

type DocumentParams = { name: string }
type VersionParams = { name: string; id: string }

const noHistory = () => notFound('This document keeps no history. Versions exist for the terms of reference, the competency matrix and each meeting.')
const noVersion = () => notFound('There is no such version. It may have been thinned away; open the list of versions again.')

/** Decides who may use a document's history: throws 401, 403 or 404; returns its kind. */
export async function historyAccess(request: FastifyRequest, serverChanges: ServerChanges, need: 'read' | 'write'): Promise<HistoryKind> {
  const member = requireApproved(request)
  const { name } = request.params as { name: string }
  const kind = historyKindOf(name)
  if (!kind) throw noHistory()
  if (kind === 'meeting') {
    const id = name.slice('meeting:'.length)
    const exists = meetingIdPattern.test(id) && (await serverChanges.read(DocumentName.meetings, (doc) => readMeeting(doc, id) !== null))
    if (!exists) throw notFound('There is no meeting with this id. It may have been removed; check the meetings list.')
  }
  const access = documentAccess(name, member.role as Role, member.id)
  if (access === 'none' || (need === 'write' && access !== 'write')) {
    throw forbidden(need === 'write' ? 'Observers can see the history but cannot name or restore versions.' : 'Your account cannot read this document.')
  }
  return kind
}

/** The version `id` of `document`: 404 when unknown, 400 when it is another document's. */
export async function versionOf(history: History, document: string, id: string, field = 'version'): Promise<StoredVersion & { state: Uint8Array }> {
  const version = await history.find(id)
  if (!version) throw noVersion()
  if (version.document !== document) {
    throw new HttpError(400, 'invalid', `That version belongs to ${version.document}, not ${document}.`, [{ field, message: 'Choose a version of this document.' }])
  }
  return version
}

export function registerHistoryRoutes(app: FastifyInstance, context: { history: History; serverChanges: ServerChanges }): void {
  const { history, serverChanges } = context
  const readers = { onRequest: async (request: FastifyRequest) => void (await historyAccess(request, serverChanges, 'read')) }
  const writers = { onRequest: async (request: FastifyRequest) => void (await historyAccess(request, serverChanges, 'write')) }
  const base = '/api/documents/:name'

  app.get<{ Params: DocumentParams }>(`${base}/versions`, {
    schema: { params: HistoryDocumentParams, response: withErrors({ 200: VersionList }) },
    ...readers,
  }, async (request) => ({ versions: await history.list(request.params.name) }))

  app.post<{ Params: DocumentParams; Body: NameVersionBody }>(`${base}/versions`, {
    schema: { params: HistoryDocumentParams, body: NameVersionBody, response: withErrors({ 201: VersionResponse }) },
    ...writers,
  }, async (request, reply) => {
    const version = await history.capture(request.params.name, 'named', { name: request.body.name })
    return reply.status(201).send({ version: await history.describe(version!) })
  })

  app.get<{ Params: VersionParams }>(`${base}/versions/:id`, {
    schema: { params: HistoryVersionParams, response: withErrors({ 200: VersionWithContent }) },
    ...readers,
  }, async (request) => {
    const { name, id } = request.params
    const version = await history.find(id)
    // Another document's version is simply not one of this document's.
    if (!version || version.document !== name) throw noVersion()
    return { version: await history.describe(version), content: contentOfState(historyKindOf(name)!, version.state) }
  })

  app.get<{ Params: DocumentParams; Querystring: CompareQuery }>(`${base}/compare`, {
    schema: { params: HistoryDocumentParams, querystring: CompareQuery, response: withErrors({ 200: CompareResponse }) },
    ...readers,
  }, async (request) => {
    const { name } = request.params
    const { from, to } = request.query
    const older = await versionOf(history, name, from, 'from')
    const newer = to === 'now' ? 'now' : (await versionOf(history, name, to, 'to')).state
    return history.compare(name, older.state, newer)
  })

  app.post<{ Params: VersionParams }>(`${base}/versions/:id/restore`, {
    schema: { params: HistoryVersionParams, response: withErrors({ 200: VersionResponse }) },
    ...writers,
  }, async (request) => {
    const { name, id } = request.params
    const member = requireApproved(request)
    const version = await history.find(id)
    if (!version || version.document !== name) throw noVersion()
    const before = await history.restore(name, version, member.id)
    return { version: await history.describe(before) }
  })
}
