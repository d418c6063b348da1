/**
 * What the action remembers between runs of one PR, kept in its own PR comment as a hidden
 * JSON block. Losing it (comment deleted) costs little: links are upserts keyed by globalId.
 */
import type { AppliedAction } from '../plan/actions.js'
import { remoteLinkDigest } from '../rules/auto-link/remote-link.js'
import type { LinkVia } from '../rules/linked-issue.js'
import { isDigest } from '../util/digest.js'
import type { Moment } from '../rules/transitions/moment.js'

export interface CommentState {
  v: 1
  /** `h`: a digest of the remote link last written to that issue (see remoteLinkDigest). */
  links: { key: string; via: LinkVia; h?: string }[]
  /** Keys a maintainer unticked: never inferred or suggested again on this PR. */
  rejected?: string[]
  /** Logins the action requested a review from: never requested again once someone removes them. */
  requested?: string[]
  /**
   * The follow-ups the action created for the PR, read by key by later runs beside the label
   * search: Jira Cloud's search can lag a write by seconds.
   */
  followUps?: string[]
  /**
   * The "relates to" links of follow-ups (`key`) to the PR's issues (`to`) whose write failed:
   * later runs try them again, MAX_RELINK_TRIES times at most (`tries`: the runs that did).
   * Only these: a link someone removed in Jira is not put back.
   */
  relink?: RelinkEntry[]
  /**
   * Keys the PR no longer links (a key removed from it, a box unticked) whose removal from Jira
   * failed: the remote link, or after the merge the summary. The PR's links have forgotten them,
   * so only this list makes later runs try again, until the removal succeeds or the issue is
   * linked again.
   */
  unlink?: string[]
  /**
   * Key → GitHub's `updated_at` of the maintainer's edit of this comment that last decided its box
   * (ticked or unticked, and applied). An edit event of that time or earlier (a rerun, a
   * redelivery, an event queued behind a later edit) decides nothing more for that key.
   */
  decided?: Record<string, string>
  /**
   * The key update-title put before the PR's title (`ABC-12: …`): the action's word, not the
   * author's, so it does not make the issue explicitly named (the box to untick stays).
   */
  titled?: string
  /**
   * The keys the PR resolved on this run (written on every run, empty or not): a key resolved on
   * a later run and not in it is new to the PR, and gets the on-open move. Absent in a state an
   * earlier version wrote: then every linked key counts as resolved before.
   */
  resolved?: string[]
  /** Key → the moment at which the action last moved that issue (a transition it made). */
  moved?: Record<string, Moment>
}

export interface RelinkEntry {
  key: string
  to: string[]
  tries: number
}

/** At most this many follow-up keys are remembered: one bulk read. */
export const MAX_REMEMBERED_FOLLOW_UPS = 100
/** At most this many keys' decision times are remembered (the latest). */
export const MAX_REMEMBERED_DECISIONS = 100
/** At most this many keys wait for their link's removal (a PR names at most 100 keys). */
export const MAX_PENDING_UNLINKS = 100
/** A link that failed is tried again by this many later runs, then given up with a warning. */
export const MAX_RELINK_TRIES = 3
/** At most this many keys are remembered as resolved, or as moved (discover.ts MAX_CANDIDATES). */
const MAX_REMEMBERED_KEYS = 100

/**
 * The resolved keys a state holds: the first MAX_REMEMBERED_KEYS, each once. Written and read by
 * the same rule, so a key past the cap is never taken for new (rules/transitions/moment.ts).
 */
export const rememberedResolved = (keys: readonly string[]): string[] =>
  [...new Set(keys)].slice(0, MAX_REMEMBERED_KEYS)
/**
 * A follow-up is linked ("relates to") to at most this many of the PR's issues: a PR linked to
 * a hundred issues would otherwise make each follow-up a hundred links, one request each.
 */
export const MAX_RELATES_TO = 10

/** The hidden marker the action's PR comment is found again by. */
export const COMMENT_MARKER = '<!-- gitar-jira:comment -->'

export const EMPTY_STATE: CommentState = { v: 1, links: [] }

const STATE_PATTERN = /<!-- gitar-jira:state (\{.*?\}) -->/s
const KEY_PATTERN = /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/
const isKey = (value: unknown): value is string =>
  typeof value === 'string' && KEY_PATTERN.test(value)
/** GitHub's timestamps (ISO 8601, UTC): nothing else is kept in the state block. */
const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/
export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && TIME_PATTERN.test(value) && Number.isFinite(Date.parse(value))
const LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const isLogin = (value: unknown): value is string =>
  typeof value === 'string' && LOGIN_PATTERN.test(value)

export function readState(commentBody: string | undefined): CommentState {
  return parseState(commentBody) ?? EMPTY_STATE
}

/**
 * The state block, or null when there is none or it does not parse: in the action's own comment,
 * someone edited it by hand, and the run starts from nothing (main.ts says so).
 */
