/**
 * /metrics: Prometheus text with the contract's figures, open to this machine and
 * otherwise only with the metrics token. A trusted proxy's clients are not "this machine".
 */
import { afterEach, describe, expect, it } from 'vitest'
import { linesOf, writeLine } from '../support/meeting-lines.ts'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function studio(env: Record<string, string> = {}) {
  const store = await freshStore('sqlite')
  cleanups.push(() => store.dispose())
  const members = await createMembers(store, [
    { name: 'Olga Organiser', role: 'organiser' },
    { name: 'Carl Contributor', role: 'contributor' },
    { name: 'Pat Pending', role: 'contributor', status: 'pending' },
  ])
  const running = await startStudio(store, env)
  cleanups.push(() => running.close())
  return { running, members }
}

const metricsFrom = (running: RunningStudio, headers: Record<string, string> = {}) => fetch(`${running.url}/metrics`, { headers })

/** The value of an unlabelled metric in Prometheus text. */
function valueOf(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `))
  if (!line) throw new Error(`${name} is not in the metrics`)
  return Number(line.slice(name.length + 1))
}

describe('/metrics', () => {
  it('reports connections, loaded documents, updates, deliveries, log append and compaction times and waiting applications', async () => {
    const { running, members } = await studio()
    const [olga, carl] = members
    const providers = [olga!, carl!].map(async (member) => connectProvider({ baseUrl: running.url, cookie: await signIn(running.url, member.email), document: 'meeting:metrics' }))
    const [first, second] = await Promise.all(providers)
    cleanups.push(() => destroyProvider(first!), () => destroyProvider(second!))
    await waitFor(() => first!.synced && second!.synced, 5000, 'both providers synced')
    for (let edit = 0; edit < 5; edit++) writeLine(first!.document, `edit ${edit}`)
    await waitFor(() => linesOf(second!.document).length === 5, 5000, 'the edits to arrive')

    const response = await metricsFrom(running)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    expect(valueOf(text, 'studio_connections')).toBe(2)
    expect(valueOf(text, 'studio_documents_loaded')).toBe(1)
    expect(valueOf(text, 'studio_updates_total')).toBeGreaterThanOrEqual(5)
    expect(valueOf(text, 'studio_deliveries_total')).toBeGreaterThanOrEqual(5)
    expect(valueOf(text, 'studio_update_log_append_seconds_count')).toBeGreaterThanOrEqual(5)
    expect(valueOf(text, 'studio_applications_waiting')).toBe(1)
    expect(text).toContain('studio_compaction_seconds_bucket')
    expect(text).toContain('studio_process_resident_memory_bytes')
  })

  it('counts a compaction when a document unloads', async () => {
    const { running, members } = await studio()
    const provider = connectProvider({ baseUrl: running.url, cookie: await signIn(running.url, members[0]!.email), document: 'meeting:compacted' })
    await waitFor(() => provider.synced, 5000, 'synced')
    writeLine(provider.document, 'one')
    await waitFor(async () => valueOf(await (await metricsFrom(running)).text(), 'studio_updates_total') === 1, 5000, 'the update to be logged')
    destroyProvider(provider)
    await waitFor(async () => valueOf(await (await metricsFrom(running)).text(), 'studio_compaction_seconds_count') >= 1, 10_000, 'a compaction')
  })

  it('refuses a client behind a trusted proxy without the token, and serves it with the token', async () => {
    const { running } = await studio({ TRUST_PROXY: '127.0.0.1', METRICS_TOKEN: 'a-long-metrics-token' })
    const remote = { 'x-forwarded-for': '203.0.113.9' }
    expect((await metricsFrom(running, remote)).status).toBe(401)
    expect((await metricsFrom(running, { ...remote, authorization: 'Bearer wrong-token-of-same-len' })).status).toBe(401)
    expect((await metricsFrom(running, { ...remote, authorization: 'Bearer a-long-metrics-token' })).status).toBe(200)
    expect((await metricsFrom(running)).status).toBe(200)
  })

  it('refuses every client that is not this machine when no token is configured', async () => {
    const { running } = await studio({ TRUST_PROXY: '127.0.0.1' })
    const response = await metricsFrom(running, { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer anything' })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('METRICS_TOKEN')
  })
})
