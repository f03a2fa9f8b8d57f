/**
 * Builds the studio: one Fastify instance serving the API, the collaboration socket on
 * /collab and the web app. It never listens; main.ts does, and tests call inject() or
 * listen on port 0.
 */
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import { attachmentRules } from '@studio/contract'
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import type { Redis } from 'ioredis'
import { accountsPlugin } from './accounts/accounts-plugin.ts'
import { activityPlugin } from './activity/activity-plugin.ts'
import { backupPlugin } from './backup/backup-plugin.ts'
import { decoyHash } from './accounts/passwords.ts'
import { collabPath, createCollaboration, type Collaboration } from './collab/collaboration.ts'
import { createDocumentSignals } from './collab/document-signals.ts'
import { createRevocations, quickReconnect, type Revocations } from './collab/revocation.ts'
import { createServerChanges, type ServerChanges } from './collab/server-changes.ts'
import { startSocketRecheck } from './collab/socket-recheck.ts'
import { reconcileLoadedDocuments } from './collab/store-reconciliation.ts'
import { commentsPlugin } from './comments/comments-plugin.ts'
import { historyPlugin } from './history/history-plugin.ts'
import { searchPlugin } from './search/search-plugin.ts'
import { releasesPlugin } from './releases/releases-plugin.ts'
import { roundsPlugin } from './rounds/rounds-plugin.ts'
import { assessmentPlugin } from './assessment/assessment-plugin.ts'
import { ReleaseFrameworks } from './assessment/release-frameworks.ts'

import { proposalsPlugin } from './proposals/proposals-plugin.ts'
import type { Config } from './config.ts'
import { memoryAttemptCounter, redisAttemptCounter } from './http/attempt-limits.ts'
import { registerErrorHandling } from './http/errors.ts'
import { registerHealthRoute } from './http/health.ts'
import { serializeRequestForLog } from './http/log-redaction.ts'
import { registerNulCheck } from './http/nul-characters.ts'
import { registerOpenApi, registerOpenApiRoute } from './http/openapi.ts'
import { registerOriginCheck } from './http/origin-check.ts'
import { registerRouteSchemas } from './http/route-schemas.ts'
import { registerSecurityHeaders } from './http/security-headers.ts'
import { studioServices } from './http/studio-services.ts'
import { registerWebApp } from './http/web-app.ts'
import { createMailer, type Mailer } from './mail/mailer.ts'
import { matrixPlugin } from './matrix/matrix-plugin.ts'
import { meetingsPlugin } from './meetings/meetings-plugin.ts'
import { membersPlugin } from './members/members-plugin.ts'
import { notificationsPlugin } from './notifications/notifications-plugin.ts'
import { myAccountPlugin } from './my-account/my-account-plugin.ts'
import { peoplePlugin } from './people/people-plugin.ts'
import { registerMetricsRoute } from './metrics/metrics-route.ts'
import { createStudioMetrics } from './metrics/studio-metrics.ts'
import { redisConnection, type RedisConnection } from './redis/redis-connection.ts'
import { signupPlugin } from './signup/signup-plugin.ts'
import { studioHealthPlugin } from './studio-health/studio-health-plugin.ts'
import { openStore, type Store } from './store/database.ts'
import { countPendingMembers } from './store/members-repository.ts'
import { termsPlugin } from './terms/terms-plugin.ts'
import { workspacePlugin } from './workspace/workspace-plugin.ts'

export interface Studio {
  app: FastifyInstance
  store: Store
  collaboration: Collaboration
  /** The studio's own writes to documents (imports, comment mirrors), through the durable log. */
  serverChanges: ServerChanges
  mailer: Mailer
  revocations: Revocations
  /** Stores every document, closes sockets and the store. Safe to call twice. */
  close(): Promise<void>
}

/** Knobs for tests, not for deployments. */
export interface StudioOptions {
  /** How often live sockets are re-checked against the store (socket-recheck.ts); 5 s by default. */
  socketRecheckIntervalMs?: number
  /** Called for every route as it is registered (the OpenAPI test lists them this way). */
  onRoute?: (route: RouteOptions) => void
  /** How long a document stays without an edit before its history captures a version; 10 minutes by default. */
  historyQuietMs?: number
  /** How often a document a member keeps open counts as seen again (activity/); 5 minutes by default. */
  visitIntervalMs?: number
  /** The studio's clock for meeting ends, notifications, their mail, proposals' closing, daily backups, consultation rounds' times and the health page's uptime; the real one by default (tests choose instants). */
  now?: () => Date
  /** When the health page calls the disk nearly full; under 1 GiB or 5 % free by default. */
  diskLow?: { minFreeBytes: number; minFreeRatio: number }
}

