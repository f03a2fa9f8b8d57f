/**
 * Starts the studio: reads the configuration, listens, prints the one-time set-up link
 * when no organiser exists, and shuts down gracefully on SIGTERM or SIGINT.
 */
import { buildStudio } from './app.ts'
import { issueSetupToken } from './accounts/setup.ts'
import { ConfigError, loadConfig } from './config.ts'
import { loadMallocTrim, releaseMemoryWhenIdle } from './memory/idle-memory-release.ts'
import { StoreStartError } from './store/start-errors.ts'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }

  const studio = await buildStudio(config).catch((error: unknown) => {
    // A store that cannot be opened (DATA_DIR unwritable, PostgreSQL unreachable) is one line naming what to fix.
    if (error instanceof StoreStartError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  })
  const { app } = studio
  const releaseFreedMemory = await loadMallocTrim(app.log)
  if (releaseFreedMemory) {
    releaseMemoryWhenIdle({ isIdle: () => studio.collaboration.hocuspocus.getDocumentsCount() === 0, release: releaseFreedMemory })
  }
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: storing documents and closing connections')
    try {
      await studio.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))

  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error
    app.log.fatal(`Cannot listen on ${config.host}:${config.port} (${code}): stop whatever uses that port, or choose another with PORT.`)
    await studio.close()
    process.exit(1)
  }
  app.log.info({ url: config.publicUrl, store: studio.store.dialect }, 'Working Group Studio is running')

  const setupToken = await issueSetupToken(studio.store.db)
  if (setupToken) {
    app.log.warn(`No organiser yet. Create the first organiser account within 24 hours at ${config.publicUrl}/setup/${setupToken}`)
  }
}

await main()
