import { describe, expect, it } from 'vitest'
import { closesBeforeOffline, connectionLabel, connectionStatus, unsentChangesWarning, type ConnectionFacts } from './connection-status.ts'

const online: ConnectionFacts = { socket: 'connected', browserOnline: true, stopped: false, closesSinceConnected: 0 }

describe('connectionStatus', () => {
  it('is connected while the socket is open and the device is online', () => {
    expect(connectionStatus(online)).toBe('connected')
  })

  it('is offline as soon as the device loses its network', () => {
    expect(connectionStatus({ ...online, browserOnline: false })).toBe('offline')
  })

  it('reads as reconnecting for the first few attempts after a drop, then offline', () => {
    expect(connectionStatus({ ...online, socket: 'disconnected', closesSinceConnected: 1 })).toBe('connecting')
    expect(connectionStatus({ ...online, socket: 'connecting', closesSinceConnected: closesBeforeOffline - 1 })).toBe('connecting')
    expect(connectionStatus({ ...online, socket: 'connecting', closesSinceConnected: closesBeforeOffline })).toBe('offline')
  })

  it('is offline when the socket was stopped for good', () => {
    expect(connectionStatus({ ...online, socket: 'disconnected', stopped: true })).toBe('offline')
  })
})

describe('connectionLabel', () => {
  it('uses the exact texts the indicator promises', () => {
    expect(connectionLabel('connected', 3)).toEqual({ state: 'connected', text: 'Connected' })
    expect(connectionLabel('connecting', 0)).toEqual({ state: 'reconnecting', text: 'Reconnecting…' })
    expect(connectionLabel('offline', 0)).toEqual({ state: 'offline', text: 'Offline – no unsent changes' })
    expect(connectionLabel('offline', 1)).toEqual({ state: 'offline', text: 'Offline – unsent changes in 1 document' })
    expect(connectionLabel('offline', 3)).toEqual({ state: 'offline', text: 'Offline – unsent changes in 3 documents' })
  })

  it('warns before signing out in documents, not in updates', () => {
    expect(unsentChangesWarning(1)).toBe('Changes in 1 document have not reached the studio yet. Signing out now discards them. Sign out anyway?')
    expect(unsentChangesWarning(2)).toMatch(/^Changes in 2 documents /)
  })
})
