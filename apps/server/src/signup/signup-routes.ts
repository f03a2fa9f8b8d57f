/**
 * POST /api/signup: the public "Get involved" form. Validates every field with the
 * contract's schema (the same one the form uses), checks the attachment by its content,
 * creates the member, their attachment and the audit entry in one transaction, signs
 * them in, and tells the organisers. An invite approves at once; an auto-approved domain
 * approves once the address is confirmed.
 */
import { attachmentRules, ErrorCode, signupFields, signupForm, signupResponseSchema, type Role, type SignupFields, type SignupResponse } from '@studio/contract'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { EmailTakenError, insertMember, type MemberRow } from '../store/members-repository.ts'
import { hashPassword } from '../accounts/passwords.ts'
import { setSessionCookie, type SessionCookieOptions } from '../accounts/session-cookie.ts'
import { createSession } from '../sessions/sessions.ts'
import type { AttemptCounter } from '../http/attempt-limits.ts'
import { HttpError, parseWith } from '../http/errors.ts'
import { nulRefused, refuseNul } from '../http/nul-characters.ts'
import { describedOnly, withErrors } from '../http/route-schemas.ts'
import type { RateLimit } from '../config.ts'
import { checkAttachment, storeAttachment, type CheckedAttachment } from './attachments.ts'
import { recordAudit } from '../members/audit.ts'
import type { MembershipContext } from '../members/membership-context.ts'
import { createEmailConfirmation, mailConfirmationLink } from './email-confirmation.ts'
import { useInvite } from './invites.ts'
import { notifyApplication } from '../notifications/notify.ts'
import { isAutoApprovedDomain } from './auto-approved-domains.ts'

export interface SignupOptions {
  cookie: SessionCookieOptions
  attempts: AttemptCounter
  limit: RateLimit
}

const tooLarge = () => {
  const message = `Attach a file of at most ${attachmentRules.maxBytes / 1024 / 1024} MB.`
  return new HttpError(413, ErrorCode.fileTooLarge, message, [{ field: 'attachment', message }])
}

/** Reads the multipart body: text fields (pmoTypes repeated) and at most one file. */
async function readForm(request: FastifyRequest): Promise<{ fields: Record<string, unknown>; upload: { fileName: string; data: Buffer } | null }> {
  if (!request.isMultipart()) {
    throw new HttpError(400, ErrorCode.invalid, 'Send the sign-up form as multipart/form-data.')
  }
  const fields: Record<string, unknown> = { pmoTypes: [] }
  let upload: { fileName: string; data: Buffer } | null = null
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const file = part as MultipartFile
        const data = await file.toBuffer()
        if (file.fieldname === 'attachment' && file.filename) upload = { fileName: file.filename, data }
      } else if (part.fieldname === 'pmoTypes') {
        ;(fields.pmoTypes as unknown[]).push(part.value)
      } else {
        fields[part.fieldname] = part.value
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
    throw error
  }
  // The app's NUL check sees parsed bodies only; multipart fields are read here.
  refuseNul(fields)
  if (upload?.fileName.includes('\u0000')) throw nulRefused('attachment')
  return { fields, upload }
}

