/**
 * How many documents one socket holds. Hocuspocus multiplexes documents over a socket, and
 * every name a client addresses costs a document in memory (loaded from the store), a
 * connection and its hook state, so one socket asking for thousands of names would make the
 * studio hold thousands of documents. The count is kept from the frames themselves, before
 * Hocuspocus sees them: the first frame for a name opens it, a Close frame (sent by a provider
 * that detaches) gives the place back.
 */
import { MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'

/**
 * At most this many documents open at once on one socket. The web app opens two or three
 * per page (a document, its comments, the meetings index) plus one background send at a
 * time; 32 leaves room for a page that grows, and caps what one socket can make the studio
 * load at 32 documents.
 */
export const maxDocumentsPerSocket = 32

export class SocketDocuments {
  private readonly open = new Set<string>()

  /**
   * Notes the document a client frame is addressed to. False when the frame opens a
   * document this socket has no room for: the caller closes the socket. A frame that does
   * not decode is passed on for Hocuspocus to refuse.
   */
  admit(frame: Uint8Array): boolean {
    let address: string
    let type: number
    try {
      const decoder = decoding.createDecoder(frame)
      address = decoding.readVarString(decoder)
      type = decoding.readVarUint(decoder)
    } catch {
      return true
    }
    if (type === MessageType.CLOSE) {
      this.open.delete(address)
      return true
    }
    if (this.open.has(address)) return true
    if (this.open.size >= maxDocumentsPerSocket) return false
    this.open.add(address)
    return true
  }
}
