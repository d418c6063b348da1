/**
 * The run's cache: one Actions cache entry (restored from the start, saved at most once, only
 * when something changed) holding the inference corpus and the Jira metadata, each sealed with
 * the key derived from the Jira credential. Where there is no cache service, or a read-only
 * one, the same code runs on an empty cache: debug lines, never a failure.
 */
import type { JiraAuth } from '../jira/auth.js'
import type { JiraPort } from '../jira/port.js'
import type { LoginMemory } from '../rules/suggest-reviewers/resolve.js'
import { bundledStore, bundlePrefix } from './bundle.js'
import { cachedJira } from './cached-jira.js'
import { MetadataCache } from './metadata.js'
import { cacheKey, credentialSecret } from './sealed.js'
import type { BlobStore } from './store.js'

export interface RunCache {
  /** Sections sealed by their owner (the inference corpus), and the key to seal them with. */
  blobs: { store: BlobStore; key: Buffer }
  /** `jira` with issue link types and workflow transitions served from the cache. */
  jira(jira: JiraPort): JiraPort
  /** The Jira user → GitHub login map of suggest-reviewers. */
  logins: LoginMemory
  /** Writes the entry when something changed on this run. Never throws. */
  save(): Promise<void>
}

export function openRunCache(args: {
  store: BlobStore
  auth: JiraAuth
  site: string
  now?: () => number
}): RunCache {
  const key = cacheKey(credentialSecret(args.auth), args.site)
  const store = bundledStore(args.store, bundlePrefix(args.site), { eager: true, now: args.now })
  const metadata = new MetadataCache(store, key, args.now)
  return {
    blobs: { store, key },
    jira: (jira) => cachedJira(jira, metadata),
    logins: metadata,
    async save() {
      await metadata.save()
      await store.flush()
    }
  }
}
