/**
 * What a person types as a link's address, checked before it goes into a shared document:
 * web addresses (http, https) and email addresses (mailto) only, so a link can never run
 * script or open some other scheme in the group's browsers. A bare domain is read as a web
 * address and a bare email address as a mailto link, as people type them.
 */
export type LinkAddressCheck = { ok: true; href: string } | { ok: false; message: string }

const allowedProtocols = new Set(['http:', 'https:', 'mailto:'])

export function checkLinkAddress(typed: string): LinkAddressCheck {
  const text = typed.trim()
  if (text === '') return { ok: false, message: 'Enter the address the link goes to, for example https://example.org.' }
  const candidate = withScheme(text)
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return { ok: false, message: 'That is not an address a link can go to. Use a web address like https://example.org, or an email address.' }
  }
  if (!allowedProtocols.has(url.protocol)) {
    return { ok: false, message: 'Links can go to web addresses (https://…) or email addresses (mailto:…) only.' }
  }
  if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return { ok: false, message: 'That web address has no domain. Use a full address like https://example.org.' }
  }
  if (url.protocol === 'mailto:' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(url.pathname))) {
    return { ok: false, message: 'That email address is not complete. Use one like name@example.org.' }
  }
  return { ok: true, href: url.protocol === 'mailto:' ? candidate : url.href }
}

function withScheme(text: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return text
  if (/^[^@\s/]+@[^@\s/]+$/.test(text)) return `mailto:${text}`
  return `https://${text}`
}