export async function buildStudio(config: Config, options: StudioOptions = {}): Promise<Studio> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      // Set-up, confirmation and invite tokens in URLs never reach the log.
      serializers: { req: serializeRequestForLog },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  })
  const store = await openStore({
    ...config,
    onConnectionLost: (error) => app.log.warn({ reason: error.message }, 'the database ended an idle connection; it will be replaced'),
  })
  // Hash the decoy now, so the first sign-in with an unknown email is not slower than the rest.
  await decoyHash()

  const sessionPolicy = { idleDays: config.sessionIdleDays, maxDays: config.sessionMaxDays }
  // Gauges are read at scrape time, after the collaboration server below exists.
  const metrics = createStudioMetrics({
    connections: () => collaboration.hocuspocus.getConnectionsCount(),
    loadedDocuments: () => collaboration.hocuspocus.getDocumentsCount(),
    applicationsWaiting: () => countPendingMembers(store.db),
  })
  // With REDIS_URL, the start waits until Redis answers, saying so in one line: serving
  // without it would let this instance's edits and revocations miss the others.
  const redisLink = config.redisUrl ? redisConnection(config.redisUrl, app.log) : null
  const redis = redisLink ? connectRedis(redisLink) : null
  if (redisLink && redis) await redisLink.untilReady(redis.publisher)
  // Releases' frameworks, read once: the collaboration server checks assessments against their scale.
  const releaseFrameworks = new ReleaseFrameworks(store)
  const collaboration = createCollaboration({
    store, log: app.log, publicOrigin: config.publicOrigin, sessionPolicy, metrics,
    assessmentScale: (memberId) => releaseFrameworks.scaleOf(memberId),
    ...(config.redisUrl && redisLink ? { redis: { url: config.redisUrl, prefix: config.redisPrefix, createClient: () => redisLink.createClient() } } : {}),
  })
  const serverChanges = createServerChanges(collaboration.hocuspocus, store)
  const attempts = redis ? redisAttemptCounter(redis.publisher, config.redisPrefix) : memoryAttemptCounter()
  const socketRecheck = startSocketRecheck({
    db: store.db, connections: collaboration.connections, sessionPolicy, log: app.log,
    ...(options.socketRecheckIntervalMs ? { intervalMs: options.socketRecheckIntervalMs } : {}),
  })
  const revocations = await createRevocations({
    connections: collaboration.connections,
    recheckIntervalMs: socketRecheck.intervalMs,
    onRedisReturn: () => {
      void socketRecheck.now()
      catchUpWithTheStore()
    },
    log: app.log,
    ...(redis ? { redis: { ...redis, prefix: config.redisPrefix } } : {}),
  })
  const documentSignals = await createDocumentSignals({
    hocuspocus: collaboration.hocuspocus, log: app.log,
    ...(redis ? { redis: { ...redis, prefix: config.redisPrefix } } : {}),
  })
  // Edits relayed while Redis was down may be lost in transit, never in the store: read it
  // back once Redis returns, and again a moment later for edits that were mid-way then.
  const catchUpWithTheStore = () => {
    void reconcileLoadedDocuments(collaboration.hocuspocus, store, app.log)
    setTimeout(() => void reconcileLoadedDocuments(collaboration.hocuspocus, store, app.log), 2000).unref()
  }
  const mailer = createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom, log: app.log })

  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  registerErrorHandling(app)
  registerRouteSchemas(app)
  registerNulCheck(app)
  await registerSecurityHeaders(app, config.publicOrigin)
  await app.register(fastifyCookie)
  await app.register(fastifyMultipart, { limits: { fileSize: attachmentRules.maxBytes, files: 1, fields: 40, fieldSize: 16 * 1024 } })
  registerOriginCheck(app, config.publicOrigin)
  await app.register(studioServices, { config, store, collaboration, serverChanges, mailer, revocations, documentSignals, attempts, sessionPolicy })

  await registerOpenApi(app)

  registerHealthRoute(app, store)
  registerMetricsRoute(app, metrics, config.metricsToken)
  // Features, each one plugin; accounts first, since every other feature authenticates through it.
  await app.register(workspacePlugin)
  await app.register(accountsPlugin)
  await app.register(signupPlugin)
  await app.register(membersPlugin)
  await app.register(myAccountPlugin)
  await app.register(peoplePlugin)
  await app.register(matrixPlugin)
  await app.register(termsPlugin)
  await app.register(meetingsPlugin)
  await app.register(commentsPlugin)
  await app.register(historyPlugin, { ...(options.historyQuietMs ? { quietMs: options.historyQuietMs } : {}), ...(options.now ? { now: options.now } : {}) })
  await app.register(notificationsPlugin, options.now ? { now: options.now } : {})
  await app.register(activityPlugin, options.visitIntervalMs ? { visitIntervalMs: options.visitIntervalMs } : {})
  await app.register(searchPlugin)
  await app.register(releasesPlugin)
  await app.register(roundsPlugin, options.now ? { now: options.now } : {})
  await app.register(assessmentPlugin, { frameworks: releaseFrameworks })
  await app.register(proposalsPlugin, options.now ? { now: options.now } : {})
  await app.register(backupPlugin, options.now ? { now: options.now } : {})
  await app.register(studioHealthPlugin, {
    redis: redis?.publisher ?? null,
    ...(options.now ? { now: options.now } : {}),
    ...(options.diskLow ? { diskLow: options.diskLow } : {}),
  })
  registerOpenApiRoute(app)
  await registerWebApp(app)

  app.server.on('upgrade', (request, socket, head) => {
    // A client may leave while its upgrade is decided or refused. Until the WebSocket library
    // takes the socket over, nothing else listens for its 'error' (EPIPE, ECONNRESET), and an
    // 'error' without a listener ends the process: one dropped connection stopped the studio.
    socket.on('error', (error) => {
      app.log.debug({ reason: error.message }, 'a socket ended while its upgrade was answered')
      socket.destroy()
    })
    if (new URL(request.url ?? '/', 'http://localhost').pathname === collabPath) {
      collaboration.handleUpgrade(request, socket, head)
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    }
  })

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      await collaboration.shutdown()
      await app.close()
      socketRecheck.stop()
      await revocations.close()
      await documentSignals.close()
      await mailer.flush(5000)
      if (redis) await Promise.all([redis.publisher.quit(), redis.subscriber.quit()])
      await store.close()
    })()
    return closing
  }
  return { app, store, collaboration, serverChanges, mailer, revocations, close }
}

/** Two connections: a Redis connection in subscriber mode can do nothing else. */
function connectRedis(redis: RedisConnection): { publisher: Redis; subscriber: Redis } {
  return { publisher: redis.createClient({ maxRetriesPerRequest: 3, ...quickReconnect }), subscriber: redis.createClient(quickReconnect) }
}
