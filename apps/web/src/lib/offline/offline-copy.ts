/**
 * What a page says offline about a document (or list) this device has never had from the
 * server: one sentence, so every page says it the same way and tests can find it.
 */
export const notAvailableOffline =
  'This is not available offline on this device yet: it has never been opened here with a connection. Connect once and it will be kept on this device for next time.'
