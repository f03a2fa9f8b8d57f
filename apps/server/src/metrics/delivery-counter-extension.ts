/**
 * Counts document updates sent to clients: every change to a loaded document goes out to
 * each connection on it except the one it came from.
 */
import type { Extension, onChangePayload } from '@hocuspocus/server'
import type { Counter } from 'prom-client'

export class DeliveryCounterExtension implements Extension {
  extensionName = 'DeliveryCounter'
  private readonly deliveries: Counter

  constructor(deliveries: Counter) {
    this.deliveries = deliveries
  }

  async onChange({ document, connection }: onChangePayload): Promise<void> {
    const recipients = document.getConnectionsCount() - (connection ? 1 : 0)
    if (recipients > 0) this.deliveries.inc(recipients)
  }
}
