/**
 * Where to go after signing in. `next` comes from the address bar, so only a path on
 * this site is accepted; anything else (another origin, `//host`, `javascript:`) falls
 * back to the default page, so a crafted link cannot send someone elsewhere.
 */
export const defaultPath = '/terms-of-reference'

export function safeNextPath(next: unknown): string {
  const candidate = Array.isArray(next) ? next[0] : next
  if (typeof candidate !== 'string') return defaultPath
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return defaultPath
  if (['/sign-in', '/sign-up', '/setup'].some((page) => candidate.startsWith(page))) return defaultPath
  return candidate
}
