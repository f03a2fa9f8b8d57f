/**
 * A redis-server of the test's own, on a port of its own, that the test can kill and start
 * again on the same port: Redis going away and coming back, without touching the Redis
 * other tests share. The caller kills it when done.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { freePort, waitFor } from './studio.ts'

export interface PrivateRedis {
  url: string
  start(): Promise<void>
  kill(): Promise<void>
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const accepting = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false))
      socket.once('close', () => socket.destroy())
      setTimeout(() => socket.end(), 50)
    })
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
      await waitFor(accepting, 10_000, 'the private redis-server to accept connections')
    },
    async kill() {
      const dying = child
      child = undefined
      if (!dying || dying.exitCode !== null) return
      const exited = new Promise((resolve) => dying.once('exit', resolve))
      dying.kill('SIGKILL')
      await exited
    },
  }
  await redis.start()
  return redis
}
