/**
 * Whether a Yjs update keeps a document within its model, decided from the update's own
 * structs without applying it anywhere. Each new item is placed where Yjs will integrate
 * it: under a top-level name, in the type another item created, or (an item written after
 * or before another, which carries no parent of its own) beside that item. The place is
 * found in the update or, by id, in the live document's store; the item's content must
 * then be what the model allows there. Deletions are always allowed: they cannot give a
 * key the wrong type, and readers treat a missing field as empty.
 *
 * An item that builds on something neither the update nor the document holds would wait
 * in Yjs as pending and be integrated later, unchecked; such an update is refused instead.
 * A client never sends one: Hocuspocus handles each connection's messages in order, and a
 * client only builds on what it made or received from the server.
 */
import * as Y from 'yjs'
import { acceptsNodeAttribute, isMarkValue, isRichTextMark, isRichTextNode } from './rich-text-model.ts'
import { checkLimits, type DeleteSet, type Target } from './check-limits.ts'
import type { ContainerShape, DocumentModel, EntryShape, ModelScope } from './shape.ts'

export type ModelVerdict = { ok: true } | { ok: false; reason: string }

type Struct = Y.Item | Y.GC | Y.Skip

/** The parent was garbage-collected: Yjs turns the item into a GC struct, whatever it holds. */
const gone = Symbol('gone')
type Container = ContainerShape | typeof gone

interface Placement {
  container: Container
  parentSub: string | null
  /** Which type the item goes into (see check-limits.ts); null when its parent is gone. */
  target: Target | null
}

class ModelRefusal extends Error {}

const refuse = (reason: string): never => {
  throw new ModelRefusal(reason)
}

