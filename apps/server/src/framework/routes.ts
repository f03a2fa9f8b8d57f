/** Registers the competency framework's routes: import, exports and the published schema. */
import type { FastifyInstance } from 'fastify'
import { registerExportRoutes } from './export-routes.ts'
import type { FrameworkContext } from './framework-import.ts'
import { registerImportRoutes } from './import-routes.ts'

export async function registerFrameworkRoutes(app: FastifyInstance, context: FrameworkContext): Promise<void> {
  await registerImportRoutes(app, context)
  registerExportRoutes(app, context)
}
