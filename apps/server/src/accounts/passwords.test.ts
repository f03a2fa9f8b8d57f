/**
 * Password hashing: scrypt with a fresh salt per hash, and verification that only the
 * right password passes.
 */
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'

const password = 'correct horse battery staple'

describe('password hashing', () => {
  it('stores a scrypt hash that names its parameters and never the password itself', async () => {
    const stored = await hashPassword(password)
    expect(stored).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(stored).not.toContain(password)
  })

  it('gives a different hash for the same password on every call, because each has its own salt', async () => {
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)])
    expect(first).not.toBe(second)
    const salt = (hash: string) => hash.split('$')[4]
    expect(salt(first)).not.toBe(salt(second))
    expect(await verifyPassword(password, first)).toBe(true)
    expect(await verifyPassword(password, second)).toBe(true)
  })

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword(password)
    expect(await verifyPassword(password, stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it('refuses a password that matches another hash', async () => {
    const other = await hashPassword('a different long password')
    expect(await verifyPassword(password, other)).toBe(false)
  })

  it('refuses a stored hash whose key was altered', async () => {
    const parts = (await hashPassword(password)).split('$')
    const key = Buffer.from(parts[5]!, 'base64')
    key[0] = key[0]! ^ 0xff
    parts[5] = key.toString('base64')
    expect(await verifyPassword(password, parts.join('$'))).toBe(false)
  })

  it('answers false for stored hashes that are not in the scrypt format', async () => {
    const stored = await hashPassword(password)
    const [, N, r, p, salt] = stored.split('$')
    for (const malformed of [
      '',
      'not a hash',
      password,
      `bcrypt$${N}$${r}$${p}$${salt}$abc`,
      `scrypt$${N}$${r}$${p}$${salt}`,
      `scrypt$${N}$${r}$${p}$${salt}$c2hvcnQ=`,
    ]) {
      expect(await verifyPassword(password, malformed), malformed).toBe(false)
    }
  })

  // scrypt throws on impossible parameters; sign-in must answer 401, not 500.
  it('answers false, rather than throwing, for a scrypt hash with impossible parameters', async () => {
    const [, , , , salt, key] = (await hashPassword(password)).split('$')
    expect(await verifyPassword(password, `scrypt$abc$8$1$${salt}$${key}`)).toBe(false)
    expect(await verifyPassword(password, `scrypt$1$8$1$${salt}$${key}`)).toBe(false)
  })
})
