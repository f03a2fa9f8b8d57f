/**
 * Your own account (issue 14): GET and PATCH /api/me, changing your password, and the
 * "forgot password" link. The signed-in member sees themselves as an Account: the
 * contract's member plus the settings only they choose (how notifications reach them,
 * whether the people directory shows their email).
 */
import { z } from 'zod'
import { emailSchema, nameSchema, passwordSchema, timezoneSchema } from './members.ts'
import { emailNotificationChoices } from './notifications.ts'
import { memberSchema } from './responses.ts'
import { CreditChoice } from './releases.ts'

/** A reset link works once, for this long. */
export const passwordResetRules = { validMinutes: 60 } as const

export const digestHourSchema = z
  .number({ error: 'Choose the hour of your digest as a whole number from 0 to 23.' })
  .int('Choose the hour of your digest as a whole number from 0 to 23.')
  .min(0, 'Choose the hour of your digest as a whole number from 0 to 23.')
  .max(23, 'Choose the hour of your digest as a whole number from 0 to 23.')

export const emailNotificationSchema = z.enum(emailNotificationChoices, {
  error: `Choose how email reaches you: ${emailNotificationChoices.join(', ')}.`,
})

export const notificationSettingsSchema = z.object({
  email: emailNotificationSchema,
  /** The hour (0-23) of the member's own time zone their daily or weekly digest is sent at. */
  digestHour: digestHourSchema,
})
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>

export const accountSchema = memberSchema.extend({
  notifications: notificationSettingsSchema,
  /** Whether the people directory shows this member's email address to the group. */
  shareEmail: z.boolean(),
  /** How a release's credits name this member (releases.ts): `name`, `initials` or `none`. */
  credit: CreditChoice,
})
export type Account = z.infer<typeof accountSchema>

/** GET and PATCH /api/me */
export const accountResponseSchema = z.object({ user: accountSchema })
export type AccountResponse = z.infer<typeof accountResponseSchema>

/** A key the account form does not have (an email, a role) is refused by name, never ignored. */
const onlyTheseFields = (fields: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `Only ${fields} can be changed here (not ${issue.keys?.join(', ')}).` : undefined,
})

/** PATCH /api/me: any subset of the fields; an empty location clears it. */
export const accountChangesBody = z.strictObject({
  name: nameSchema.optional(),
  timezone: timezoneSchema.optional(),
  location: z
    .string({ error: 'Write your location as text, or leave it empty.' })
    .trim()
    .max(200, 'Keep your location to 200 characters or fewer.')
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
  notifications: z.strictObject({
    email: emailNotificationSchema.optional(),
    digestHour: digestHourSchema.optional(),
  }, onlyTheseFields('email and digestHour')).optional(),
  shareEmail: z.boolean({ error: 'Say true or false for whether the directory shows your email.' }).optional(),
  credit: CreditChoice.optional(),
}, onlyTheseFields('name, timezone, location, notifications, shareEmail and credit'))
export type AccountChanges = z.infer<typeof accountChangesBody>
export type AccountChangesInput = z.input<typeof accountChangesBody>

/** POST /api/me/password */
export const passwordChangeBody = z.object({
  // Checked against the stored hash, not the rules: any non-empty password is well-formed.
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
  newPassword: passwordSchema,
})
export type PasswordChangeBody = z.infer<typeof passwordChangeBody>

/** POST /api/password-reset: the answer is the same whether or not the address has an account. */
export const passwordResetRequestBody = z.object({ email: emailSchema })
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBody>

/** POST /api/password-reset/:token */
export const passwordResetBody = z.object({ password: passwordSchema })
export type PasswordResetBody = z.infer<typeof passwordResetBody>
