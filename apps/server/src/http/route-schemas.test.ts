import { errorBody, ErrorCode, memberResponseSchema, signInBody } from '@studio/contract'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { registerErrorHandling } from './errors.ts'
import { jsonWithHeaders, registerRouteSchemas, withErrors } from './route-schemas.ts'
import { z } from 'zod'

const member = {
  id: 'm1', name: 'Ada', email: 'ada@example.org', role: 'organiser', status: 'approved', organisation: null, jobTitle: null,
  location: null, timezone: 'Europe/London', pmoTypes: [], frameworkExperience: null, contribution: null, attendance: 'either',
  hasAttachment: false, createdAt: '2025-01-01T00:00:00.000Z', decidedAt: null, reason: null,
}

async function appWithRoute() {
  const app = Fastify()
  registerErrorHandling(app)
  registerRouteSchemas(app)
  // A careless handler: it returns the stored row's secret beside the member.
  app.post('/leaky', { schema: { body: signInBody, response: withErrors({ 200: memberResponseSchema }) } }, async () => ({
    user: { ...member, password_hash: 'scrypt$secret' },
    session_token: 'secret',
  }))
  // The same, for an answer that also sends headers (its schema is keyed by media type).
  app.post('/leaky-with-header', {
    schema: { response: withErrors({ 200: jsonWithHeaders(memberResponseSchema, 'A member', { 'X-Count': z.string() }) }) },
  }, async (_request, reply) => {
    reply.header('x-count', '1')
    return { user: { ...member, password_hash: 'scrypt$secret' } }
  })
  await app.ready()
  return app
}

describe('route schemas', () => {
  it('leave out of a response every property its schema does not name, such as a password hash', async () => {
    const app = await appWithRoute()
    const response = await app.inject({ method: 'POST', url: '/leaky', payload: { email: 'ada@example.org', password: 'x' } })
    expect(response.statusCode).toBe(200)
    expect(response.body).not.toContain('secret')
    expect(response.json()).toEqual({ user: member })
  })

  it('filter an answer that also sends headers the same way', async () => {
    const app = await appWithRoute()
    const response = await app.inject({ method: 'POST', url: '/leaky-with-header' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['x-count']).toBe('1')
    expect(response.body).not.toContain('secret')
    expect(response.json()).toEqual({ user: member })
  })

  it('refuse an invalid body with the contract envelope, listing every field as the handlers did', async () => {
    const app = await appWithRoute()
    const response = await app.inject({ method: 'POST', url: '/leaky', payload: { email: 'not an address' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(errorBody(ErrorCode.invalid, 'Check these fields: email, password.', [
      { field: 'email', message: 'Enter an email address like name@example.org.' },
      { field: 'password', message: 'Enter your password.' },
    ]))
  })

  it('read a missing body as an empty one, so every required field is named', async () => {
    const app = await appWithRoute()
    const response = await app.inject({ method: 'POST', url: '/leaky' })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(['email', 'password'])
  })
})
