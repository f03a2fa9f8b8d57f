/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the built web app,
 * so the server sends compressed bytes without compressing on each request
 * (@fastify/static's `preCompressed`). Run after `vite build`; brotli at its highest quality
 * costs a few seconds once per build and saves every visitor bytes.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const distDirectory = fileURLToPath(new URL('../dist', import.meta.url))
const compressible = new Set(['.js', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt'])
/** Below this a compressed copy saves less than its framing and an extra file costs. */
const minimumBytes = 1024

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true })
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(directory, entry.name)
    return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full])
  }))
  return nested.flat()
}

let original = 0
let brotli = 0
for (const file of await filesUnder(distDirectory)) {
  if (!compressible.has(path.extname(file)) || (await stat(file)).size < minimumBytes) continue
  const content = await readFile(file)
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  })
  const gz = gzipSync(content, { level: constants.Z_BEST_COMPRESSION })
  await writeFile(`${file}.br`, br)
  await writeFile(`${file}.gz`, gz)
  original += content.length
  brotli += br.length
}
console.log(`precompressed ${Math.round(original / 1024)} KB of the web app to ${Math.round(brotli / 1024)} KB (brotli) and gzip copies`)
