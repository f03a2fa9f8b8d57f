/**
 * State-changing requests must come from the studio's own pages: the browser's Origin
 * header has to match PUBLIC_URL. Together with SameSite=Lax cookies this stops
 * cross-site request forgery without tokens in every form.
 */
import { errorBody, ErrorCode } from '@studio/contract'
import type { FastifyInstance } from 'fastify'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export function registerOriginCheck(app: FastifyInstance, publicOrigin: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return
    if (request.headers.origin !== publicOrigin) {
      return reply
        .status(403)
        .send(errorBody(ErrorCode.badOrigin, `Requests that change data must come from ${publicOrigin}.`))
    }
  })
}
