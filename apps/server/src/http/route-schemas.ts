/**
 * Routes declare their params, querystring, body and response as zod schemas from
 * @studio/contract. Requests are validated here exactly as the handlers' parseWith did
 * (a missing body reads as {}, and a failure is the contract's 400 listing every invalid
 * field), and responses are serialised through fastify-type-provider-zod, which leaves out
 * any property the schema does not name.
 */
import { errorBodySchema } from '@studio/contract'
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { z, type ZodType } from 'zod'
import { invalidInput } from './errors.ts'

/**
 * Schemas a handler reads itself: the sign-up form arrives as multipart/form-data, which
 * its handler streams (the attachment must not sit in memory), and an import's file is read
 * as it was sent, whatever its type. The schema still describes them in the OpenAPI document.
 */
const readByHandler = new WeakSet<object>()

export function describedOnly<Received = unknown>(schema: ZodType): ZodType<Received> {
  readByHandler.add(schema)
  // Typed as what the route's content-type parser hands the handler (a Buffer, nothing for
  // multipart), since the schema is never applied to it.
  return schema as unknown as ZodType<Received>
}

const validatorCompiler: FastifySchemaCompiler<ZodType> = ({ schema }) => (data) => {
  if (readByHandler.has(schema)) return { value: data }
  const result = schema.safeParse(data ?? {})
  return result.success ? { value: result.data } : { error: invalidInput(result.error) }
}

export function registerRouteSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
}

/** Every route can fail, and every failure has the one envelope. */
export function withErrors<T extends Record<number, unknown>>(responses: T): T & { '4xx': typeof errorBodySchema; '5xx': typeof errorBodySchema } {
  return { ...responses, '4xx': errorBodySchema, '5xx': errorBodySchema }
}

/** Response headers, each a zod schema of its value: described in the OpenAPI document (openapi.ts), set by the handler. */
export type ResponseHeaders = Record<string, ZodType>

/** A file's text or bytes, sent as they are (Fastify serialises neither): a string in the document, binary unless it is text. */
function fileBody(contentType: string) {
  const isFile = (value: unknown) => typeof value === 'string' || value instanceof Uint8Array
  return z.custom<string | Uint8Array>(isFile).meta(/^text\/|json$/.test(contentType) ? { type: 'string' } : { type: 'string', format: 'binary' })
}

/** A download's response: its content type (or the types it may have) in the OpenAPI document, the body sent as it is. */
export function download(contentType: string | readonly string[], description: string, headers?: ResponseHeaders) {
  const content = Object.fromEntries([contentType].flat().map((type) => [type, { schema: fileBody(type) }]))
  return { description, ...(headers ? { headers } : {}), content }
}

/**
 * A JSON answer that also carries headers (the skipped-entries count, the revocation's reach).
 * Fastify serialises the body through `schema` (it picks a response's schema by the reply's
 * media type, application/json); the headers are described in the OpenAPI document.
 */
export function jsonWithHeaders<T extends ZodType>(schema: T, description: string, headers: ResponseHeaders) {
  return { description, headers, content: { 'application/json': { schema } } }
}
