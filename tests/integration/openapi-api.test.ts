/**
 * GET /api/openapi.json: public, valid against the OpenAPI 3 schema (checked by
 * @readme/openapi-parser), and naming every route the studio registers with its method.
 * Routes are collected as Fastify registers them (onRoute), leaving out HEAD twins, the
 * web app's files and its fallback; /collab is an upgrade, not a Fastify route.
 *
 * The same list holds every route to the contract's rules: a response schema for its success
 * status (so the answer is serialised through it and cannot carry a column the contract does
 * not name), its path parameters declared, and a body declared wherever one is sent. A new
 * route without them fails here; the few that need none are listed below with the reason.
 * Query strings cannot be seen from outside a handler, so the server's sources are checked
 * instead: no handler reads its query or body past the schemas (a cast, or parseWith).
 */
import { validate } from '@readme/openapi-parser'
import { buildStudio, type Studio, type StudioOptions } from '@studio/server'
import { loadConfig } from '@studio/server/config'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../support/stores.ts'
import { freePort, studioEnv } from '../support/studio.ts'

const studios: Studio[] = []
afterEach(async () => {
  for (const studio of studios.splice(0)) await studio.close()
})

interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, unknown>>
}

interface Route {
  method: string
  url: string
  schema: Parameters<NonNullable<StudioOptions['onRoute']>>[0]['schema']
}

/** Writes that send no body, and why. */
const takesNoBody: Record<string, string> = {
  'POST /api/confirm/:token': 'the token in the path is the whole request',
  'POST /api/members/:id/suspend': 'the decision is the route itself',
  'POST /api/members/:id/reinstate': 'the decision is the route itself',
  'POST /api/documents/:name/versions/:id/restore': 'the version in the path is the whole request',
  'POST /api/unsubscribe/:token': 'the token in the path is the whole request; a one-click form body (RFC 8058) is ignored',
  'POST /api/releases/:id/withdraw': 'the release in the path is the whole request',
  'POST /api/proposals/:id/withdraw': 'the proposal in the path is the whole request',
}

/** Where a handler reads its own input, and why. */
const readsItsOwnInput: Record<string, string> = {
  'signup/signup-routes.ts': 'the sign-up form is multipart, streamed by its handler (described in the document by describedOnly)',
  'matrix/matrix-import-routes.ts': 'the import reads the file as it was sent, whatever its content type',
  'history/history-routes.ts': 'its onRequest hook decides access from the raw :name before validation, as comments do with the document',
}

async function studioWithRoutes(): Promise<{ studio: Studio; routes: Route[] }> {
  const routes: Route[] = []
  const collect: NonNullable<StudioOptions['onRoute']> = (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema: route.schema })
  }
  const config = loadConfig(studioEnv(await freshStore('sqlite'), await freePort()))
  const studio = await buildStudio(config, { onRoute: collect })
  studios.push(studio)
  await studio.app.ready()
  return { studio, routes }
}

/** Outside /api/ the studio serves only its probes, the public framework page and the web app's files (one route per built file). */
const served = (routes: Route[]) =>
  routes.filter((route) => route.method !== 'HEAD' && (route.url.startsWith('/api/') || route.url === '/framework' || route.url.startsWith('/framework/') || ['/healthz', '/metrics'].includes(route.url)))

const named = (route: Route) => `${route.method} ${route.url}`

/** Fastify's `/api/members/:id` is OpenAPI's `/api/members/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

/** The names of a route's path parameters: `:id` in `/api/members/:id`, and in `/api/meetings/:id.ics`. */
const pathParameters = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1])

/** The keys a declared zod object schema names. */
const declaredKeys = (schema: unknown) => Object.keys((schema as { shape?: object } | undefined)?.shape ?? {})

async function serverSources(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')).map((entry) => join(entry.parentPath, entry.name))
}

describe('GET /api/openapi.json', () => {
  it('is public and a valid OpenAPI 3 document', async () => {
    const { studio } = await studioWithRoutes()
    const response = await studio.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json<OpenApiDocument>()
    expect(document.openapi).toMatch(/^3\./)
    const result = await validate(structuredClone(document) as never)
    expect(result.valid ? [] : result.errors).toEqual([])
  })

  it('lists every route the studio registers, with its method', async () => {
    const { studio, routes } = await studioWithRoutes()
    const document = (await studio.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>()
    expect(served(routes).length).toBeGreaterThan(20)
    const missing = served(routes).filter((route) => !document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()])
    expect(missing).toEqual([])
  })
})

describe('every route of the contract', () => {
  it('declares a response schema for its success status, so its answer is serialised through it', async () => {
    const { routes } = await studioWithRoutes()
    const withoutSuccess = served(routes)
      .filter((route) => !Object.keys(route.schema?.response ?? {}).some((status) => /^2(\d\d|xx)$/.test(status)))
      .map(named)
    expect(withoutSuccess).toEqual([])
  })

  it('declares its path parameters, each by name', async () => {
    const { routes } = await studioWithRoutes()
    const undeclared = served(routes)
      .filter((route) => pathParameters(route.url).some((parameter) => !declaredKeys(route.schema?.params).includes(parameter!)))
      .map(named)
    expect(undeclared).toEqual([])
  })

  it('declares a body wherever one is sent', async () => {
    const { routes } = await studioWithRoutes()
    const writes = served(routes).filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method))
    expect(writes.filter((route) => !route.schema?.body && !takesNoBody[named(route)]).map(named)).toEqual([])
    // An exception whose route now takes a body, or is gone, is taken off the list.
    const stale = Object.keys(takesNoBody).filter((name) => !writes.some((route) => named(route) === name && !route.schema?.body))
    expect(stale).toEqual([])
  })

  it('reads its query and body only through the declared schemas', async () => {
    const root = join(import.meta.dirname, '../../apps/server/src')
    const parsedByHand: string[] = []
    for (const file of await serverSources(root)) {
      const name = relative(root, file)
      if (readsItsOwnInput[name]) continue
      const source = await readFile(file, 'utf8')
      // `request.query as ...` or `parseWith(...)` in a handler: input the route's schema does not describe.
      if (/request\.(query|body|params) as\b|parseWith\(/.test(source) && name !== 'http/errors.ts') parsedByHand.push(name)
    }
    expect(parsedByHand).toEqual([])
  })
})
