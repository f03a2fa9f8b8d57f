/**
 * Updates already decoded in full on this message's way in. The model check decodes every
 * update it passes, and the durable log must refuse one that does not decode: decoding it a
 * second time for that cost as much as the check's own decode, on every edit.
 */
const decoded = new WeakSet<Uint8Array>()

export function markDecoded(update: Uint8Array): void {
  decoded.add(update)
}

export function wasDecoded(update: Uint8Array): boolean {
  return decoded.has(update)
}
