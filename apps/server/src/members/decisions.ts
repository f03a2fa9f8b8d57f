/**
 * Organisers' decisions about a member: approve, reject, suspend, reinstate, change role.
 * Each is one conditional update plus its audit entry in one transaction; afterwards the
 * member's sessions and sockets follow the new access (a new token, closed sockets), and
 * the applicant is told by mail.
 */
import { CloseCode, ErrorCode, type Role } from '@studio/contract'
import type { Kysely } from 'kysely'
import { findMemberById, type MemberRow } from '../store/members-repository.ts'
import { deleteMemberSessions } from '../sessions/sessions.ts'
import { HttpError, notFound } from '../http/errors.ts'
import type { Store } from '../store/database.ts'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import type { RevocationReach } from '../collab/revocation.ts'
import { recordAudit, type AuditAction } from './audit.ts'
import type { MembershipContext } from './membership-context.ts'

type Status = MemberRow['status']

interface Transition {
  action: AuditAction
  from: Status[]
  /** The new status, or how to find it from the member as they are now. */
  to: Status | ((member: MemberRow) => Status)
  role?: Role
  reason?: string | null
  reasonShared?: boolean
  detail?: string | null | ((member: MemberRow) => string | null)
}

const conflict = (message: string) => new HttpError(409, ErrorCode.notPending, message)

async function applyTransition(store: Store, actor: MemberRow, memberId: string, transition: Transition): Promise<MemberRow> {
  return store.db.transaction().execute(async (trx) => {
    const organisers = transition.to === 'suspended' ? await lockApprovedOrganisers(trx, store.dialect) : undefined
    const member = await findMemberById(trx, memberId)
    if (!member) throw notFound('There is no such member.')
    if (!transition.from.includes(member.status)) {
      throw conflict(`${member.name} is ${member.status}, so they cannot be ${pastTense[transition.action] ?? 'changed'} now.`)
    }
    if (organisers !== undefined && member.role === 'organiser' && member.status === 'approved' && organisers <= 1) {
      throw new HttpError(409, ErrorCode.conflict, 'This is the only organiser. Make someone else an organiser first.')
    }
    const now = new Date().toISOString()
    const status = typeof transition.to === 'function' ? transition.to(member) : transition.to
    const updated = await trx
      .updateTable('members')
      .set({
        status,
        suspended_from: status === 'suspended' ? member.status : null,
        ...(transition.role ? { role: transition.role } : {}),
        ...(transition.reason !== undefined ? { reason: transition.reason, reason_shared: transition.reasonShared ? 1 : 0 } : {}),
        decided_at: status === 'pending' ? null : now,
      })
      .where('id', '=', memberId)
      .where('status', '=', member.status)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw conflict(`${member.name} was changed by someone else just now. Reload and try again.`)
    await recordAudit(trx, { actorId: actor.id, action: transition.action, targetId: memberId, detail: (typeof transition.detail === 'function' ? transition.detail(member) : transition.detail) ?? null })
    return (await findMemberById(trx, memberId))!
  })
}

const pastTense: Partial<Record<AuditAction, string>> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'reinstated',
}

export async function approveMember(context: MembershipContext, actor: MemberRow, memberId: string, role: Role): Promise<MemberRow> {
  const member = await applyTransition(context.store, actor, memberId, { action: 'approve', from: ['pending'], to: 'approved', role, reason: null, detail: `as ${role}` })
  await requireNewSessionToken(context.store.db, memberId)
  context.mailer.send({
    to: member.email,
    subject: 'Welcome to the PMO Competency Framework working group',
    text: `Hello ${member.name},\n\nAn organiser has approved your application. You are now a ${role} in Working Group Studio.\n\nOpen the workspace: ${context.publicUrl}/\n`,
  })
  return member
}

