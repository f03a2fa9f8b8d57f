/**
 * GET /api/openapi.json: public, valid against the OpenAPI 3 schema (checked by
 * @readme/openapi-parser), and naming every route the studio registers with its method.
 * Routes are collected as Fastify registers them (onRoute), leaving out HEAD twins, the
 * web app's files and its fallback; /collab is an upgrade, not a Fastify route.
 */
import { validate } from '@readme/openapi-parser'
import { buildStudio, type Studio, type StudioOptions } from '@studio/server'
import { loadConfig } from '@studio/server/config'
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

async function studioWithRoutes(): Promise<{ studio: Studio; routes: Array<{ method: string; url: string }> }> {
  const routes: Array<{ method: string; url: string }> = []
  const collect: NonNullable<StudioOptions['onRoute']> = (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url })
  }
  const config = loadConfig(studioEnv(await freshStore('sqlite'), await freePort()))
  const studio = await buildStudio(config, { onRoute: collect })
  studios.push(studio)
  await studio.app.ready()
  return { studio, routes }
}

/** Fastify's `/api/members/:id` is OpenAPI's `/api/members/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

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
    // Outside /api/ the studio serves only its probes and the web app's files (one route per built file).
    const served = routes.filter((route) => route.method !== 'HEAD' && (route.url.startsWith('/api/') || ['/healthz', '/metrics'].includes(route.url)))
    expect(served.length).toBeGreaterThan(20)
    const missing = served.filter((route) => !document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()])
    expect(missing).toEqual([])
  })
})
