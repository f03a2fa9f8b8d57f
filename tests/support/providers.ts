/**
 * Real @hocuspocus/provider clients in Node. Browsers send the session cookie and Origin
 * with the upgrade on their own; in Node a small `ws` subclass adds them.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'

export interface ProviderOptions {
  baseUrl: string
  cookie?: string
  origin?: string
  document: string
  /** Reconnect attempts before giving up; 0 means keep trying (the browser's behaviour). */
  maxAttempts?: number
}

export function socketClass(cookie: string | undefined, origin: string) {
  return class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { ...(cookie ? { cookie } : {}), origin } })
      // Destroying a provider mid-reconnect closes a socket still connecting: ws then emits an
      // error after the provider has let go of its handlers, which would end the test process.
      this.on('error', () => {})
    }
  }
}

export function connectProvider(options: ProviderOptions): HocuspocusProvider {
  const origin = options.origin ?? new URL(options.baseUrl).origin
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${options.baseUrl.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: socketClass(options.cookie, origin),
    maxAttempts: options.maxAttempts ?? 0,
  })
  const provider = new HocuspocusProvider({ websocketProvider, name: options.document, token: 'session' })
  // A provider given a shared socket only joins it when attached.
  provider.attach()
  return provider
}

export function destroyProvider(provider: HocuspocusProvider): void {
  const socket = provider.configuration.websocketProvider
  provider.destroy()
  socket.destroy()
}
