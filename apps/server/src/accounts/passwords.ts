/**
 * Password hashing with scrypt (node:crypto). The stored form names its parameters, so
 * they can be raised later without breaking existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const keyLength = 64

export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** About 80 ms and 32 MiB a hash on this project's machines. */
export const defaultCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, with room to spare.
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/**
 * `cost` is for test fixtures that sign in thousands of times: a sign-in verifies with the
 * parameters the stored hash names, so a fixture's cheap hash keeps the real check's path.
 */
export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  const { N, r, p } = cost
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$')
  const options = { N: Number(cost), r: Number(blockSize), p: Number(parallelism) }
  if (scheme !== 'scrypt' || !salt || !key || !withinLimits(options)) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'), options)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A corrupt or planted hash must not crash a sign-in or make it cost gigabytes. */
function withinLimits({ N, r, p }: { N: number; r: number; p: number }): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0
  return powerOfTwo && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16
}

/** A hash of nothing anyone knows: verifying against it costs as much as a real check. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('base64'))
  return decoy
}
