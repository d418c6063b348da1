/**
 * The Actions cache as a small key/value store of sealed blobs. Cache keys are immutable, so
 * every save is a new key under a stable prefix and a restore takes the newest. Where the cache
 * service is absent the action runs uncached; where it is read-only (pull_request_target and
 * issue_comment since June 2026, a runner's `ACTIONS_CACHE_MODE` of read or none) it only reads.
 * Never a failure: what the action itself says is a debug line (@actions/cache logs a refusal
 * it catches itself as a warning).
 */
import * as core from '@actions/core'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getErrorMessage } from '../util/errors.js'

export interface BlobStore {
  /** False where there is no cache service (outside a runner, a stand-in without one). */
  available(): Promise<boolean>
  load(prefix: string): Promise<Buffer | null>
  save(prefix: string, data: Buffer): Promise<void>
}

export const NO_CACHE: BlobStore = {
  available: async () => false,
  load: async () => null,
  save: async () => undefined
}

type ActionsCache = typeof import('@actions/cache')

/** @actions/cache is large (it carries Azure's storage client): loaded only when it is used. */
export function actionsCacheStore(
  load: () => Promise<ActionsCache> = () => import('@actions/cache')
): BlobStore {
  let cache: ActionsCache | null | undefined
  const available = async (): Promise<ActionsCache | null> => {
    if (cache !== undefined) return cache
    try {
      const module = await load()
      // Guarded: @github/local-action's stand-in has no isFeatureAvailable.
      cache =
        typeof module.isFeatureAvailable === 'function' && module.isFeatureAvailable()
          ? module
          : null
    } catch (error) {
      core.debug(`Actions cache unavailable: ${getErrorMessage(error)}`)
      cache = null
    }
    if (!cache) core.debug('Actions cache service not available: running uncached.')
    return cache
  }
  // The same path on every run: the cache service ties an entry to the paths it was saved from.
  const fileFor = async (prefix: string) => {
    const dir = join(process.env.RUNNER_TEMP || tmpdir(), 'gitar-jira-cache')
    await mkdir(dir, { recursive: true })
    return join(dir, `${prefix}.bin`)
  }

  return {
    available: async () => (await available()) !== null,
    async load(prefix) {
      const service = await available()
      if (!service) return null
      try {
        const path = await fileFor(prefix)
        const hit = await service.restoreCache([path], `${prefix}-`, [`${prefix}-`])
        return hit ? await readFile(path) : null
      } catch (error) {
        core.debug(`Cache restore of ${prefix} failed: ${getErrorMessage(error)}`)
        return null
      }
    },
    async save(prefix, data) {
      const service = await available()
      if (!service) return
      const readOnly = readOnlyBecause(process.env)
      if (readOnly) return core.debug(`Cache not saved: ${readOnly}.`)
      try {
        const path = await fileFor(prefix)
        await writeFile(path, data)
        await service.saveCache([path], `${prefix}-${Date.now()}`)
      } catch (error) {
        core.debug(`Cache save of ${prefix} failed (read-only cache?): ${getErrorMessage(error)}`)
      }
    }
  }
}

/**
 * Events anyone may trigger that run in the default branch's cache scope: GitHub gives them a
 * read-only cache token (changelog of 2026-06-26). `push`, `schedule` and `workflow_dispatch`,
 * which refresh the corpus, keep read-write.
 */
const UNTRUSTED_EVENTS = new Set(['pull_request_target', 'issue_comment'])

/**
 * Why this run may only read the cache, or null. @actions/cache would log a refused save as a
 * warning (or an info line); the action says so in a debug line instead and does not try.
 */
export function readOnlyBecause(env: NodeJS.ProcessEnv): string | null {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  if (mode === 'read' || mode === 'none') return `the runner's cache mode is "${mode}"`
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (UNTRUSTED_EVENTS.has(event)) return `${event} runs get a read-only cache token`
  return null
}
