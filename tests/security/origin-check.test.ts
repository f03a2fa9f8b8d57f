/**
 * The Origin check cannot be stepped around by spelling a path another way. Fastify's
 * router decodes a path before it matches (`/%61pi/signup` is `/api/signup`), so every
 * state-changing route the studio has, enumerated from the running instance so that a new
 * route is covered without touching this file, is called in several spellings with a
 * foreign Origin and with none, over raw HTTP (fetch would normalise some spellings away).
 */
import { ErrorCode, type ErrorBody } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const stateChangingMethods = ['POST', 'PUT', 'PATCH', 'DELETE'] as const
const foreignOrigin = 'https://attacker.example'
/** Routes that act on a secret in their own path and on no session, so any page (or mail provider) may call them. */
const openToAnyOrigin = new Set(['POST /api/unsubscribe/:token'])

interface Route {
  method: string
  url: string
}

/**
 * Reads the routes out of Fastify's printed radix tree (`app.printRoutes`): each line is
 * a path segment indented four characters per level, with the methods it answers.
 */
function routesOf(tree: string): Route[] {
  const prefixes: string[] = []
  const routes: Route[] = []
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    prefixes.length = depth
    const url = (prefixes[depth - 1] ?? '') + match[2]!
    prefixes[depth] = url
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url })
  }
  return routes
}

/** A concrete path for a route pattern: every `:param` gets a made-up id. */
const concrete = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, () => randomUUID())

/** The same path, spelled so that a check on the raw URL would not recognise it. */
const spellings: Record<string, (path: string) => string> = {
  'as routed': (path) => path,
  'with its first letter percent-encoded': (path) => `/%${path.charCodeAt(1).toString(16)}${path.slice(2)}`,
  'with its last letter percent-encoded': (path) => `${path.slice(0, -1)}%${path.charCodeAt(path.length - 1).toString(16)}`,
  'with a doubled leading slash': (path) => `/${path}`,
  'with a dot segment': (path) => `/.${path}`,
}

interface RawResponse {
  status: number
  body: string
}

/** One request with the path sent exactly as given. */
function rawRequest(running: RunningStudio, method: string, path: string, origin: string | null): Promise<RawResponse> {
  const { hostname, port } = new URL(running.url)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: hostname, port, method, path,
        headers: { 'content-type': 'application/json', 'content-length': '2', ...(origin ? { origin } : {}) },
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    outgoing.on('error', (error) => reject(new Error(`${method} ${path}: ${error.message}`)))
    outgoing.end('{}')
  })
}

const errorCodeOf = (response: RawResponse) => {
  try {
    return (JSON.parse(response.body) as ErrorBody).error?.code ?? null
  } catch {
    return null
  }
}

describe('the Origin check', () => {
  let store: StoreTarget
  let running: RunningStudio
  let routes: Route[]

  beforeAll(async () => {
    store = await freshStore('sqlite')
    running = await startStudio(store)
    routes = stateChangingMethods.flatMap((method) => routesOf(running.studio.app.printRoutes({ commonPrefix: false, method })))
  })
  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('finds every state-changing route of the studio', () => {
    // A guard on the enumeration itself: these are the contract's, and there are more.
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'POST', url: '/api/signup' },
      { method: 'POST', url: '/api/session' },
      { method: 'DELETE', url: '/api/session' },
      { method: 'POST', url: '/api/members/:id/approve' },
      { method: 'PATCH', url: '/api/members/:id' },
      { method: 'PUT', url: '/api/settings' },
      { method: 'DELETE', url: '/api/invites/:id' },
      { method: 'POST', url: '/api/import/framework' },
    ]))
    expect(routes.length).toBeGreaterThanOrEqual(15)
  })

  it('refuses every state-changing route, in every spelling, from a foreign Origin or none with 403 bad-origin', async () => {
    const passed: string[] = []
    for (const route of routes) {
      if (openToAnyOrigin.has(`${route.method} ${route.url}`)) continue
      const path = concrete(route.url)
      for (const [name, spell] of Object.entries(spellings)) {
        for (const origin of [foreignOrigin, null]) {
          const response = await rawRequest(running, route.method, spell(path), origin)
          if (response.status !== 403 || errorCodeOf(response) !== ErrorCode.badOrigin) {
            passed.push(`${route.method} ${spell(path)} (${name}, Origin ${origin ?? 'none'}): ${response.status} ${response.body.slice(0, 80)}`)
          }
        }
      }
    }
    expect(passed).toEqual([])
  })

  it('routes the percent-encoded spellings like the plain path, so the refusals above are the check and not a 404', async () => {
    const different: string[] = []
    for (const route of routes) {
      const path = concrete(route.url)
      const plain = await rawRequest(running, route.method, path, running.origin)
      for (const spell of [spellings['with its first letter percent-encoded']!, spellings['with its last letter percent-encoded']!]) {
        const response = await rawRequest(running, route.method, spell(path), running.origin)
        if (response.status !== plain.status || errorCodeOf(response) !== errorCodeOf(plain)) {
          different.push(`${route.method} ${spell(path)}: ${response.status} where ${path} gave ${plain.status}`)
        }
      }
    }
    expect(different).toEqual([])
  })
})
