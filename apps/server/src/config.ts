/**
 * Configuration from the environment, with ARCHITECTURE.md's defaults. Every bad value is
 * reported at once, naming the variable and what it expects, so a start fails clearly.
 */
import { isIP } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface RateLimit {
  max: number
  windowMinutes: number
}

export interface Config {
  port: number
  host: string
  publicUrl: string
  /** `PUBLIC_URL`'s origin: the only Origin accepted on state-changing requests and WebSockets. */
  publicOrigin: string
  dataDir: string
  databaseUrl: string | null
  redisUrl: string | null
  /** Prefix for every Redis key and channel, so several studios (or test runs) can share one Redis. */
  redisPrefix: string
  smtpUrl: string | null
  mailFrom: string
  /** The proxies whose X-Forwarded-* headers are believed; never every hop (see parseTrustProxy). */
  trustProxy: false | string[]
  sessionIdleDays: number
  sessionMaxDays: number
  rateLimitSignin: { perAccount: RateLimit; perAddress: RateLimit }
  rateLimitSignup: RateLimit
  metricsToken: string | null
  logLevel: string
  /** Where the daily backups go (backup/): BACKUP_DIR, else DATA_DIR/backups. */
  backupDir: string
  /** How many daily backups are kept; older ones are deleted. */
  backupKeep: number
}

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.problems = problems
  }
}

/** The repository root: relative paths in the configuration are resolved against it. */
export const repositoryRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)))

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }

  const port = integer(read('PORT'), 3000, 'PORT', 'a port number from 0 to 65535', 0, 65535, problems)
  const host = read('HOST') ?? '127.0.0.1'
  const publicUrl = (read('PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '')
  let publicOrigin = ''
  try {
    const url = new URL(publicUrl)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol')
    publicOrigin = url.origin
  } catch {
    problems.push(`PUBLIC_URL must be an http or https URL such as https://studio.example.org (got "${publicUrl}").`)
  }

  const databaseUrl = read('DATABASE_URL') ?? null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL starting with postgres:// (leave it unset for SQLite).')
  }
  const redisUrl = read('REDIS_URL') ?? null
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://.')
  }
  const smtpUrl = read('SMTP_URL') ?? null
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push('SMTP_URL must start with smtp:// or smtps://.')
  }

  const logLevel = read('LOG_LEVEL') ?? 'info'
  if (!logLevels.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${logLevel}").`)
  }

  const sessionIdleDays = integer(read('SESSION_IDLE_DAYS'), 14, 'SESSION_IDLE_DAYS', 'a whole number of days from 1 to 365', 1, 365, problems)
  const sessionMaxDays = integer(read('SESSION_MAX_DAYS'), 60, 'SESSION_MAX_DAYS', 'a whole number of days from 1 to 3650', 1, 3650, problems)
  if (sessionMaxDays < sessionIdleDays) {
    problems.push('SESSION_MAX_DAYS must be at least SESSION_IDLE_DAYS.')
  }

  const dataDir = path.resolve(repositoryRoot, read('DATA_DIR') ?? './data')
  const backupKeep = integer(read('BACKUP_KEEP'), 14, 'BACKUP_KEEP', 'how many daily backups to keep, a whole number from 1 to 3650', 1, 3650, problems)

  return finish(problems, {
    port,
    host,
    publicUrl,
    publicOrigin,
    dataDir,
    databaseUrl,
    redisUrl,
    redisPrefix: read('REDIS_PREFIX') ?? 'studio:',
    smtpUrl,
    mailFrom: read('MAIL_FROM') ?? `Working Group Studio <no-reply@${publicOrigin ? new URL(publicOrigin).hostname : 'localhost'}>`,
    trustProxy: parseTrustProxy(read('TRUST_PROXY'), problems),
    sessionIdleDays,
    sessionMaxDays,
    rateLimitSignin: parseSigninLimit(read('RATE_LIMIT_SIGNIN'), problems),
    rateLimitSignup: parseSignupLimit(read('RATE_LIMIT_SIGNUP'), problems),
    metricsToken: read('METRICS_TOKEN') ?? null,
    logLevel,
    backupDir: path.resolve(repositoryRoot, read('BACKUP_DIR') ?? path.join(dataDir, 'backups')),
    backupKeep,
  })
}

function finish(problems: string[], config: Config): Config {
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

function integer(raw: string | undefined, fallback: number, name: string, expects: string, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be ${expects} (got "${raw}").`)
    return fallback
  }
  return value
}

// Names proxy-addr (Fastify's trustProxy) understands for the usual private ranges.
const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal']

/**
 * `false` (default) or a comma-separated list of proxy addresses, CIDR ranges or the names
 * loopback, linklocal, uniquelocal. `true` (trust every hop) is refused: the left-most
 * X-Forwarded-For entry would then be whatever the client wrote, so anyone could pick a
 * new address per request and dodge the per-address limits.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | string[] {
  if (raw === undefined || raw === 'false') return false
  const expects = 'a comma-separated list of the proxy addresses or ranges in front of the studio, such as "127.0.0.1" or "10.0.0.0/8"'
  if (raw === 'true') {
    problems.push(`TRUST_PROXY=true would trust every hop, so any client could forge its address and dodge the per-address limits: set TRUST_PROXY to ${expects}.`)
    return false
  }
  const proxies = raw.split(',').map((part) => part.trim()).filter(Boolean)
  const unreadable = proxies.filter((proxy) => !isProxyAddress(proxy))
  if (proxies.length === 0 || unreadable.length > 0) {
    problems.push(`TRUST_PROXY must be "false" or ${expects} (could not read "${unreadable.join(', ') || raw}").`)
    return false
  }
  return proxies
}

function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.includes(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)
}

/**
 * `RATE_LIMIT_SIGNIN`: "<per account from one address>,<per address>[,<window minutes>]"
 * failed sign-ins, e.g. the default "10,100,15".
 */
function parseSigninLimit(raw: string | undefined, problems: string[]): Config['rateLimitSignin'] {
  const fallback = { perAccount: { max: 10, windowMinutes: 15 }, perAddress: { max: 100, windowMinutes: 15 } }
  if (raw === undefined) return fallback
  const parts = raw.split(',').map((part) => part.trim())
  const numbers = parts.map(Number)
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^\d+$/.test(part)) || numbers.some((n) => n < 1)) {
    problems.push(`RATE_LIMIT_SIGNIN must be "<failures per account>,<failures per address>[,<minutes>]" such as "10,100,15" (got "${raw}").`)
    return fallback
  }
  const windowMinutes = numbers[2] ?? 15
  return {
    perAccount: { max: numbers[0]!, windowMinutes },
    perAddress: { max: numbers[1]!, windowMinutes },
  }
}

/** `RATE_LIMIT_SIGNUP`: "<accepted sign-ups per address>[,<window minutes>]", default "30,60". */
function parseSignupLimit(raw: string | undefined, problems: string[]): RateLimit {
  const fallback = { max: 30, windowMinutes: 60 }
  if (raw === undefined) return fallback
  const parts = raw.split(',').map((part) => part.trim())
  if (parts.length > 2 || parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1)) {
    problems.push(`RATE_LIMIT_SIGNUP must be "<sign-ups per address>[,<minutes>]" such as "30,60" (got "${raw}").`)
    return fallback
  }
  return { max: Number(parts[0]), windowMinutes: Number(parts[1] ?? 60) }
}
