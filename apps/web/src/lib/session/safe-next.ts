/**
 * Where to go after signing in. `next` comes from the address bar, so only a path on
 * this site is accepted; anything else (another origin, `//host`, `javascript:`) falls
 * back to the home page, so a crafted link cannot send someone elsewhere.
 */

/** A returning member's home: what changed while they were away. */
export const homePath = '/whats-new'

/**
 * Where a member starts on their first way in (set-up, an approved sign-up, an application
 * just approved): the group's purpose, since there is nothing yet to catch up on.
 */
export const newMemberPath = '/terms-of-reference'

export function safeNextPath(next: unknown): string {
  const candidate = Array.isArray(next) ? next[0] : next
  if (typeof candidate !== 'string') return homePath
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return homePath
  if (['/sign-in', '/sign-up', '/setup'].some((page) => candidate.startsWith(page))) return homePath
  return candidate
}
