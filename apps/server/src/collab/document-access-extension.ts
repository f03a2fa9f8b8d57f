/**
 * Authorises every document a connection asks for, by ARCHITECTURE.md's document table
 * (`documentAccess` in the contract). Readers get a read-only connection: Hocuspocus
 * then drops every update they send, and the durable log never sees it.
 */
import { documentAccess } from '@studio/contract'
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { CollabContext } from './websocket-gate.ts'

export class DocumentAccessExtension implements Extension {
  extensionName = 'DocumentAccess'
  // Gatekeepers run first.
  priority = 200

  async onAuthenticate({ documentName, context, connectionConfig }: onAuthenticatePayload<CollabContext>): Promise<void> {
    const access = documentAccess(documentName, context.member.role, context.member.id)
    if (access === 'none') throw { code: 4403, reason: 'permission-denied' }
    connectionConfig.readOnly = access === 'read'
  }
}