/**
 * Checks `update` against `model`, given the live document it is about to be applied to.
 * Throws when the update cannot be decoded.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, model: DocumentModel): ModelVerdict {
  const { structs, ds } = Y.decodeUpdate(update)
  try {
    new UpdateCheck(doc, model, structs, ds).run()
    return { ok: true }
  } catch (error) {
    if (error instanceof ModelRefusal) return { ok: false, reason: error.message }
    throw error
  }
}

class UpdateCheck {
  private readonly byClient = new Map<number, Struct[]>()
  private readonly placements = new Map<Y.Item, Placement>()
  private readonly containers = new Map<Y.Item, Container>()
  private readonly resolving = new Set<Y.Item>()
  private readonly newRanks = new Set<string>()
  private readonly doc: Y.Doc
  private readonly model: DocumentModel
  private readonly structs: Struct[]
  private readonly deletions: DeleteSet

  constructor(doc: Y.Doc, model: DocumentModel, structs: Struct[], deletions: DeleteSet) {
    this.doc = doc
    this.model = model
    this.structs = structs
    this.deletions = deletions
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client)
      if (list) list.push(struct)
      else this.byClient.set(struct.id.client, [struct])
    }
  }

  run(): void {
    const fresh = this.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item && !this.isStored(struct))
    // Placed first, so that an expectation may name a level defined in the same update (an import).
    const scaleRoot = this.model.scaleRoot === undefined ? undefined : this.model.root(this.model.scaleRoot)
    for (const item of fresh) {
      const placement = this.placementOf(item)
      if (scaleRoot && placement.container === scaleRoot && placement.parentSub !== null && !(item.content instanceof Y.ContentDeleted)) {
        this.newRanks.add(placement.parentSub)
      }
    }
    const scope: ModelScope = { hasLevel: (rank) => this.hasLevel(rank) }
    for (const item of fresh) {
      this.admit(item, scope)
      this.checkRootRank(item)
    }
    checkLimits(this.doc, this.deletions, fresh.map((item) => ({ item, ...this.placementOf(item) })), refuse)
  }

  /** An item written under a name about a level (a descriptor) needs that level in the scale. */
  private checkRootRank(item: Y.Item): void {
    if (!this.model.rankOf || item.content instanceof Y.ContentDeleted) return
    const { target } = this.placementOf(item)
    const name = typeof target === 'string' ? target : target instanceof Y.AbstractType && target._item === null ? rootNameOf(this.doc, target) : undefined
    const rank = name === undefined ? undefined : this.model.rankOf(name)
    if (rank !== undefined && !this.hasLevel(rank)) refuse(`"${name}" is about level ${rank}, which is not in the scale`)
  }

  /** Entirely in the document already: Yjs skips it. */
  private isStored(item: Y.Item): boolean {
    return item.id.clock + item.length <= Y.getState(this.doc.store, item.id.client)
  }

  private hasLevel(rank: number): boolean {
    const key = String(rank)
    if (this.newRanks.has(key)) return true
    const scale = this.model.scaleRoot === undefined ? undefined : this.doc.share.get(this.model.scaleRoot)
    const entry = scale?._map.get(key)
    return entry !== undefined && !entry.deleted
  }

  /** Where Yjs will put the item: the type it goes into and, in a map, its key. */
  private placementOf(item: Y.Item): Placement {
    const known = this.placements.get(item)
    if (known) return known
    if (this.resolving.has(item)) refuse('an item is placed relative to itself')
    this.resolving.add(item)
    let placement: Placement
    const stored = Y.getState(this.doc.store, item.id.client)
    if (item.id.clock < stored) {
      // Partly stored already: Yjs integrates the rest right after the stored part, wherever that is.
      placement = this.placementAt(Y.createID(item.id.client, stored - 1))
    } else if (typeof item.parent === 'string') {
      const root = this.model.root(item.parent) ?? refuse(`"${item.parent}" is not part of a ${this.model.kind} document`)
      placement = { container: root, parentSub: item.parentSub, target: this.doc.share.get(item.parent) ?? item.parent }
    } else if (item.parent instanceof Y.ID) {
      placement = { container: this.containerAt(item.parent), parentSub: item.parentSub, target: this.targetAt(item.parent) }
    } else {
      const neighbour = item.origin ?? item.rightOrigin ?? refuse('an item has neither a parent nor a neighbour')
      placement = this.placementAt(neighbour)
    }
    this.resolving.delete(item)
    this.placements.set(item, placement)
    return placement
  }

  /** The placement of the item holding `id`, in the document or in the update. */
  private placementAt(id: Y.ID): Placement {
    const stored = this.storedStruct(id)
    if (stored) {
      if (!(stored instanceof Y.Item) || !(stored.parent instanceof Y.AbstractType)) return { container: gone, parentSub: null, target: null }
      return { container: this.shapeOfLiveType(stored.parent), parentSub: stored.parentSub, target: stored.parent }
    }
    const carried = this.updateStruct(id)
    if (!(carried instanceof Y.Item)) return { container: gone, parentSub: null, target: null }
    return this.placementOf(carried)
  }

  /** The type the item at `id` created: live in the document, or the update's item that creates it. */
  private targetAt(id: Y.ID): Target | null {
    const stored = this.storedStruct(id)
    if (stored) return stored instanceof Y.Item && stored.content instanceof Y.ContentType ? stored.content.type : null
    const carried = this.updateStruct(id)
    return carried instanceof Y.Item ? carried : null
  }

  /** The shape of the type the item at `id` created. Anything that is not a type (or is gone) makes Yjs drop the child. */
  private containerAt(id: Y.ID): Container {
    const stored = this.storedStruct(id)
    if (stored) {
      return stored instanceof Y.Item && stored.content instanceof Y.ContentType ? this.shapeOfLiveType(stored.content.type) : gone
    }
    const carried = this.updateStruct(id)
    if (!(carried instanceof Y.Item) || !(carried.content instanceof Y.ContentType)) return gone
    const known = this.containers.get(carried)
    if (known) return known
    const placement = this.placementOf(carried)
    const container = placement.container === gone ? gone : childContainer(placement.container, placement.parentSub, carried.content.type)
    this.containers.set(carried, container)
    return container
  }

  private storedStruct(id: Y.ID): Struct | undefined {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return undefined
    const structs = this.doc.store.clients.get(id.client)!
    return structs[Y.findIndexSS(structs, id.clock)]
  }

  private updateStruct(id: Y.ID): Struct {
    const structs = this.byClient.get(id.client)
    let low = 0
    let high = (structs?.length ?? 0) - 1
    while (structs && low <= high) {
      const middle = (low + high) >> 1
      const struct = structs[middle]!
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return struct
    }
    return refuse('an item builds on content the document does not have yet')
  }

  private shapeOfLiveType(type: Y.AbstractType<unknown>): ContainerShape {
    let liveShapes = liveShapesByModel.get(this.model)
    if (!liveShapes) liveShapesByModel.set(this.model, (liveShapes = new WeakMap()))
    const known = liveShapes.get(type)
    if (known) return known
    let shape: ContainerShape
    const item = type._item
    if (item === null) {
      const name = rootNameOf(this.doc, type)
      shape = (name === undefined ? undefined : this.model.root(name)) ?? refuse(`"${name ?? '?'}" is not part of a ${this.model.kind} document`)
    } else {
      const parent = item.parent as Y.AbstractType<unknown>
      shape = childContainer(this.shapeOfLiveType(parent), item.parentSub, type)
    }
    liveShapes.set(type, shape)
    return shape
  }

  /** The item's content must be what its place allows. */
  private admit(item: Y.Item, scope: ModelScope): void {
    const content = item.content
    if (content instanceof Y.ContentDeleted) return
    const { container, parentSub } = this.placementOf(item)
    if (container === gone) return
    if (content instanceof Y.ContentType) {
      childContainer(container, parentSub, content.type)
      return
    }
    switch (container.kind) {
      case 'map': {
        const entry = entryOf(container, parentSub)
        if (entry.kind !== 'value') refuse(`"${parentSub}" must be ${describeShape(entry)}, not a plain value`)
        const values = content instanceof Y.ContentAny ? content.arr : undefined
        if (values?.length !== 1 || entry.kind !== 'value' || !entry.accepts(values[0], scope)) {
          refuse(`"${parentSub}" must be ${entry.kind === 'value' ? entry.describes : describeShape(entry)}`)
        }
        return
      }
      case 'text':
        if (parentSub !== null || !(content instanceof Y.ContentString)) refuse('a plain text holds characters only')
        return
      case 'element':
        if (parentSub !== null) {
          const values = content instanceof Y.ContentAny ? content.arr : undefined
          if (values?.length !== 1 || !acceptsNodeAttribute(container.node, parentSub, values[0])) {
            refuse(`a ${container.node} has no attribute "${parentSub}" of that kind`)
          }
          return
        }
        return refuse('rich text holds nodes and text only')
      case 'fragment':
        return refuse('rich text holds nodes and text only')
      case 'inline':
        if (parentSub !== null) refuse('rich text holds nodes and text only')
        if (content instanceof Y.ContentString) return
        if (content instanceof Y.ContentFormat && isRichTextMark(content.key) && isMarkValue(content.value)) return
        return refuse(content instanceof Y.ContentFormat ? `"${content.key}" is not a mark the editor knows` : 'rich text holds nodes and text only')
    }
  }
}

