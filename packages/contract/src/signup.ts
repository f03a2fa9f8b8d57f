import { z } from 'zod'
import {
  attendanceChoices,
  emailSchema,
  nameSchema,
  passwordSchema,
  pmoTypeChoices,
  timezoneSchema,
} from './members.ts'

/** Attachments: what may be uploaded with a sign-up, and how big. */
export const attachmentRules = {
  maxBytes: 1024 * 1024,
  extensions: ['doc', 'docx', 'pdf', 'txt', 'gif', 'jpg', 'jpeg', 'png'],
} as const

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${label} to ${max} characters or fewer.`)
    .optional()
    .transform((value) => (value ? value : undefined))

/**
 * POST /api/signup, every field but the attachment. The web form validates with this
 * schema before sending; the server validates the multipart fields with it again.
 */
export const signupFields = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  timezone: timezoneSchema,
  attendance: z.enum(attendanceChoices, { error: 'Choose whether you can attend in person in London, remotely, or either.' }),
  consent: z.literal('yes', { error: 'Tick the box to agree to how your details are used.' }),
  organisation: optionalText(200, 'your organisation'),
  jobTitle: optionalText(200, 'your job title'),
  location: optionalText(200, 'your location'),
  pmoTypes: z
    .array(z.enum(pmoTypeChoices, { error: 'Choose PMO types from the list.' }))
    .max(pmoTypeChoices.length)
    .default([])
    .transform((types) => [...new Set(types)]),
  frameworkExperience: z.enum(['yes', 'no'], { error: 'Answer yes or no.' }).optional(),
  contribution: optionalText(4000, 'how you want to contribute'),
  invite: z.string().trim().max(200).optional().transform((value) => (value ? value : undefined)),
})
export type SignupFields = z.infer<typeof signupFields>

/**
 * POST /api/signup as it is sent: multipart/form-data, the fields above (pmoTypes repeated
 * once per type) and an optional file. The server reads the form itself (it streams the
 * file); this describes it in the OpenAPI document.
 */
export const signupForm = signupFields.extend({
  attachment: z.string().meta({
    format: 'binary',
    description: `Optional: ${attachmentRules.extensions.join(', ')}, at most ${attachmentRules.maxBytes / 1024 / 1024} MB; its type is read from its content.`,
  }).optional(),
})
export type SignupInput = z.input<typeof signupFields>

export interface SignupResponse {
  id: string
  status: 'pending' | 'approved'
}

/** Labels for the choices, shared by the sign-up form and the Members page. */
export const pmoTypeLabels: Record<(typeof pmoTypeChoices)[number], string> = {
  'project-office': 'Project office',
  'programme-office': 'Programme office',
  'portfolio-office': 'Portfolio office',
  'centre-of-excellence': 'Centre of excellence',
}

export const attendanceLabels: Record<(typeof attendanceChoices)[number], string> = {
  'in-person': 'In person in London',
  remote: 'Remotely',
  either: 'Either',
}
