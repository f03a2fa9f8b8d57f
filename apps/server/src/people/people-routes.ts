/**
 * GET /api/people: the group's directory for every approved member. Approved members only
 * are listed (applicants, rejected and suspended members are not part of the group), with
 * what the sign-up page promises the group sees; an email only where its owner shares it.
 */
import { peopleResponseSchema, type Attendance, type Person, type Role } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedOnly } from '../accounts/authentication.ts'
import { withErrors } from '../http/route-schemas.ts'

export function registerPeopleRoutes(app: FastifyInstance): void {
  const { db } = app.store
  app.withTypeProvider<ZodTypeProvider>().get('/api/people', {
    preValidation: approvedOnly(),
    schema: { response: withErrors({ 200: peopleResponseSchema }) },
  }, async () => {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'name', 'role', 'timezone', 'location', 'organisation', 'attendance', 'email', 'share_email'])
      .where('status', '=', 'approved')
      .orderBy('name')
      .orderBy('id')
      .execute()
    const people: Person[] = rows.map(({ share_email: shareEmail, email, ...row }) => ({
      ...row,
      role: row.role as Role,
      attendance: row.attendance as Attendance,
      email: shareEmail ? email : null,
    }))
    return { people }
  })
}
