/**
 * Work on one document, one piece at a time; different documents run side by side. The
 * studio's own changes, comment mirrors and compactions each keep one, so two of a kind
 * never interleave on a document. A failed piece does not stop the next.
 */
export class PerDocumentQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(documentName: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(documentName) ?? Promise.resolve()).catch(() => undefined).then(work)
    this.tails.set(documentName, next)
    const forget = () => {
      if (this.tails.get(documentName) === next) this.tails.delete(documentName)
    }
    next.then(forget, forget)
    return next
  }

  /** Resolves once everything queued so far, and anything queued meanwhile, has finished. */
  async settled(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled(this.tails.values())
  }
}
