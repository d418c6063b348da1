/**
 * Jira metadata and the login map, kept across runs as one sealed section of the run's cache
 * entry: what is slow to fetch and rarely changes. Each value carries the time it was fetched
 * and is used only while fresh; what proves wrong is replaced by what Jira says now. No token,
 * no issue text: link types, transitions per workflow status, Jira user → GitHub login.
 */
import { createHash } from 'node:crypto'
import type { IssueLinkType, Transition } from '../jira/port.js'
import type { LoginMemory, LookedUp } from '../rules/suggest-reviewers/resolve.js'
import { seal, unseal } from './sealed.js'
import type { BlobStore } from './store.js'

const HOUR = 60 * 60 * 1000
export const TTL = {
  /** Issue link types: an admin renames one now and then. */
  linkTypes: 24 * HOUR,
  /** What a workflow offers from a status: changes when an admin edits the workflow. */
  transitions: 24 * HOUR,
  /** A login found for a Jira user. */
  login: 7 * 24 * HOUR,
  /** Nobody found: the person may push a first commit or publish their email tomorrow. */
  noLogin: 24 * HOUR
} as const
/** Bounds on what one entry holds; the oldest go first. */
const MAX_TRANSITION_LISTS = 500
const MAX_LOGINS = 2000

/** The section's name stays; its content's version is `v` (see fromStored). */
export const METADATA_SECTION = 'gitar-jira-metadata-v1'

interface Stamped<T> {
  /** When Jira or GitHub said so (epoch ms). */
  at: number
  value: T
}

export interface StoredMetadata {
  v: 2
  linkTypes?: Stamped<IssueLinkType[]>
  /** Workflow status (`workflowStatus`) → the transitions offered from it. */
  transitions: Record<string, Stamped<Transition[]>>
  /** Jira user id → what the email lookups found, for the email whose hash is kept. */
  logins: Record<string, Stamped<LookedUp & { emailHash: string }>>
}

/**
 * Where an issue stands in its workflow: project, issue type and status name. Issues that share
 * them share a workflow status, so they are offered the same transitions, conditions aside (an
 * assignee-only condition, a validator): a cached list is checked again when it proves wrong.
 */
export function workflowStatus(issue: {
  projectKey: string
  issueType?: string
  status: { name: string }
}): string | null {
  if (!issue.issueType) return null
  return JSON.stringify([issue.projectKey, issue.issueType, issue.status.name.toLowerCase()])
}

/** The email only as a check that the answer is still about the same address. */
const emailHash = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)

const empty = (): StoredMetadata => ({ v: 2, transitions: {}, logins: {} })

/**
 * What an entry holds, in this version's shape. v1's transition lists lack their screens
 * (`expand=transitions.fields`): they are read again; its link types and logins are kept.
 */
function fromStored(stored: { v?: unknown } | null): StoredMetadata {
  if (stored?.v === 2) return stored as StoredMetadata
  if (stored?.v === 1) return { ...(stored as Omit<StoredMetadata, 'v'>), v: 2, transitions: {} }
  return empty()
}

export class MetadataCache implements LoginMemory {
  private loaded: Promise<StoredMetadata> | undefined
  private dirty = false
  private readonly store: BlobStore
  private readonly key: Buffer
  private readonly now: () => number

  constructor(store: BlobStore, key: Buffer, now: () => number = Date.now) {
    this.store = store
    this.key = key
    this.now = now
  }

  private data(): Promise<StoredMetadata> {
    return (this.loaded ??= this.store.load(METADATA_SECTION).then(
      (blob) => {
        const stored = blob ? unseal<StoredMetadata>(blob, this.key) : null
        return fromStored(stored)
      },
      () => empty()
    ))
  }

  private fresh<T>(stamped: Stamped<T> | undefined, ttl: number): T | null {
    return stamped !== undefined && this.now() - stamped.at < ttl ? stamped.value : null
  }

  private stamp<T>(value: T): Stamped<T> {
    this.dirty = true
    return { at: this.now(), value }
  }

  async linkTypes(): Promise<IssueLinkType[] | null> {
    return this.fresh((await this.data()).linkTypes, TTL.linkTypes)
  }

  async putLinkTypes(types: IssueLinkType[]): Promise<void> {
    ;(await this.data()).linkTypes = this.stamp(types)
  }

  async transitions(status: string): Promise<Transition[] | null> {
    return this.fresh((await this.data()).transitions[status], TTL.transitions)
  }

  async putTransitions(status: string, transitions: Transition[]): Promise<void> {
    ;(await this.data()).transitions[status] = this.stamp(transitions)
  }

  async recall(user: { id: string; email: string }): Promise<LookedUp | undefined> {
    const stored = (await this.data()).logins[user.id]
    if (stored === undefined || stored.value.emailHash !== emailHash(user.email)) return undefined
    const found = this.fresh(stored, stored.value.login === null ? TTL.noLogin : TTL.login)
    if (found === null) return undefined
    return found.login === null ? { login: null } : { login: found.login, via: found.via }
  }

  async remember(user: { id: string; email: string }, found: LookedUp): Promise<void> {
    ;(await this.data()).logins[user.id] = this.stamp({
      ...found,
      emailHash: emailHash(user.email)
    })
  }

  /** Puts the metadata into the store when something changed on this run, without what expired. */
  async save(): Promise<void> {
    if (!this.dirty) return
    this.dirty = false
    const data = await this.data()
    const stored: StoredMetadata = {
      v: 2,
      ...(this.fresh(data.linkTypes, TTL.linkTypes) ? { linkTypes: data.linkTypes } : {}),
      transitions: this.newest(data.transitions, () => TTL.transitions, MAX_TRANSITION_LISTS),
      logins: this.newest(
        data.logins,
        (l) => (l.value.login === null ? TTL.noLogin : TTL.login),
        MAX_LOGINS
      )
    }
    await this.store.save(METADATA_SECTION, seal(stored, this.key))
  }

  private newest<T>(
    entries: Record<string, Stamped<T>>,
    ttl: (entry: Stamped<T>) => number,
    max: number
  ): Record<string, Stamped<T>> {
    const kept = Object.entries(entries)
      .filter(([, entry]) => this.now() - entry.at < ttl(entry))
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, max)
    return Object.fromEntries(kept)
  }
}
