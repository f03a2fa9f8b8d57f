/**
 * The thread comparisons run on (compare-thread.ts): reading two states of the largest matrix
 * into documents and walking them takes 100-200 ms, and on the studio's own thread every edit
 * of every document waited that long.
 */
import { attributionFromLog, compareStates } from '@studio/framework'
import { parentPort } from 'node:worker_threads'
import type { CompareRequest, CompareResponse } from './compare-thread.ts'

parentPort!.on('message', ({ id, kind, older, newer, log }: CompareRequest) => {
  let response: CompareResponse
  try {
    response = { id, changes: compareStates(kind, older, newer, log ? { attribution: attributionFromLog(log) } : {}) }
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort!.postMessage(response)
})
