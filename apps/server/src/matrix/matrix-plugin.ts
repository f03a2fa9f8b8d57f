/** Registers the competency framework's routes: import, exports and the published schema. */
import type { FastifyInstance } from 'fastify'
import { registerExportRoutes } from './matrix-export-routes.ts'
import type { FrameworkContext } from './matrix-import.ts'
import { registerImportRoutes } from './matrix-import-routes.ts'

export async function registerFrameworkRoutes(app: FastifyInstance, context: FrameworkContext): Promise<void> {
  await registerImportRoutes(app, context)
  registerExportRoutes(app, context)
}
