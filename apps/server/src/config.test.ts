/**
 * Configuration: ARCHITECTURE.md's defaults, and every bad value stops the start with a
 * ConfigError naming the variable. Each test passes its own env object, never process.env.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

// Worked out from this file's place (apps/server/src), not taken from config.ts.
const repoRoot = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)))

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig defaults', () => {
  it('uses the defaults from ARCHITECTURE.md when no variable is set', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.host).toBe('127.0.0.1')
    expect(config.publicUrl).toBe('http://localhost:3000')
    expect(config.publicOrigin).toBe('http://localhost:3000')
    expect(config.dataDir).toBe(path.join(repoRoot, 'data'))
    expect(config.databaseUrl).toBeNull()
    expect(config.redisUrl).toBeNull()
    expect(config.smtpUrl).toBeNull()
    expect(config.metricsToken).toBeNull()
    expect(config.trustProxy).toBe(false)
    expect(config.sessionIdleDays).toBe(14)
    expect(config.sessionMaxDays).toBe(60)
    expect(config.rateLimitSignin).toEqual({
      perAccount: { max: 10, windowMinutes: 15 },
      perAddress: { max: 100, windowMinutes: 15 },
    })
    expect(config.rateLimitSignup).toEqual({ max: 30, windowMinutes: 60 })
    expect(config.logLevel).toBe('info')
  })

  it('derives the default PUBLIC_URL from PORT', () => {
    const config = loadConfig({ PORT: '4100' })
    expect(config.port).toBe(4100)
    expect(config.publicUrl).toBe('http://localhost:4100')
    expect(config.publicOrigin).toBe('http://localhost:4100')
  })

  it('treats an empty or blank variable as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '  ', LOG_LEVEL: '' })
    expect(config.port).toBe(3000)
    expect(config.databaseUrl).toBeNull()
    expect(config.redisUrl).toBeNull()
    expect(config.logLevel).toBe('info')
  })

  it('resolves a relative DATA_DIR against the repository root and keeps an absolute one', () => {
    expect(loadConfig({ DATA_DIR: './var/studio' }).dataDir).toBe(path.join(repoRoot, 'var', 'studio'))
    expect(loadConfig({ DATA_DIR: '/srv/studio-data' }).dataDir).toBe('/srv/studio-data')
  })

  it('keeps 14 daily backups in DATA_DIR/backups unless BACKUP_KEEP and BACKUP_DIR say otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/studio' })).toMatchObject({ backupDir: '/srv/studio/backups', backupKeep: 14 })
    expect(loadConfig({ BACKUP_DIR: '/mnt/backups', BACKUP_KEEP: '30' })).toMatchObject({ backupDir: '/mnt/backups', backupKeep: 30 })
  })

  it('takes the origin from PUBLIC_URL and drops a trailing slash', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://studio.example.org/' })
    expect(config.publicUrl).toBe('https://studio.example.org')
    expect(config.publicOrigin).toBe('https://studio.example.org')
  })

  it('accepts valid store, Redis, session, rate limit and log settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db.example/studio',
      REDIS_URL: 'rediss://cache.example:6380',
      SESSION_IDLE_DAYS: '7',
      SESSION_MAX_DAYS: '7',
      RATE_LIMIT_SIGNIN: '5,50,10',
      RATE_LIMIT_SIGNUP: '12,30',
      LOG_LEVEL: 'debug',
    })
    expect(config.databaseUrl).toBe('postgres://db.example/studio')
    expect(config.redisUrl).toBe('rediss://cache.example:6380')
    expect([config.sessionIdleDays, config.sessionMaxDays]).toEqual([7, 7])
    expect(config.rateLimitSignin).toEqual({
      perAccount: { max: 5, windowMinutes: 10 },
      perAddress: { max: 50, windowMinutes: 10 },
    })
    expect(config.rateLimitSignup).toEqual({ max: 12, windowMinutes: 30 })
    expect(config.logLevel).toBe('debug')
  })
})

describe('loadConfig TRUST_PROXY', () => {
  it('does not trust proxies when TRUST_PROXY is unset or "false"', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  it('refuses TRUST_PROXY=true and asks for the proxy addresses instead', () => {
    const [problem] = configError({ TRUST_PROXY: 'true' }).problems
    expect(problem).toMatch(/^TRUST_PROXY/)
    expect(problem).toMatch(/proxy addresses/)
  })

  it('accepts the named ranges loopback, linklocal and uniquelocal and IPv6 ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback,fd00::/8' }).trustProxy).toEqual(['loopback', 'fd00::/8'])
  })

  it('reads a comma-separated list of proxy addresses and ranges, trimmed', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16 ,' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16'])
  })
})

describe('loadConfig bad values', () => {
  const badValues: Array<[variable: string, env: Record<string, string>]> = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://x' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/studio' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['SMTP_URL', { SMTP_URL: 'mailto:someone@example.org' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SESSION_IDLE_DAYS', { SESSION_IDLE_DAYS: '0' }],
    ['SESSION_MAX_DAYS', { SESSION_IDLE_DAYS: '30', SESSION_MAX_DAYS: '20' }],
    ['RATE_LIMIT_SIGNIN', { RATE_LIMIT_SIGNIN: 'ten' }],
    ['RATE_LIMIT_SIGNIN', { RATE_LIMIT_SIGNIN: '10' }],
    ['RATE_LIMIT_SIGNUP', { RATE_LIMIT_SIGNUP: 'thirty' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', { TRUST_PROXY: '1' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['BACKUP_KEEP', { BACKUP_KEEP: '0' }],
    ['BACKUP_KEEP', { BACKUP_KEEP: 'two weeks' }],
  ]

  it.each(badValues)('rejects a bad %s with one problem that names it (%j)', (variable, env) => {
    const error = configError(env)
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]).toContain(variable)
    expect(error.message).toContain(variable)
  })

  it('says what a bad PORT expects and echoes the value it got', () => {
    const [problem] = configError({ PORT: 'abc' }).problems
    expect(problem).toMatch(/port number/)
    expect(problem).toContain('"abc"')
  })

  it('reports several bad values together in one error', () => {
    const error = configError({
      PORT: 'abc',
      PUBLIC_URL: 'ftp://x',
      DATABASE_URL: 'mysql://root@localhost/studio',
      REDIS_URL: 'http://localhost:6379',
      LOG_LEVEL: 'loud',
      SESSION_IDLE_DAYS: '30',
      SESSION_MAX_DAYS: '20',
      RATE_LIMIT_SIGNIN: 'ten',
    })
    const variables = ['PORT', 'PUBLIC_URL', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'SESSION_MAX_DAYS', 'RATE_LIMIT_SIGNIN']
    expect(error.problems).toHaveLength(variables.length)
    for (const variable of variables) {
      expect(error.problems.some((problem) => problem.startsWith(variable))).toBe(true)
    }
  })
})
