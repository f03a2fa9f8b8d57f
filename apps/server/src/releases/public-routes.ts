/**
 * The public framework page (issue 16, points 3 and 5), open to everyone without signing in:
 * `/framework` (the latest release and the earlier ones), `/framework/:release` (a release by
 * slug or id) and its downloads, made by matrix/framework-files.ts from the release's
 * version, exactly as the members' exports are. Drafts (anything not released) have no
 * address here; a withdrawn release answers 404.
 *
 * Caching: every answer carries a strong ETag (a hash of its bytes) and is 304 on a matching
 * If-None-Match. Pages may be kept for a minute (`public, max-age=60`), so a withdrawal
 * shows within a minute even behind a shared cache; a release's files never change while it
 * is public, so they may be kept for an hour. Excel and Word files carry the moment they were
 * zipped, so each file is made once per instance and kept (the newest few): the same bytes,
 * and so the same ETag, for every visitor to this instance.
 */
import { frameworkFileFormats, PublicReleaseParams, type FrameworkFileFormat } from '@studio/contract'
import { documentFromState } from '@studio/framework'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { createHash } from 'node:crypto'
import type * as Y from 'yjs'
import { notFound } from '../http/errors.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { frameworkContentTypes, frameworkFile, type FrameworkFile } from '../matrix/framework-files.ts'
import { creditGroups, reviewedBetween } from './release-credits.ts'
import { ReleaseDetailsCache, releaseDetails } from './release-details.ts'
import { publicPageHtml, type ReleaseView } from './public-page.ts'
import { findLiveRelease, liveReleases, type ReleaseRow } from './releases-repository.ts'

export const publicCacheControl = { page: 'public, max-age=60', file: 'public, max-age=3600' } as const

const releaseGone = () => notFound('There is no public release at this address. It may have been withdrawn; see /framework for the released versions.')

/** Sends `body` with a strong ETag of its bytes, or 304 when the client already has it. */
function sendCached(request: FastifyRequest, reply: FastifyReply, body: string | Uint8Array, cacheControl: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  reply.header('etag', etag).header('cache-control', cacheControl)
  const wanted = request.headers['if-none-match']
  if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.status(304).send()
  return reply.send(body)
}

export function registerPublicRoutes(app: FastifyInstance): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const { store, history } = app
  const cache = new ReleaseDetailsCache()
  const files = new Map<string, Promise<FrameworkFile>>()
  const keptFiles = 36
  const publicUrl = app.config.publicUrl

  async function view(release: ReleaseRow, all: ReleaseRow[]): Promise<ReleaseView> {
    // The release before: the newest public one made before it.
    const previous = all.find((other) => other.created_at < release.created_at || (other.created_at === release.created_at && other.id < release.id)) ?? null
    const details = await cache.get(release, previous, () => releaseDetails({ store, history }, release, previous))
    const reviewed = await reviewedBetween(store, previous?.created_at ?? null, release.created_at)
    return { release, previous, details, credits: await creditGroups(store, { ...details.credits, reviewed }) }
  }

  /** The release's file, made once and kept (the newest `keptFiles`). */
  function releaseFile(release: ReleaseRow, format: FrameworkFileFormat): Promise<FrameworkFile> {
    const key = `${release.id}:${format}`
    let file = files.get(key)
    if (!file) {
      file = (async () => {
        const version = await history.find(release.matrix_version_id)
        if (!version) throw releaseGone()
        const read = async <T>(reader: (doc: Y.Doc) => T): Promise<T> => {
          const doc = documentFromState(version.state)
          try {
            return reader(doc)
          } finally {
            doc.destroy()
          }
        }
        // The release's date, not today's, in the HTML page and the CASE package.
        return frameworkFile(format, read, { publicUrl, date: new Date(release.created_at) })
      })()
      file.catch(() => files.delete(key))
      files.set(key, file)
      if (files.size > keptFiles) files.delete(files.keys().next().value!)
    }
    return file
  }

  const page = (description: string) => ({
    schema: { response: withErrors({ 200: download('text/html', description) }) },
  })

  routes.get('/framework', page('The public framework page, no sign-in: the latest release (its notes, downloads under the framework\'s licence, changes from the release before, credits) and the earlier releases. ETag and If-None-Match (304).'),
    async (request, reply) => {
      const all = await liveReleases(store.db)
      const shown = all[0] ? await view(all[0], all) : null
      reply.type('text/html; charset=utf-8')
      return sendCached(request, reply, publicPageHtml({ shown, releases: all, latest: true }), publicCacheControl.page)
    })

  routes.get('/framework/:release', {
    schema: { params: PublicReleaseParams, response: withErrors({ 200: download('text/html', 'One release on the public page, by its slug or id; 404 for a withdrawn release or anything not released. No sign-in.') }) },
  }, async (request, reply) => {
    const all = await liveReleases(store.db)
    const { release: wanted } = request.params
    const release = all.find((row) => row.slug === wanted || row.id === wanted)
    if (!release) throw releaseGone()
    reply.type('text/html; charset=utf-8')
    return sendCached(request, reply, publicPageHtml({ shown: await view(release, all), releases: all, latest: false }), publicCacheControl.page)
  })

  for (const format of frameworkFileFormats) {
    routes.get(`/framework/:release/framework.${format}`, {
      schema: {
        params: PublicReleaseParams,
        response: withErrors({ 200: download(frameworkContentTypes[format].split(';')[0]!, `The release's framework as framework.${format}, made from the release's version exactly as the members' export is. No sign-in; 404 for a withdrawn release.`) }),
      },
    }, async (request, reply) => {
      const release = await findLiveRelease(store.db, request.params.release)
      if (!release) throw releaseGone()
      const file = await releaseFile(release, format)
      const fileName = `${file.fileName.replace(/\.[^]*$/, '')}-${release.slug}.${format}`
      reply.header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('x-content-type-options', 'nosniff')
      if (file.sandboxed) reply.header('content-security-policy', 'sandbox')
      return sendCached(request, reply, file.body, publicCacheControl.file)
    })
  }
}
