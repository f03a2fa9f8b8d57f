/**
 * Refuses an update that would break its document's model (packages/framework's model/):
 * a wrong type under a known key, an unknown top-level type, a level outside the scale, a
 * node or mark the editor does not know. It runs before the durable log, so a refused
 * update is never logged, applied or broadcast; the sender's connection to the document is
 * closed with the model-violation reason, and the web app stops rather than resend it.
 */
import { CloseCode, closeReasons } from '@studio/contract'
import { assessmentModel, checkUpdate, documentModelFor, type DocumentModel } from '@studio/framework'
import type { beforeSyncPayload, Extension } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import { markDecoded } from './decoded-updates.ts'
import type { CollabContext } from './websocket-gate.ts'

export class DocumentModelExtension implements Extension {
  extensionName = 'DocumentModel'
  // After the gatekeepers (200), before the durable log (100).
  priority = 150
  private readonly log: FastifyBaseLogger
  private readonly assessmentScale: ((memberId: string) => Promise<ReadonlySet<number>>) | undefined

  /** `assessmentScale`: the ranks of the release a member assesses against, which their assessment's levels must be. */
  constructor(options: { log: FastifyBaseLogger; assessmentScale?: (memberId: string) => Promise<ReadonlySet<number>> }) {
    this.log = options.log
    this.assessmentScale = options.assessmentScale
  }

  private async modelFor(documentName: string): Promise<DocumentModel | undefined> {
    const model = documentModelFor(documentName)
    if (model?.kind !== 'assessment' || !this.assessmentScale) return model
    return assessmentModel(await this.assessmentScale(documentName.slice(documentName.indexOf(':') + 1)))
  }

  async beforeSync({ type, payload, connection, document, documentName, context }: beforeSyncPayload<CollabContext>): Promise<void> {
    if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return
    // Hocuspocus drops a read-only connection's updates unapplied.
    if (connection.readOnly) return
    const model = await this.modelFor(documentName)
    // Fail closed: a document a client may write but which has no model takes no update at
    // all, rather than any shape.
    if (!model) {
      // A client's first sync sends what it has: nothing, which is no change at all.
      if (isEmptyUpdate(payload)) {
        markDecoded(payload)
        return
      }
      this.log.warn({ document: documentName, member: context.member.id }, 'refused an update to a document with no model yet')
      throw { code: CloseCode.ModelViolation, reason: closeReasons[CloseCode.ModelViolation] }
    }
    let verdict
    try {
      verdict = checkUpdate(document as unknown as Y.Doc, payload, model)
    } catch {
      throw { code: CloseCode.MalformedUpdate, reason: closeReasons[CloseCode.MalformedUpdate] }
    }
    if (verdict.ok) {
      markDecoded(payload)
      return
    }
    this.log.warn({ document: documentName, member: context.member.id, reason: verdict.reason }, 'refused an update that breaks the document model')
    throw { code: CloseCode.ModelViolation, reason: closeReasons[CloseCode.ModelViolation] }
  }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update)
    return structs.length === 0 && ds.clients.size === 0
  } catch {
    return false
  }
}