export function parseState(commentBody: string | undefined): CommentState | null {
  const json = commentBody ? STATE_PATTERN.exec(commentBody)?.[1] : undefined
  if (!json) return null
  try {
    const parsed = JSON.parse(json) as Partial<CommentState>
    if (parsed.v !== 1 || !Array.isArray(parsed.links)) return null
    const links = parsed.links
      .filter(
        (l): l is CommentState['links'][number] =>
          isKey(l?.key) && (l.via === 'explicit' || l.via === 'inferred' || l.via === 'accepted')
      )
      .map((l) => ({ key: l.key, via: l.via, ...(isDigest(l.h) ? { h: l.h } : {}) }))
    const rejected = Array.isArray(parsed.rejected) ? parsed.rejected.filter(isKey) : []
    const requested = Array.isArray(parsed.requested) ? parsed.requested.filter(isLogin) : []
    const followUps = Array.isArray(parsed.followUps)
      ? [...new Set(parsed.followUps.filter(isKey))].slice(-MAX_REMEMBERED_FOLLOW_UPS)
      : []
    const relink = Array.isArray(parsed.relink) ? parseRelink(parsed.relink) : []
    const unlink = Array.isArray(parsed.unlink)
      ? [...new Set(parsed.unlink.filter(isKey))].slice(-MAX_PENDING_UNLINKS)
      : []
    const decided = parseDecided(parsed.decided)
    const titled = isKey(parsed.titled) ? parsed.titled : undefined
    const resolved = Array.isArray(parsed.resolved)
      ? rememberedResolved(parsed.resolved.filter(isKey))
      : undefined
    const moved = parseMoved(parsed.moved)
    return {
      v: 1,
      links,
      ...(rejected.length > 0 ? { rejected } : {}),
      ...(requested.length > 0 ? { requested } : {}),
      ...(followUps.length > 0 ? { followUps } : {}),
      ...(relink.length > 0 ? { relink } : {}),
      ...(unlink.length > 0 ? { unlink } : {}),
      ...(Object.keys(decided).length > 0 ? { decided } : {}),
      ...(titled ? { titled } : {}),
      ...(resolved ? { resolved } : {}),
      ...(Object.keys(moved).length > 0 ? { moved } : {})
    }
  } catch {
    return null
  }
}

/** The failed links as far as they read as such: keys, a count in range, each follow-up once. */
function parseRelink(entries: unknown[]): RelinkEntry[] {
  const byKey = new Map<string, RelinkEntry>()
  for (const entry of entries as Partial<Record<keyof RelinkEntry, unknown>>[]) {
    const tries = entry?.tries
    if (!isKey(entry?.key) || !Array.isArray(entry.to)) continue
    if (typeof tries !== 'number' || !Number.isInteger(tries) || tries < 0) continue
    if (tries >= MAX_RELINK_TRIES) continue
    const to = [...new Set(entry.to.filter(isKey))].slice(0, MAX_RELATES_TO)
    if (to.length > 0) byKey.set(entry.key, { key: entry.key, to, tries })
  }
  return [...byKey.values()].slice(-MAX_REMEMBERED_FOLLOW_UPS)
}

const MOMENTS: ReadonlySet<unknown> = new Set<Moment>(['on-open', 'on-merge', 'on-close'])

/** The moves as far as they read as such: issue keys to moments. */
function parseMoved(value: unknown): Record<string, Moment> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, Moment] => isKey(entry[0]) && MOMENTS.has(entry[1])
  )
  return rememberedMoves(Object.fromEntries(entries))
}

/** The moves the state keeps: the last MAX_REMEMBERED_KEYS, as the writer and the reader cap them. */
export function rememberedMoves(moved: Record<string, Moment>): Record<string, Moment> {
  return Object.fromEntries(Object.entries(moved).slice(-MAX_REMEMBERED_KEYS))
}

/** The decision times as far as they read as such: issue keys to GitHub timestamps. */
function parseDecided(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, string] => isKey(entry[0]) && isTimestamp(entry[1])
  )
  return Object.fromEntries(entries.slice(-MAX_REMEMBERED_DECISIONS))
}

/**
 * The order the block is written in, whatever order a run added its parts: a rerun that changes
 * nothing writes the same text, so the PR comment is not edited. Every key of the state is here
 * (the type says so): one left out would not be written.
 */
const WRITE_ORDER = Object.keys({
  v: true,
  links: true,
  rejected: true,
  requested: true,
  followUps: true,
  relink: true,
  unlink: true,
  decided: true,
  titled: true,
  resolved: true,
  moved: true
} satisfies Record<keyof CommentState, true>) as (keyof CommentState)[]

export function writeState(state: CommentState): string {
  const ordered = Object.fromEntries(
    WRITE_ORDER.filter((key) => state[key] !== undefined).map((key) => [key, state[key]])
  )
  // JSON of keys, timestamps and fixed words only: nothing in it can close the HTML comment.
  return `<!-- gitar-jira:state ${JSON.stringify(ordered)} -->`
}

/**
 * The state's links with the digest of the remote link each issue holds: a link written now gets
 * the digest of its content; one this run tried and did not write (failed, or a dry run) gets
 * none, so the next run writes it; one left alone keeps what the earlier state said.
 */
export function withLinkDigests(
  state: CommentState,
  applied: AppliedAction[],
  earlier: CommentState
): CommentState {
  const digests = new Map<string, string | undefined>(earlier.links.map((l) => [l.key, l.h]))
  for (const a of applied) {
    if (a.action.type !== 'jira.upsertRemoteLink') continue
    digests.set(
      a.action.issueKey,
      a.status === 'done' ? remoteLinkDigest(a.action.link) : undefined
    )
  }
  const links = state.links.map(({ h: _, ...link }) => {
    const digest = digests.get(link.key)
    return digest ? { ...link, h: digest } : link
  })
  return { ...state, links }
}

const TITLE_KEY = /^([A-Z][A-Z0-9_]+-[1-9][0-9]*): /

/**
 * The state after this run's title update: the key update-title put before the title, or none
 * once it took its prefix off. Without an update, as it was.
 */
export function withTitled(state: CommentState, applied: readonly AppliedAction[]): CommentState {
  const update = applied.find(
    (a) => a.action.type === 'github.updatePrTitle' && a.status === 'done'
  )?.action
  if (update?.type !== 'github.updatePrTitle') return state
  const { titled: _, ...rest } = state
  const key = TITLE_KEY.exec(update.title)?.[1]
  return key && !update.from.startsWith(`${key}: `) ? { ...rest, titled: key } : rest
}
