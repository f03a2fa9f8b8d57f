/**
 * Baseline (b): Hocuspocus 4's own `Server` with no extensions, on the port in PORT. It
 * keeps documents in memory only and unloads one when its last connection leaves.
 */
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT)
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: true })
await server.listen()
console.log(`bare Hocuspocus listening on ${port}`)
