/** The Members page's API: list and search, decisions, attachments. (The people directory is people/.) */
import {
  approveBody,
  changeRoleBody,
  idParams,
  memberDecisionResponseSchema,
  membersQuery,
  membersResponseSchema,
  rejectBody,
  revocationHeaders,
} from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { selectMembers, toMember } from '../store/members-repository.ts'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import { download, jsonWithHeaders, withErrors } from '../http/route-schemas.ts'
import { attachmentContentTypes, attachmentDisposition, findAttachment } from '../signup/attachments.ts'
import type { MembershipContext } from './membership-context.ts'
import { approveMember, changeRole, rejectMember, reinstateMember, suspendMember } from './decisions.ts'
import { reportRevocation } from '../collab/revocation.ts'

const searchableColumns = ['name', 'email', 'organisation', 'job_title', 'location', 'contribution']

export function registerMembersRoutes(app: FastifyInstance, context: MembershipContext): void {
  const { db } = context.store
  const api = app.withTypeProvider<ZodTypeProvider>()
  const organisersOnly = approvedOnly(['organiser'])
  // A decision answers with the member as they are after it; one that can take access away
  // also says how far the revocation reached.
  const memberAfter = withErrors({ 200: memberDecisionResponseSchema })
  const memberAfterRevocation = (description: string) =>
    withErrors({ 200: jsonWithHeaders(memberDecisionResponseSchema, description, revocationHeaders) })

  api.get('/api/members', {
    preValidation: organisersOnly,
    schema: { querystring: membersQuery, response: withErrors({ 200: membersResponseSchema }) },
  }, async (request) => {
    const { status, q } = request.query
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

  api.post('/api/members/:id/approve', {
    preValidation: organisersOnly,
    schema: { params: idParams, body: approveBody, response: memberAfter },
  }, async (request) => {
    const organiser = approvedMember(request)
    const { role } = request.body
    return { member: toMember(await approveMember(context, organiser, request.params.id, role)) }
  })

  api.post('/api/members/:id/reject', {
    preValidation: organisersOnly,
    schema: { params: idParams, body: rejectBody, response: memberAfter },
  }, async (request) => {
    const organiser = approvedMember(request)
    const { reason, tellApplicant } = request.body
    return { member: toMember(await rejectMember(context, organiser, request.params.id, reason, tellApplicant)) }
  })

  // Suspension and role changes answer 200 once committed, with a header saying whether every
  // instance closed the member's sockets at once or will within seconds (Redis unreachable).
  api.post('/api/members/:id/suspend', {
    preValidation: organisersOnly,
    schema: { params: idParams, response: memberAfterRevocation('Suspended: every session ended, every open document closed.') },
  }, async (request, reply) => {
    const organiser = approvedMember(request)
    const { member, revocation } = await suspendMember(context, organiser, request.params.id)
    if (revocation) reportRevocation(reply, revocation)
    return { member: toMember(member) }
  })

  api.post('/api/members/:id/reinstate', {
    preValidation: organisersOnly,
    schema: { params: idParams, response: memberAfter },
  }, async (request) => {
    const organiser = approvedMember(request)
    return { member: toMember(await reinstateMember(context, organiser, request.params.id)) }
  })

  api.patch('/api/members/:id', {
    preValidation: organisersOnly,
    schema: { params: idParams, body: changeRoleBody, response: memberAfterRevocation('The new role; open documents reconnect and are authorised with it.') },
  }, async (request, reply) => {
    const organiser = approvedMember(request)
    const { role } = request.body
    const { member, revocation } = await changeRole(context, organiser, request.params.id, role)
    if (revocation) reportRevocation(reply, revocation)
    return { member: toMember(member) }
  })

  api.get('/api/members/:id/attachment', {
    preValidation: organisersOnly,
    schema: {
      params: idParams,
      response: withErrors({ 200: download(attachmentContentTypes, 'The file the applicant attached, under its own name, never rendered in the studio (sandboxed).') }),
    },
  }, async (request, reply) => {
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
}
