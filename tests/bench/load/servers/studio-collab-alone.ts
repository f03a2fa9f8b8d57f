/**
 * A diagnostic server, not a baseline: the studio's whole collaboration server
 * (collab/collaboration.ts: the upgrade's session check, the per-socket document limit,
 * document access, vouched presence, the model check, the durable log and the delivery
 * counter) on a plain node:http server, in a process of its own, with nothing else of the
 * studio: no Fastify, no watchers (search, history, notifications), no timers. It measures
 * what the studio's edit path would cost in a collaboration process of its own, the
 * architecture change that PERFORMANCE.md names for issue 19's first point
 * (`pnpm bench --servers studio,hocuspocus,studio-collab-alone`). The bench creates the
 * members and their sessions in DATA_DIR's store before it starts this.
 */
import { createServer } from 'node:http'
import { collabPath, createCollaboration, type CollaborationOptions } from '@studio/server/collab/collaboration'
import { loadConfig } from '@studio/server/config'
import { createStudioMetrics } from '@studio/server/metrics/studio-metrics'
import { openStore } from '@studio/server/store/database'

// The studio's own configuration from the same environment: its Origin and session policy.
const config = loadConfig(process.env)
const store = await openStore(config)
const quiet = () => {}
const log = { trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, fatal: console.error, child: () => log } as unknown as CollaborationOptions['log']
const collaboration = createCollaboration({
  store, log, publicOrigin: config.publicOrigin, sessionPolicy: { idleDays: config.sessionIdleDays, maxDays: config.sessionMaxDays },
  metrics: createStudioMetrics({ connections: () => 0, loadedDocuments: () => 0, applicationsWaiting: async () => 0 }),
})
const server = createServer((_request, response) => response.end('ok'))
server.on('upgrade', (request, socket, head) => {
  if (new URL(request.url ?? '/', 'http://localhost').pathname === collabPath) collaboration.handleUpgrade(request, socket, head)
  else socket.destroy()
})
server.listen(config.port, config.host, () => console.log(`the studio's collaboration server alone, listening on ${config.port}`))
process.on('SIGTERM', () => {
  void collaboration.shutdown().then(() => server.close(() => process.exit(0)))
})
