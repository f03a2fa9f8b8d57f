/** Members in the store, and their one public shape (the contract's Member). */
import { ErrorCode, type Attendance, type Member, type MemberStatus, type PmoTypeChoice, type Role } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { HttpError } from '../http/errors.ts'
import type { Database, MembersTable } from './schema.ts'

export type MemberRow = Selectable<MembersTable> & {
  /** Whether an attachment is stored (SQLite answers 0/1, PostgreSQL true/false). */
  has_attachment?: number | boolean | null
}

export interface NewMember {
  email: string
  name: string
  passwordHash: string
  role: Role
  status: MemberStatus
  timezone: string
  attendance: Attendance
  organisation?: string | null
  jobTitle?: string | null
  location?: string | null
  pmoTypes?: PmoTypeChoice[]
  frameworkExperience?: 'yes' | 'no' | null
  contribution?: string | null
}

export class EmailTakenError extends HttpError {
  constructor(email: string) {
    super(409, ErrorCode.emailTaken, `An account with ${email} already exists. Sign in instead, or use another address.`, [
      { field: 'email', message: 'This email address already has an account.' },
    ])
  }
}

/**
 * The contract's member. An applicant sees the reason for a rejection only when the
 * organiser chose to tell them; organisers always see it.
 */
export function toMember(row: MemberRow, viewer: 'self' | 'organiser' = 'organiser'): Member {
  const reason = viewer === 'organiser' || row.reason_shared ? row.reason : null
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    status: row.status as MemberStatus,
    organisation: row.organisation,
    jobTitle: row.job_title,
    location: row.location,
    timezone: row.timezone,
    pmoTypes: JSON.parse(row.pmo_types) as PmoTypeChoice[],
    frameworkExperience: row.framework_experience as Member['frameworkExperience'],
    contribution: row.contribution,
    attendance: row.attendance as Attendance,
    hasAttachment: Boolean(row.has_attachment),
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    reason,
  }
}

/** Members with whether they have an attachment, ready for `toMember`. */
export function selectMembers(db: Kysely<Database>) {
  return db
    .selectFrom('members')
    .selectAll('members')
    .select((eb) =>
      eb.exists(eb.selectFrom('attachments').select('attachments.member_id').whereRef('attachments.member_id', '=', 'members.id')).as('has_attachment'),
    )
}

export function findMemberByEmail(db: Kysely<Database>, email: string): Promise<MemberRow | undefined> {
  return selectMembers(db).where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export function findMemberById(db: Kysely<Database>, id: string): Promise<MemberRow | undefined> {
  return selectMembers(db).where('members.id', '=', id).executeTakeFirst()
}

export async function hasOrganiser(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('id')
    .where('role', '=', 'organiser')
    .where('status', '=', 'approved')
    .executeTakeFirst()
  return row !== undefined
}

/** Inserts a member; throws EmailTakenError when the address is already registered. */
export async function insertMember(db: Kysely<Database>, member: NewMember): Promise<MemberRow> {
  const now = new Date().toISOString()
  const row: MemberRow = {
    id: randomUUID(),
    email: member.email.toLowerCase(),
    name: member.name,
    password_hash: member.passwordHash,
    role: member.role,
    status: member.status,
    organisation: member.organisation ?? null,
    job_title: member.jobTitle ?? null,
    location: member.location ?? null,
    timezone: member.timezone,
    pmo_types: JSON.stringify(member.pmoTypes ?? []),
    framework_experience: member.frameworkExperience ?? null,
    contribution: member.contribution ?? null,
    attendance: member.attendance,
    created_at: now,
    decided_at: member.status === 'approved' ? now : null,
    reason: null,
    reason_shared: 0,
    suspended_from: null,
    // The migration's defaults, written out so the row returned is the row stored.
    email_notifications: 'daily',
    digest_hour: 8,
    share_email: 0,
    credit_name: 'name',
  }
  const inserted = await db
    .insertInto('members')
    .values(row)
    .onConflict((conflict) => conflict.column('email').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new EmailTakenError(row.email)
  return row
}

/** Applications waiting for an organiser's decision. */
export async function countPendingMembers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
