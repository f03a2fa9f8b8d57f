/**
 * A diagnostic server, not a baseline: bare Hocuspocus 4's `Server` serving the bench, in a
 * process that also runs a whole studio (seeded store in DATA_DIR, its plugins, timers and
 * memory) which nobody connects to. Its edit path is bare Hocuspocus's; everything else about
 * the process is the studio's. Against bare Hocuspocus it measures what being the studio's
 * process costs the same edit path (`pnpm bench --servers hocuspocus,hocuspocus-beside-studio`).
 */
import { Server } from '@hocuspocus/server'
import { buildStudio } from '@studio/server'
import { loadConfig } from '@studio/server/config'

const port = Number(process.env.PORT)
const studioPort = port + 1
const studio = await buildStudio(loadConfig({
  PORT: String(studioPort), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${studioPort}`,
  DATA_DIR: process.env.DATA_DIR!, LOG_LEVEL: 'warn',
}))
await studio.app.listen({ port: studioPort, host: '127.0.0.1' })
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: true, async onDestroy() { await studio.close() } })
await server.listen()
console.log(`bare Hocuspocus beside an idle studio listening on ${port}`)
