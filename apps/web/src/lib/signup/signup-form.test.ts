import { signupFields } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { draftToInput, emptyDraft, inPageOrder, signUpFieldTarget, signupFormData, type SignUpDraft } from './signup-form.ts'

const complete: SignUpDraft = {
  ...emptyDraft('America/New_York'),
  name: ' Ada Lovelace ',
  email: 'Ada@Example.org',
  password: 'correct horse battery staple',
  organisation: 'Analytical Engines',
  jobTitle: '',
  location: 'Boston',
  pmoTypes: ['portfolio-office', 'project-office'],
  frameworkExperience: 'yes',
  contribution: 'Reviewing drafts',
  attendance: 'remote',
  consent: true,
}

describe('draftToInput', () => {
  it('gives a blank form exactly the contract’s messages for the required fields', () => {
    const result = signupFields.safeParse(draftToInput(emptyDraft('Europe/London'), null))
    expect(result.success).toBe(false)
    const fields = result.error!.issues.map((issue) => issue.path[0])
    expect(fields).toEqual(['name', 'email', 'password', 'attendance', 'consent'])
    const attendance = result.error!.issues.find((issue) => issue.path[0] === 'attendance')
    expect(attendance?.message).toBe('Choose whether you can attend in person in London, remotely, or either.')
  })

  it('passes a complete form, with the invite from the address bar', () => {
    const result = signupFields.safeParse(draftToInput(complete, 'tok123'))
    expect(result.success).toBe(true)
    expect(result.data).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.org', consent: 'yes', invite: 'tok123', jobTitle: undefined })
  })
})

describe('signupFormData', () => {
  it('sends one part per answered field, repeats pmoTypes and adds the file', async () => {
    const fields = signupFields.parse(draftToInput(complete, null))
    const file = new File(['%PDF-1.4\n'], 'framework.pdf', { type: 'application/pdf' })
    const form = signupFormData(fields, file)
    expect(form.getAll('pmoTypes')).toEqual(['portfolio-office', 'project-office'])
    expect(form.get('consent')).toBe('yes')
    expect(form.has('jobTitle')).toBe(false)
    expect(form.has('invite')).toBe(false)
    const attached = form.get('attachment') as File
    expect(attached.name).toBe('framework.pdf')
    expect(await attached.text()).toBe('%PDF-1.4\n')
  })

  it('sends no attachment part without a file', () => {
    expect(signupFormData(signupFields.parse(draftToInput(complete, null)), null).has('attachment')).toBe(false)
  })
})

describe('where errors point', () => {
  it('links a group to its first option and a field to its input', () => {
    expect(signUpFieldTarget('attendance')).toBe('signup-attendance-in-person')
    expect(signUpFieldTarget('pmoTypes')).toBe('signup-pmoTypes-project-office')
    expect(signUpFieldTarget('email')).toBe('signup-email')
    expect(signUpFieldTarget('invite')).toBeNull()
  })

  it('orders errors as the page shows the fields, unknown fields last', () => {
    const sorted = inPageOrder([{ field: 'consent' }, { field: 'invite' }, { field: 'name' }, { field: 'attachment' }])
    expect(sorted.map((error) => error.field)).toEqual(['name', 'attachment', 'consent', 'invite'])
  })
})
