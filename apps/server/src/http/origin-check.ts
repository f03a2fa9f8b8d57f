/**
 * State-changing requests must come from the studio's own pages: the browser's Origin
 * header has to match PUBLIC_URL. Together with SameSite=Lax cookies this stops
 * cross-site request forgery without tokens in every form.
 *
 * The check is decided by the method alone, never by the path: the router decodes a path
 * before it matches a route (`/%61pi/signup` is `/api/signup`, and so is `/./api/signup`),
 * so any rule written against the raw URL can be stepped around by spelling the path
 * another way. Every method that may change data needs the Origin, on every path; the
 * studio has no state-changing route that a foreign page may call.
 */
import { errorBody, ErrorCode } from '@studio/contract'
import type { FastifyInstance } from 'fastify'

/** Methods that never change data (RFC 9110's safe methods the studio answers). */
export const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

export function registerOriginCheck(app: FastifyInstance, publicOrigin: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (safeMethods.has(request.method)) return
    // A route that acts on a secret in its own URL and on no session may be called from
    // anywhere: a mail provider's one-click unsubscribe (RFC 8058) posts without an Origin.
    // Decided by the route the router matched, never by the raw path.
    if ((request.routeOptions.config as { foreignOriginAllowed?: boolean } | undefined)?.foreignOriginAllowed === true) return
    if (request.headers.origin !== publicOrigin) {
      return reply
        .status(403)
        .send(errorBody(ErrorCode.badOrigin, `Requests that change data must come from ${publicOrigin}.`))
    }
  })
}
