/**
 * A sign-up with an email that already has an account answers 409, which tells whether
 * that address is a member. Such answers cost a place in the address's sign-up limit like
 * accepted sign-ups, so repeated sign-ups cannot enumerate members for free, with or
 * without an invite link.
 */
import { ErrorCode } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn } from '../support/members.ts'
import { applicantFields, call, errorOf, postSignup } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function studioOn(kind: 'sqlite' | 'postgres', env: Record<string, string>): Promise<{ store: StoreTarget; running: RunningStudio }> {
  const store = await freshStore(kind)
  cleanups.push(() => store.dispose())
  const running = await startStudio(store, env)
  cleanups.push(() => running.close())
  return { store, running }
}

async function statusAndCode(response: Response): Promise<string> {
  return response.status === 201 ? '201' : `${response.status} ${(await errorOf(response)).error.code}`
}

describe.each(storeKinds)('sign-ups with a taken email on %s', (kind) => {
  it('counts each sign-up refused for a taken email against the address, so the 4th probe of 3 allowed is 429', async () => {
    const { store, running } = await studioOn(kind, { RATE_LIMIT_SIGNUP: '3' })
    const members = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Mia Member', role: 'contributor' },
    ])
    const probes = []
    for (const member of members) probes.push(await statusAndCode(await postSignup(running, applicantFields('A Prober', { email: member.email }))))
    expect(probes).toEqual(['409 email-taken', '409 email-taken', '409 email-taken', `429 ${ErrorCode.rateLimited}`])
    // The limit is spent: a genuine newcomer from the same address waits too.
    expect(await statusAndCode(await postSignup(running, applicantFields('Nina Newcomer')))).toBe(`429 ${ErrorCode.rateLimited}`)
  }, 60_000)

  it('counts taken emails tried through an invite link, which otherwise does not count, and past the limit no longer says 409', async () => {
    const { store, running } = await studioOn(kind, { RATE_LIMIT_SIGNUP: '2' })
    const [olga, carl, oscar] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
    ])
    const organiser = await signIn(running.url, olga!.email)
    const invite = await call(running, 'POST', '/api/invites', {
      cookie: organiser, body: { role: 'contributor', maxUses: 10, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    })
    const token = new URL(((await invite.json()) as { url: string }).url).searchParams.get('invite')!
    const probe = async (email: string) => statusAndCode(await postSignup(running, applicantFields('An Invited Prober', { email, invite: token })))
    expect([await probe(carl!.email), await probe(oscar!.email)]).toEqual(['409 email-taken', '409 email-taken'])
    expect(await probe(olga!.email)).toBe(`429 ${ErrorCode.rateLimited}`)
    // Invited newcomers still join past the limit: only the probes were counted.
    expect(await statusAndCode(await postSignup(running, applicantFields('Ian Invited', { invite: token })))).toBe('201')
  }, 60_000)
})
