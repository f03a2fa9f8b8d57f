/**
 * Baseline (c): y-websocket 1.5.4's reference server, wired as its own bin/server.js does
 * (an HTTP server, `ws` without a server of its own, setupWSConnection per socket), on the
 * port in PORT. Without YPERSISTENCE it keeps every document in memory for good.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { WebSocketServer, type WebSocket } from 'ws'

interface ReferenceServerUtils {
  setupWSConnection(connection: WebSocket, request: http.IncomingMessage, options?: { gc?: boolean }): void
}

// bin/utils is CommonJS with no type declarations.
const { setupWSConnection } = createRequire(import.meta.url)('y-websocket/bin/utils') as ReferenceServerUtils

const port = Number(process.env.PORT)
const sockets = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})
sockets.on('connection', (connection, request) => setupWSConnection(connection, request, { gc: true }))
server.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (connection) => sockets.emit('connection', connection, request))
})
server.listen(port, '127.0.0.1', () => console.log(`y-websocket listening on ${port}`))
// Exit through process.exit, so a `--cpu-prof` profile is written.
process.on('SIGTERM', () => process.exit(0))
