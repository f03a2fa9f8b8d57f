/**
 * The backstop behind instant revocation: every few seconds each instance reads the
 * sessions and members behind its live sockets from the store, in one query, and closes
 * the sockets whose access has gone: the session ended or expired (4401), the member is
 * no longer approved (4403), the role changed (4409). Redis pub/sub closes sockets on
 * other instances within milliseconds; this re-check is what makes revocation hold when
 * a message is lost (Redis down, an instance cut off), and what ends a session that
 * simply expires. It also runs at once when Redis comes back (revocation.ts).
 *
 * The same read keeps the name presence vouches for current: a member who renames
 * themselves keeps their sockets, and their next awareness update carries the new name.
 */
import { CloseCode } from '@studio/contract'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { SessionPolicy } from '../sessions/sessions.ts'
import { hashToken } from '../sessions/tokens.ts'
import type { Database } from '../store/schema.ts'
import type { MemberConnections } from './member-connections.ts'
import type { CollabContext } from './websocket-gate.ts'

/** Often enough that a lost revocation takes effect within seconds, rarely enough to cost nothing. */
export const defaultRecheckIntervalMs = 5000

export interface SocketRecheckOptions {
  db: Kysely<Database>
  connections: MemberConnections
  sessionPolicy: SessionPolicy
  log: FastifyBaseLogger
  intervalMs?: number
}

export interface SocketRecheck {
  readonly intervalMs: number
  /** Re-checks now; a call while a check runs is answered by one more check after it. */
  now(): Promise<void>
  stop(): void
}

/** What the store says now about one member, and about the sessions their sockets use. */
interface StoredAccess {
  status: string
  role: string
  name: string
  /** Token hashes of the member's sessions that are still alive. */
  liveSessions: Set<string>
}

const day = 24 * 60 * 60 * 1000

export function startSocketRecheck(options: SocketRecheckOptions): SocketRecheck {
  const intervalMs = options.intervalMs ?? defaultRecheckIntervalMs
  let running: Promise<void> | undefined
  let queued: Promise<void> | undefined

  const checkOnce = async () => {
    try {
      const closed = await recheckSockets(options)
      if (closed > 0) options.log.info({ closed }, 'closed sockets whose access ended, found by the periodic re-check')
    } catch (error) {
      // The store is unreachable: nobody can write without it either, so try again next time.
      options.log.warn({ err: error }, 'could not re-check live sockets against the store')
    }
  }
  const now = (): Promise<void> => {
    if (!running) {
      running = checkOnce().finally(() => (running = undefined))
      return running
    }
    // A check already reading the store may have read it before the change that asked for this one.
    queued ??= running.then(() => {
      queued = undefined
      return now()
    })
    return queued
  }
  // A slow store never piles checks up: a tick while one runs is skipped.
  const timer = setInterval(() => void (running ? undefined : now()), intervalMs)
  timer.unref()
  return { intervalMs, now, stop: () => clearInterval(timer) }
}

/**
 * One pass: reads the store once, closes what must close, refreshes the names of the rest,
 * and returns how many sockets it closed.
 */
export async function recheckSockets(options: Pick<SocketRecheckOptions, 'db' | 'connections' | 'sessionPolicy'>): Promise<number> {
  const contexts = options.connections.contexts()
  if (contexts.length === 0) return 0
  const hashOf = new Map(contexts.map((context) => [context, hashToken(context.sessionToken)]))
  const access = await readAccess(options.db, contexts, [...new Set(hashOf.values())], options.sessionPolicy)
  const verdicts = new Map<CollabContext, CloseCode>()
  for (const context of contexts) {
    const stored = access.get(context.member.id)
    const verdict = verdictFor(context, hashOf.get(context)!, stored)
    if (verdict !== null) verdicts.set(context, verdict)
    else if (stored && stored.name !== context.member.name) context.member.name = stored.name
  }
  let closed = 0
  for (const code of new Set(verdicts.values())) {
    closed += options.connections.closeMatching((context) => verdicts.get(context) === code, code)
  }
  return closed
}

/**
 * Suspension deletes the member's sessions too, so the member's status is read first:
 * a suspended member hears 4403 (do not come back), not 4401 (sign in again).
 */
export function verdictFor(context: CollabContext, sessionHash: string, stored: StoredAccess | undefined): CloseCode | null {
  if (!stored || stored.status !== 'approved') return CloseCode.AccessRevoked
  if (!stored.liveSessions.has(sessionHash)) return CloseCode.SessionExpired
  if (stored.role !== context.member.role) return CloseCode.RoleChanged
  return null
}

/**
 * Members by id, each with the sessions their sockets use. A token swapped for a new one
 * after a role change (sessions.ts) lives on in its successor, the row with the same
 * member and start and no `replaced_at`: the socket opened with the old token stays while
 * that successor lives, and closes when it is signed out or expires.
 */
async function readAccess(db: Kysely<Database>, contexts: CollabContext[], hashes: string[], policy: SessionPolicy): Promise<Map<string, StoredAccess>> {
  const memberIds = [...new Set(contexts.map((context) => context.member.id))]
  const rows = await db
    .selectFrom('members')
    .leftJoin('sessions as own', (join) => join.onRef('own.member_id', '=', 'members.id').on('own.token_hash', 'in', hashes))
    .leftJoin('sessions as head', (join) =>
      join.onRef('head.member_id', '=', 'own.member_id').onRef('head.created_at', '=', 'own.created_at').on('head.replaced_at', 'is', null),
    )
    .select(['members.id', 'members.status', 'members.role', 'members.name', 'own.token_hash as tokenHash', 'head.created_at as startedAt', 'head.last_seen_at as lastSeenAt'])
    .where('members.id', 'in', memberIds)
    .execute()
  const now = Date.now()
  const access = new Map<string, StoredAccess>()
  for (const row of rows) {
    let stored = access.get(row.id)
    if (!stored) access.set(row.id, (stored = { status: row.status, role: row.role, name: row.name, liveSessions: new Set() }))
    if (row.tokenHash && row.startedAt && row.lastSeenAt && !expired(row.startedAt, row.lastSeenAt, now, policy)) {
      stored.liveSessions.add(row.tokenHash)
    }
  }
  return access
}

/** The same idle and absolute expiry as sessions.ts's lookupSession. */
function expired(startedAt: string, lastSeenAt: string, now: number, policy: SessionPolicy): boolean {
  return now - Date.parse(lastSeenAt) > policy.idleDays * day || now - Date.parse(startedAt) > policy.maxDays * day
}
