/**
 * Serves the built web app (apps/web/dist) from the same port, with the single-page
 * fallback: any GET that is not an API or asset path gets index.html.
 *
 * Files are sent precompressed (the build writes .br and .gz beside each text file, and
 * @fastify/static picks the best the browser accepts). Vite names every file under
 * `assets/` (and Workbox its runtime) after a hash of its content, so those are cached for a
 * year as immutable; everything else (index.html, sw.js, the manifest, the icon) must be
 * asked for again each time, or a deploy would leave people on old assets.
 */
import fastifyStatic from '@fastify/static'
import { errorBody, ErrorCode } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../config.ts'

export const webAppDirectory = path.join(repositoryRoot, 'apps/web/dist')

export const cacheControl = {
  hashed: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
} as const

/** A file whose name carries a hash of its content: a new build gives it a new name. */
export function isContentHashed(relativePath: string): boolean {
  return relativePath.startsWith(`assets${path.sep}`) || /^workbox-[0-9a-f]{8}\.js$/.test(relativePath)
}

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(path.join(webAppDirectory, 'index.html'))) {
    app.log.warn(`No built web app in ${webAppDirectory}: run "pnpm build" (pnpm start does it for you). The API still works.`)
    return
  }
  await app.register(fastifyStatic, {
    root: webAppDirectory,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const relative = path.relative(webAppDirectory, filePath).replace(/\.(br|gz)$/, '')
      reply.header('cache-control', isContentHashed(relative) ? cacheControl.hashed : cacheControl.revalidate)
    },
  })
  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/'
    if (pathname.startsWith('/api/') || path.extname(pathname) !== '') {
      return reply.status(404).send(errorBody(ErrorCode.notFound, `Nothing at ${pathname}.`))
    }
    return reply.sendFile('index.html')
  })
}
