/**
 * Serves the built web app (apps/web/dist) from the same port, with the single-page
 * fallback: any GET that is not an API or asset path gets index.html.
 */
import fastifyStatic from '@fastify/static'
import { errorBody, ErrorCode } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../config.ts'

export const webAppDirectory = path.join(repositoryRoot, 'apps/web/dist')

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(path.join(webAppDirectory, 'index.html'))) {
    app.log.warn(`No built web app in ${webAppDirectory}: run "pnpm build" (pnpm start does it for you). The API still works.`)
    return
  }
  await app.register(fastifyStatic, { root: webAppDirectory, wildcard: false, index: false })
  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/'
    if (pathname.startsWith('/api/') || path.extname(pathname) !== '') {
      return reply.status(404).send(errorBody(ErrorCode.notFound, `Nothing at ${pathname}.`))
    }
    // The shell must never be cached, or a deploy would leave people on old assets.
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
