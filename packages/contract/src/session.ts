import { z } from 'zod'
import { emailSchema, nameSchema, passwordSchema, timezoneSchema, type Member } from './members.ts'

/** POST /api/session */
export const signInBody = z.object({
  email: emailSchema,
  // Sign-in checks the stored hash, not the rules, so any non-empty password is well-formed.
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024),
})
export type SignInBody = z.infer<typeof signInBody>

/** POST /api/setup/:token: the first organiser creates their account. */
export const setupBody = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  /** The browser's IANA zone; the organiser can change it later. */
  timezone: timezoneSchema.optional(),
})
export type SetupBody = z.infer<typeof setupBody>

export interface MemberResponse {
  user: Member
}
