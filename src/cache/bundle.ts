/**
 * One Actions cache entry per run. Everything cached (the inference corpus, the Jira metadata) is
 * a section of one entry, each section sealed by its owner: a run restores at most one entry and
 * saves at most one, and only when a section changed. The Actions cache limits storage and
 * uploads per repository; one small entry per run stays well inside them.
 */
import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import { getErrorMessage } from '../util/errors.js'
import type { BlobStore } from './store.js'

/** A section nobody saved for this long is dropped (a corpus of an old scope, another credential's). */
export const SECTION_MAX_AGE_MS = 8 * 24 * 60 * 60 * 1000
const MAGIC = Buffer.from('GJC1', 'latin1')

interface Section {
  savedAt: number
  data: Buffer
}

export interface BundledStore extends BlobStore {
  /** Saves the entry when a section changed on this run. Never throws: a debug line. */
  flush(): Promise<void>
}

/** The entry's key prefix: one per Jira site (the sections inside say what they hold). */
export function bundlePrefix(site: string): string {
  return `gitar-jira-v2-${createHash('sha256').update(site).digest('hex').slice(0, 16)}`
}

export function encodeBundle(sections: Map<string, Section>): Buffer {
  const parts: Buffer[] = [MAGIC, u32(sections.size)]
  for (const [name, section] of sections) {
    const nameBytes = Buffer.from(name, 'utf8')
    const savedAt = Buffer.alloc(8)
    savedAt.writeDoubleBE(section.savedAt)
    parts.push(u32(nameBytes.length), nameBytes, savedAt, u32(section.data.length), section.data)
  }
  return Buffer.concat(parts)
}

/** The sections of an entry, or null when it is not one (damaged, another format). */
export function decodeBundle(data: Buffer): Map<string, Section> | null {
  try {
    if (!data.subarray(0, 4).equals(MAGIC)) return null
    const sections = new Map<string, Section>()
    const count = data.readUInt32BE(4)
    let at = 8
    for (let i = 0; i < count; i++) {
      const nameLength = data.readUInt32BE(at)
      const name = data.toString('utf8', at + 4, at + 4 + nameLength)
      at += 4 + nameLength
      const savedAt = data.readDoubleBE(at)
      const length = data.readUInt32BE(at + 8)
      at += 12
      if (at + length > data.length) return null
      sections.set(name, { savedAt, data: Buffer.from(data.subarray(at, at + length)) })
      at += length
    }
    return at === data.length ? sections : null
  } catch {
    return null
  }
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value)
  return buffer
}

/**
 * A BlobStore whose `load`/`save` read and write sections of one entry of `store`, restored once
 * (from the start when `eager`, so the download overlaps the run's first requests) and written
 * by `flush`.
 */
export function bundledStore(
  store: BlobStore,
  prefix: string,
  options: { eager?: boolean; now?: () => number } = {}
): BundledStore {
  const now = options.now ?? Date.now
  let restored: Promise<Map<string, Section>> | undefined
  let dirty = false
  const restore = () =>
    (restored ??= (async () => {
      try {
        const blob = await store.load(prefix)
        const sections = blob ? decodeBundle(blob) : null
        if (blob && !sections) core.debug('Cache entry unreadable (another format): rebuilt.')
        return sections ?? new Map<string, Section>()
      } catch (error) {
        core.debug(`Cache restore failed: ${getErrorMessage(error)}`)
        return new Map<string, Section>()
      }
    })())
  if (options.eager) void restore()

  return {
    available: () => store.available(),
    async load(name) {
      return (await restore()).get(name)?.data ?? null
    },
    async save(name, data) {
      const sections = await restore()
      sections.set(name, { savedAt: now(), data })
      dirty = true
    },
    async flush() {
      if (!dirty) return
      dirty = false
      try {
        const sections = await restore()
        for (const [name, section] of sections) {
          if (now() - section.savedAt > SECTION_MAX_AGE_MS) sections.delete(name)
        }
        core.debug(`Saving the cache entry (${[...sections.keys()].join(', ')}).`)
        await store.save(prefix, encodeBundle(sections))
      } catch (error) {
        core.debug(`Cache save failed: ${getErrorMessage(error)}`)
      }
    }
  }
}
