/**
 * Notifications (issue 14): in the app and by email. Decorates `app.notifications` (other
 * features tell of events through notify.ts), watches meeting documents for actions given
 * and decisions recorded, reminds owners of actions due tomorrow, and sends notification
 * mail by a pass every minute (and one at start, for mail that fell due while no instance
 * ran); an hourly pass deletes notifications past their keeping. Registered after the features it listens to.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { randomUUID } from 'node:crypto'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { createMeetingWatch } from './meeting-watch.ts'
import { createMentionWatch } from './rich-text-mention-watch.ts'
import { runMailPass } from './notification-mail.ts'
import { registerNotificationRoutes } from './notification-routes.ts'
import { pruneNotifications, recordNotifications } from './notifications-repository.ts'
import { documentTitle, type NotificationsService } from './notify.ts'

export interface NotificationsPluginOptions {
  /** The studio's clock; tests pass a chosen one. */
  now?: () => Date
}

const mailPassMs = 60_000
const dueReminderMs = 60 * 60_000
const pruneMs = 60 * 60_000

export const notificationsPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: NotificationsPluginOptions) => {
    const now = options.now ?? (() => new Date())
    const { db } = app.store
    const record: NotificationsService['record'] = (notifications) => recordNotifications(db, now(), notifications)
    const watch = createMeetingWatch({ db, serverChanges: app.serverChanges, log: app.log, now, record })
    const mentionWatch = createMentionWatch({ db, log: app.log, record, describe: (document) => documentTitle(app, document) })
    const mailContext = { db, mailer: app.mailer, log: app.log, now, instanceId: randomUUID(), publicUrl: app.config.publicUrl }

    // One pass at a time on this instance; the claims keep instances apart.
    let passing: Promise<number> | null = null
    const mailPass = () => (passing ??= runMailPass(mailContext).finally(() => (passing = null)))
    const service: NotificationsService = {
      now,
      record,
      runMailPass: mailPass,
      remindDueActions: () => watch.remindDueActions(),
      // Idempotent, so instances pruning at once only repeat each other's work.
      prune: () => pruneNotifications(db, now()),
    }
    app.decorate('notifications', service)
    app.collaboration.hocuspocus.configuration.extensions.push(watch.extension, mentionWatch.extension)
    registerNotificationRoutes(app, { store: app.store, now })

    const timers: NodeJS.Timeout[] = []
    const report = (what: string) => (error: unknown) => app.log.error({ err: error }, `could not ${what}`)
    app.addHook('onReady', async () => {
      void service.remindDueActions().catch(report('remind owners of actions due tomorrow'))
      void service.prune().catch(report('delete old notifications'))
      void mailPass().catch(report('send notification mail'))
      timers.push(setInterval(() => void mailPass().catch(report('send notification mail')), mailPassMs).unref())
      timers.push(setInterval(() => void service.remindDueActions().catch(report('remind owners of actions due tomorrow')), dueReminderMs).unref())
      timers.push(setInterval(() => void service.prune().catch(report('delete old notifications')), pruneMs).unref())
    })
    app.addHook('onClose', async () => {
      for (const timer of timers) clearInterval(timer)
      await watch.stop()
      await mentionWatch.stop()
      await passing?.catch(() => 0)
    })
  },
  { name: 'notifications', dependencies: [studioServicesPluginName, accountsPluginName, 'comments', 'meetings', 'signup'], fastify: '5.x' },
)