export async function rejectMember(context: MembershipContext, actor: MemberRow, memberId: string, reason: string, tellApplicant: boolean): Promise<MemberRow> {
  const member = await applyTransition(context.store, actor, memberId, {
    action: 'reject', from: ['pending'], to: 'rejected', reason: reason || null, reasonShared: tellApplicant,
    detail: reason ? `${reason}${tellApplicant ? ' (told the applicant)' : ' (not told)'}` : null,
  })
  context.mailer.send({
    to: member.email,
    subject: 'Your application to the PMO Competency Framework working group',
    text: `Hello ${member.name},\n\nThank you for applying. The organisers have decided not to accept your application this time.` +
      (tellApplicant && reason ? `\n\nTheir reason: ${reason}` : '') + '\n',
  })
  return member
}

/** A decision that took access away, and how far the revocation reached (revocation.ts). */
export interface Revoked {
  member: MemberRow
  revocation: RevocationReach | null
}

export async function suspendMember(context: MembershipContext, actor: MemberRow, memberId: string): Promise<Revoked> {
  if (memberId === actor.id) throw new HttpError(409, ErrorCode.conflict, 'You cannot suspend yourself. Ask another organiser.')
  const member = await applyTransition(context.store, actor, memberId, { action: 'suspend', from: ['approved', 'pending'], to: 'suspended' })
  // Suspension ends every session and every open document at once. It is committed by now,
  // so a Redis that cannot be reached delays the other instances, never the answer.
  await deleteMemberSessions(context.store.db, memberId)
  return { member, revocation: await context.revocations.closeMemberSockets(memberId, CloseCode.AccessRevoked) }
}

export async function reinstateMember(context: MembershipContext, actor: MemberRow, memberId: string): Promise<MemberRow> {
  // An applicant suspended while pending goes back to the queue: nobody has approved them yet.
  return applyTransition(context.store, actor, memberId, {
    action: 'reinstate',
    from: ['suspended'],
    to: (suspended) => (suspended.suspended_from === 'pending' ? 'pending' : 'approved'),
    detail: (suspended) => (suspended.suspended_from === 'pending' ? 'back to the queue of applications' : null),
  })
}

export async function changeRole(context: MembershipContext, actor: MemberRow, memberId: string, role: Role): Promise<Revoked> {
  const { db, dialect } = context.store
  const { member, changed } = await db.transaction().execute(async (trx) => {
    // Counted inside the transaction, with the organisers' rows locked, so two organisers
    // demoting each other at the same moment cannot leave the group with none.
    const organisers = await lockApprovedOrganisers(trx, dialect)
    const current = await findMemberById(trx, memberId)
    if (!current) throw notFound('There is no such member.')
    if (current.role === role) return { member: current, changed: false }
    if (current.role === 'organiser' && current.status === 'approved' && organisers <= 1) {
      throw new HttpError(409, ErrorCode.conflict, 'This is the only organiser. Make someone else an organiser first.')
    }
    await trx.updateTable('members').set({ role }).where('id', '=', memberId).execute()
    await recordAudit(trx, { actorId: actor.id, action: 'change-role', targetId: memberId, detail: `from ${current.role} to ${role}` })
    return { member: (await findMemberById(trx, memberId))!, changed: true }
  })
  if (!changed) return { member, revocation: null }
  await requireNewSessionToken(db, memberId)
  // Open documents reconnect and are authorised again with the new role.
  return { member, revocation: await context.revocations.closeMemberSockets(memberId, CloseCode.RoleChanged) }
}

/** How many approved organisers there are, holding their rows until the transaction ends. */
async function lockApprovedOrganisers(trx: Kysely<Database>, dialect: Dialect): Promise<number> {
  let query = trx.selectFrom('members').select('id').where('role', '=', 'organiser').where('status', '=', 'approved')
  // SQLite runs one write transaction at a time on its single connection, so it needs no lock.
  if (dialect === 'postgres') query = query.forUpdate()
  return (await query.execute()).length
}

/** The member's sessions stay valid but each is replaced by a new token on its next request. */
async function requireNewSessionToken(db: Kysely<Database>, memberId: string): Promise<void> {
  await db.updateTable('sessions').set({ rotate: 1 }).where('member_id', '=', memberId).execute()
}
