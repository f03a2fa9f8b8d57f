/** The Members page's API: list and search, decisions, attachments, and the people list. */
import { approveBody, changeRoleBody, membersQuery, rejectBody, type Person, type Role } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { selectMembers, toMember } from '../store/members-repository.ts'
import { requireApproved } from '../accounts/authentication.ts'
import { notFound, parseWith } from '../http/errors.ts'
import { attachmentDisposition, findAttachment } from '../signup/attachments.ts'
import type { MembershipContext } from './membership-context.ts'
import { approveMember, changeRole, rejectMember, reinstateMember, suspendMember } from './decisions.ts'
import { reportRevocation } from '../collab/revocation.ts'

type WithId = { Params: { id: string } }

const searchableColumns = ['name', 'email', 'organisation', 'job_title', 'location', 'contribution']

export function registerMembersRoutes(app: FastifyInstance, context: MembershipContext): void {
  const { db } = context.store

  app.get('/api/members', async (request) => {
    requireApproved(request, ['organiser'])
    const { status, q } = parseWith(membersQuery, request.query)
    let query = selectMembers(db).orderBy('members.created_at', 'desc')
    if (status) query = query.where('members.status', '=', status)
    if (q) {
      // Wildcards in the search are literal; SQLite has no default escape character, so name one.
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query = query.where((eb) =>
        eb.or(searchableColumns.map((column) => sql<boolean>`lower(${sql.ref(`members.${column}`)}) like ${pattern} escape '\\'`)),
      )
    }
    return { members: (await query.execute()).map((row) => toMember(row)) }
  })

  app.post<WithId>('/api/members/:id/approve', async (request) => {
    const organiser = requireApproved(request, ['organiser'])
    const { role } = parseWith(approveBody, request.body)
    return { member: toMember(await approveMember(context, organiser, request.params.id, role)) }
  })

  app.post<WithId>('/api/members/:id/reject', async (request) => {
    const organiser = requireApproved(request, ['organiser'])
    const { reason, tellApplicant } = parseWith(rejectBody, request.body)
    return { member: toMember(await rejectMember(context, organiser, request.params.id, reason, tellApplicant)) }
  })

  // Suspension and role changes answer 200 once committed, with a header saying whether every
  // instance closed the member's sockets at once or will within seconds (Redis unreachable).
  app.post<WithId>('/api/members/:id/suspend', async (request, reply) => {
    const organiser = requireApproved(request, ['organiser'])
    const { member, revocation } = await suspendMember(context, organiser, request.params.id)
    if (revocation) reportRevocation(reply, revocation)
    return { member: toMember(member) }
  })

  app.post<WithId>('/api/members/:id/reinstate', async (request) => {
    const organiser = requireApproved(request, ['organiser'])
    return { member: toMember(await reinstateMember(context, organiser, request.params.id)) }
  })

  app.patch<WithId>('/api/members/:id', async (request, reply) => {
    const organiser = requireApproved(request, ['organiser'])
    const { role } = parseWith(changeRoleBody, request.body)
    const { member, revocation } = await changeRole(context, organiser, request.params.id, role)
    if (revocation) reportRevocation(reply, revocation)
    return { member: toMember(member) }
  })

  app.get<WithId>('/api/members/:id/attachment', async (request, reply) => {
    requireApproved(request, ['organiser'])
    const attachment = await findAttachment(db, request.params.id)
    if (!attachment) throw notFound('This member has no attachment.')
    return reply
      .header('content-type', attachment.content_type)
      .header('content-disposition', attachmentDisposition(attachment.original_name, attachment.stored_name))
      .header('content-length', attachment.data.length)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', 'sandbox')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(attachment.data))
  })

  app.get('/api/people', async (request) => {
    requireApproved(request)
    const rows = await db
      .selectFrom('members')
      .select(['id', 'name', 'role', 'timezone', 'location'])
      .where('status', '=', 'approved')
      .orderBy('name')
      .execute()
    const people: Person[] = rows.map((row) => ({ ...row, role: row.role as Role }))
    return { people }
  })
}