function entryOf(map: ContainerShape & { kind: 'map' }, key: string | null): EntryShape {
  if (key === null) return refuse('a map holds keyed entries only')
  return map.entry(key) ?? refuse(`"${key}" is not a key this map may hold`)
}

/** The shape of a shared type placed in `parent` under `parentSub`; refuses a type the model does not allow there. */
function childContainer(parent: ContainerShape, parentSub: string | null, type: Y.AbstractType<unknown>): ContainerShape {
  if (parent.kind === 'map') {
    const entry = entryOf(parent, parentSub)
    if (entry.kind === 'value' || !isTypeOf(entry, type)) refuse(`"${parentSub}" must be ${entry.kind === 'value' ? entry.describes : describeShape(entry)}`)
    return entry as ContainerShape
  }
  if ((parent.kind === 'fragment' || parent.kind === 'element') && parentSub === null) {
    if (type instanceof Y.XmlText) return { kind: 'inline' }
    if (type instanceof Y.XmlElement) {
      if (!isRichTextNode(type.nodeName)) refuse(`"${type.nodeName}" is not a node the editor knows`)
      return { kind: 'element', node: type.nodeName }
    }
  }
  return refuse(`${describeShape(parent)} cannot hold that shared type`)
}

/** Whether a live shared type is of the kind the shape asks for (shared with the reader's report, malformed-entries.ts). */
export function isTypeOf(shape: ContainerShape, type: Y.AbstractType<unknown>): boolean {
  switch (shape.kind) {
    case 'map':
      return type instanceof Y.Map && !(type instanceof Y.XmlHook)
    case 'text':
      return type instanceof Y.Text && !(type instanceof Y.XmlText)
    case 'fragment':
      return type instanceof Y.XmlFragment && !(type instanceof Y.XmlElement)
    default:
      return false
  }
}

export function describeShape(shape: EntryShape): string {
  switch (shape.kind) {
    case 'map':
      return 'a map'
    case 'text':
      return 'a plain text'
    case 'value':
      return shape.describes
    default:
      return 'rich text'
  }
}

/** A live type never moves, so its shape is worked out once (per model, in case a test checks one document against two). */
const liveShapesByModel = new WeakMap<DocumentModel, WeakMap<Y.AbstractType<unknown>, ContainerShape>>()

const rootNames = new WeakMap<Y.Doc, Map<Y.AbstractType<unknown>, string>>()

/** A top-level type's name; the index is rebuilt when a new top-level type appears. */
function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  let names = rootNames.get(doc)
  if (!names?.has(type)) {
    names = new Map<Y.AbstractType<unknown>, string>([...doc.share].map(([name, root]) => [root as Y.AbstractType<unknown>, name]))
    rootNames.set(doc, names)
  }
  return names.get(type)
}
