/** A BlobStore in memory, like the Actions cache: saves are kept, a load returns the newest. */
import type { BlobStore } from '../../src/cache/store.js'

export function memoryStore(initial?: Buffer): BlobStore & {
  saved: Buffer[]
  loads: number
  fail?: 'load' | 'save'
} {
  const store = {
    saved: [] as Buffer[],
    loads: 0,
    fail: undefined as 'load' | 'save' | undefined,
    available: async () => true,
    load: async () => {
      store.loads++
      if (store.fail === 'load') throw new Error('restore failed')
      return store.saved.at(-1) ?? initial ?? null
    },
    save: async (_prefix: string, data: Buffer) => {
      if (store.fail === 'save') throw new Error('cache write denied: read-only token')
      store.saved.push(data)
    }
  }
  return store
}
