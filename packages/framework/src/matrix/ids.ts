/**
 * New ids for domains, competencies, roles and PMO types: a readable slug of the name and a
 * random suffix, within the exchange format's id pattern (`^[a-z0-9][a-z0-9-]{0,63}$`), so
 * ids made on two machines at the same moment never collide and exports stay legible.
 */
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

export const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/

export function newId(name: string): string {
  return `${slugOf(name)}-${randomSuffix(8)}`
}

/**
 * An id made from the name alone, unique among `taken` (a number appended when needed): an
 * import of a file without ids (CSV, Excel) gives the same new row the same id in its preview
 * and when it is applied.
 */
export function readableId(name: string, taken: ReadonlySet<string>): string {
  const slug = slugOf(name)
  let id = slug
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`
  return id
}

/** An id with no name to make it from (an indicator, a reference): random, so two made at once never collide. */
export function randomId(): string {
  return randomSuffix(12)
}

function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug || 'item'
}

function randomSuffix(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
}