export function registerSignupRoutes(app: FastifyInstance, context: MembershipContext, options: SignupOptions): void {
  const { db } = context.store

  app.withTypeProvider<ZodTypeProvider>().post('/api/signup', {
    // The form is read by readForm (the file is streamed) and checked with signupFields there.
    schema: { body: describedOnly(signupForm), consumes: ['multipart/form-data'], response: withErrors({ 201: signupResponseSchema }) },
  }, async (request, reply) => {
    const addressKey = `signup:address:${request.ip}`
    const { fields, upload } = await readForm(request)
    const form = parseWith(signupFields, fields)
    const attachment: CheckedAttachment | null = upload ? await checkAttachment(upload) : null
    // An invite is an organiser vouching for the room: it does not count against the
    // address, so a meeting of 60 behind one address can all join through one link.
    // Others take their place before anything is stored, so sign-ups arriving together
    // cannot all pass the limit, and give it back if the sign-up fails, except when the
    // email is taken: that answer tells whether an address has an account, so it costs a
    // place like an accepted sign-up, or repeated sign-ups would enumerate members for free.
    const windowMs = options.limit.windowMinutes * 60_000
    const counted = !form.invite
    const tooMany = () =>
      new HttpError(429, ErrorCode.rateLimited, 'Too many sign-ups from this network just now. Try again later, or ask an organiser for an invite link.')
    if (counted && !(await options.attempts.take(addressKey, options.limit.max, windowMs))) throw tooMany()
    let created: { member: MemberRow; confirmationLink: string | null }
    try {
      created = await createApplicant(context, form, attachment)
    } catch (error) {
      if (!(error instanceof EmailTakenError)) {
        if (counted) await options.attempts.giveBack(addressKey)
        throw error
      }
      // An invited sign-up held no place: it takes one now, and past the limit the
      // answer no longer says whether the address is taken.
      if (!counted && !(await options.attempts.take(addressKey, options.limit.max, windowMs))) throw tooMany()
      throw error
    }
    const { member, confirmationLink } = created
    setSessionCookie(reply, await createSession(db, member.id), options.cookie)
    if (confirmationLink) mailConfirmationLink(context, member, confirmationLink)
    await tellOrganisers(context, member)
    await notifyApplication(app, member)
    const body: SignupResponse = { id: member.id, status: member.status === 'approved' ? 'approved' : 'pending' }
    return reply.status(201).send(body)
  })
}

/**
 * The member, their attachment and the audit entries, in one transaction; with an
 * auto-approved domain, the link that confirms their address.
 */
async function createApplicant(
  context: MembershipContext, form: SignupFields, attachment: CheckedAttachment | null,
): Promise<{ member: MemberRow; confirmationLink: string | null }> {
  const { db } = context.store
  const passwordHash = await hashPassword(form.password)
  const autoApprove = !form.invite && (await isAutoApprovedDomain(db, form.email))
  return db.transaction().execute(async (trx) => {
    const invite = form.invite ? await useInvite(trx, form.invite) : null
    const role: Role = invite?.role ?? 'contributor'
    const created = await insertMember(trx, {
      email: form.email, name: form.name, passwordHash, role, status: invite ? 'approved' : 'pending',
      timezone: form.timezone, attendance: form.attendance, organisation: form.organisation, jobTitle: form.jobTitle,
      location: form.location, pmoTypes: form.pmoTypes, frameworkExperience: form.frameworkExperience, contribution: form.contribution,
    })
    if (attachment) await storeAttachment(trx, created.id, attachment)
    await recordAudit(trx, { actorId: created.id, action: 'signup', targetId: created.id, detail: attachment ? 'with an attachment' : null })
    if (invite) await recordAudit(trx, { actorId: created.id, action: 'invite-use', targetId: created.id, detail: `invite ${invite.id}, as ${role}` })
    const link = autoApprove ? await createEmailConfirmation(trx, created.id, context.publicUrl) : null
    return { member: created, confirmationLink: link }
  })
}

/**
 * Organisers hear of each sign-up. One approved at once through an invite is no application:
 * nothing waits for them, so the mail says who joined, as what, and where to see them.
 */
async function tellOrganisers(context: MembershipContext, member: MemberRow): Promise<void> {
  const organisers = await context.store.db
    .selectFrom('members').select('email').where('role', '=', 'organiser').where('status', '=', 'approved').execute()
  const who = `${member.name} <${member.email}>${member.organisation ? ` of ${member.organisation}` : ''}`
  const mail = member.status === 'approved'
    ? { subject: `${member.name} joined through an invite`, text: `${who} joined through an invite link, as ${/^[aeiou]/.test(member.role) ? 'an' : 'a'} ${member.role}.\n\nSee members: ${context.publicUrl}/members/all\n` }
    : { subject: `New application: ${member.name}`, text: `${who} applied to join and is waiting for a decision.\n\nReview applications: ${context.publicUrl}/members\n` }
  for (const organiser of organisers) context.mailer.send({ to: organiser.email, ...mail })
}
