/** Members for tests, created straight in the store, and signed in over real HTTP. */
import type { MemberStatus, Role } from '@studio/contract'
import { insertMember } from '@studio/server/store/members-repository'
import { hashPassword } from '@studio/server/accounts/passwords'
import { openStore } from '@studio/server/store/database'
import type { StoreTarget } from './stores.ts'

export const testPassword = 'a long enough test password'

export interface TestMember {
  id: string
  email: string
  name: string
  role: Role
}

let passwordHash: Promise<string> | undefined

/**
 * The members' shared hash is cheap (2 ms to verify rather than 80): the suites sign in
 * thousands of times on two cores. Sign-in still runs the real scrypt check, with the
 * parameters the hash names; sign-up and password tests hash at the studio's own cost.
 */
const fixtureCost = { N: 2 ** 10, r: 8, p: 1 }

export async function createMembers(
  store: StoreTarget,
  members: Array<{ name: string; role: Role; status?: MemberStatus }>,
): Promise<TestMember[]> {
  passwordHash ??= hashPassword(testPassword, fixtureCost)
  const hash = await passwordHash
  const opened = await openStore(store)
  try {
    const created: TestMember[] = []
    for (const member of members) {
      const email = `${member.name.toLowerCase().replace(/\W+/g, '.')}@example.org`
      const row = await insertMember(opened.db, {
        email, name: member.name, role: member.role, status: member.status ?? 'approved',
        passwordHash: hash, timezone: 'Europe/London', attendance: 'either',
      })
      created.push({ id: row.id, email, name: row.name, role: member.role })
    }
    return created
  } finally {
    await opened.close()
  }
}

/** Signs in over HTTP and returns the `studio_session=...` cookie pair. */
export async function signIn(baseUrl: string, email: string, password = testPassword): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 200) throw new Error(`Sign-in failed for ${email}: ${response.status} ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('studio_session='))
  if (!cookie) throw new Error('Sign-in set no session cookie')
  return cookie.split(';')[0]!
}
