/**
 * The one WebSocket the app shares between all open documents (Hocuspocus multiplexes
 * documents over it). The server authenticates the upgrade by the session cookie, so the
 * URL carries no secret; the connection store creates and owns the instance.
 */
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider'

/** `ws(s)://<this host>/collab`: same origin, so the cookie and the Origin check apply. */
export function collabSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/collab`
}

export function createCollabSocket(location: Pick<Location, 'protocol' | 'host'>): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url: collabSocketUrl(location),
    // A room of 60 laptops reconnecting after the Wi-Fi blips must not stampede the server:
    // jittered exponential back-off (the provider's default) capped at 30 seconds.
    maxDelay: 30_000,
  })
}

/** The provider wants a token before it syncs; the real credential is the cookie. */
export const collabToken = 'session'
