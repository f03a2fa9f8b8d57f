/**
 * Signed-in members calling one running studio, as the API suites do: a request as a member
 * (or anonymously), a JSON answer with its status checked, and a provider opened as a member
 * and synced. `studio()` is read at each call, since suites start the studio in beforeAll.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { expect } from 'vitest'
import type { TestMember } from './members.ts'
import { call } from './membership.ts'
import { connectProvider } from './providers.ts'
import { waitFor, type RunningStudio } from './studio.ts'

export function memberCalls(studio: () => RunningStudio, cookies: Record<string, string>, providers: HocuspocusProvider[]) {
  const as = (member: TestMember | null, method: string, path: string, body?: unknown) =>
    call(studio(), method, path, { ...(member ? { cookie: cookies[member.name] } : {}), ...(body === undefined ? {} : { body }) })
  const json = async <T>(response: Response, status = 200): Promise<T> => {
    expect(response.status, await response.clone().text()).toBe(status)
    return (await response.json()) as T
  }
  /** A provider on `document` as `member`, synced; destroyed with the suite's other providers. */
  const open = async (member: TestMember, document: string) => {
    const provider = connectProvider({ baseUrl: studio().url, cookie: cookies[member.name], document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${member.name} to sync ${document}`)
    return provider
  }
  return { as, json, open }
}
