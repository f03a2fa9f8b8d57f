/** The re-check's verdicts against a real SQLite store: which sockets close, and with which code. */
import { CloseCode, type Role } from '@studio/contract'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertMember } from '../store/members-repository.ts'
import { createSession, deleteSession, replaceSessionToken } from '../sessions/sessions.ts'
import { openStore, type Store } from '../store/database.ts'
import { MemberConnections } from './member-connections.ts'
import { recheckSockets } from './socket-recheck.ts'

const policy = { idleDays: 14, maxDays: 60 }
let dataDir: string
let store: Store

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'socket-recheck-'))
  store = await openStore({ dataDir, databaseUrl: null })
})
afterEach(async () => {
  await store.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** A socket that remembers how it was closed. */
function socket() {
  return { closedWith: null as number | null, close(code?: number) { this.closedWith = code ?? null } }
}

async function memberWithSocket(connections: MemberConnections, name: string, role: Role = 'contributor') {
  const member = await insertMember(store.db, {
    email: `${name}@example.org`, name, role, status: 'approved', passwordHash: 'x', timezone: 'Europe/London', attendance: 'either',
  })
  const token = await createSession(store.db, member.id)
  const open = socket()
  connections.add(open, { member: { id: member.id, name, role }, sessionToken: token })
  return { member, token, socket: open }
}

const recheck = (connections: MemberConnections) => recheckSockets({ db: store.db, connections, sessionPolicy: policy })

describe('recheckSockets', () => {
  it('leaves sockets whose member and session are as they were, and closes each that changed with its code', async () => {
    const connections = new MemberConnections()
    const unchanged = await memberWithSocket(connections, 'una')
    const suspended = await memberWithSocket(connections, 'sam')
    const demoted = await memberWithSocket(connections, 'dee')
    const signedOut = await memberWithSocket(connections, 'sid')
    const idle = await memberWithSocket(connections, 'ida')
    const tooOld = await memberWithSocket(connections, 'ola')

    // Suspension deletes the sessions too: the member's status decides the code.
    await store.db.updateTable('members').set({ status: 'suspended' }).where('id', '=', suspended.member.id).execute()
    await store.db.deleteFrom('sessions').where('member_id', '=', suspended.member.id).execute()
    await store.db.updateTable('members').set({ role: 'observer' }).where('id', '=', demoted.member.id).execute()
    await deleteSession(store.db, signedOut.token)
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
    await store.db.updateTable('sessions').set({ last_seen_at: daysAgo(15) }).where('member_id', '=', idle.member.id).execute()
    await store.db.updateTable('sessions').set({ created_at: daysAgo(61) }).where('member_id', '=', tooOld.member.id).execute()

    expect(await recheck(connections)).toBe(5)
    expect([unchanged, suspended, demoted, signedOut, idle, tooOld].map((m) => m.socket.closedWith)).toEqual([
      null, CloseCode.AccessRevoked, CloseCode.RoleChanged, CloseCode.SessionExpired, CloseCode.SessionExpired, CloseCode.SessionExpired,
    ])
    expect(connections.size).toBe(1)
    expect(await recheck(connections)).toBe(0)
  })

  it('keeps the socket of a member who renamed themselves, and vouches for the new name from then on', async () => {
    const connections = new MemberConnections()
    const ren = await memberWithSocket(connections, 'ren')
    await store.db.updateTable('members').set({ name: 'Renée' }).where('id', '=', ren.member.id).execute()

    expect(await recheck(connections)).toBe(0)
    expect(ren.socket.closedWith).toBeNull()
    expect(connections.contexts().map((context) => context.member.name)).toEqual(['Renée'])
  })

  it('keeps a socket opened with a token that was since replaced, until the session it lives on in is signed out', async () => {
    const connections = new MemberConnections()
    const rae = await memberWithSocket(connections, 'rae')
    await store.db.updateTable('sessions').set({ rotate: 1 }).where('member_id', '=', rae.member.id).execute()
    const successor = await replaceSessionToken(store.db, rae.token)
    // Past the replaced token's grace period: the old token no longer answers HTTP requests.
    await store.db.updateTable('sessions').set({ replaced_at: new Date(Date.now() - 60 * 60 * 1000).toISOString() }).where('member_id', '=', rae.member.id).where('replaced_at', 'is not', null).execute()

    expect(await recheck(connections)).toBe(0)
    await deleteSession(store.db, successor!)
    expect(await recheck(connections)).toBe(1)
    expect(rae.socket.closedWith).toBe(CloseCode.SessionExpired)
  })
})
