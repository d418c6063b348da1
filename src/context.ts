import type { PullRequest } from './github/port.js'

/**
 * The run's context, captured once from the event payload so no rule reads globals.
 */

export type PrEventName = 'pull_request' | 'pull_request_target' | 'issue_comment'

export interface PrEvent {
  kind: 'pull_request'
  eventName: PrEventName
  /** opened, reopened, edited, synchronize, ready_for_review, closed, …; `checkbox` for a
   * maintainer's edit of the action's comment. */
  action: string
  owner: string
  repo: string
  prNumber: number
  /** Base branch name: the config file is read at its head. */
  baseRef: string
  merged: boolean
  closed: boolean
  draft: boolean
  /** The head repository differs from the base repository. */
  fromFork: boolean
  /** The actor who triggered the event (a human or a bot). */
  sender: string
}

/**
 * The PR actions after which what the PR says may have changed, and `checkbox`, a maintainer's
 * edit of the action's comment: the rules that follow the PR's content act on these.
 */
export const CONTENT_ACTIONS: ReadonlySet<string> = new Set([
  'opened',
  'reopened',
  'edited',
  'synchronize',
  'ready_for_review',
  'closed',
  'checkbox'
])

export interface CommentEditEvent {
  kind: 'comment_edited'
  eventName: 'issue_comment'
  action: string
  owner: string
  repo: string
  prNumber: number
  commentId: number
  body: string
  previousBody: string
  /**
   * GitHub's `updated_at` of the comment in this edit (the payload's, so a rerun or a redelivery
   * has the time of the edit it replays); '' when the payload has none.
   */
  editedAt: string
  /** The comment's author: only the action's own comment is acted upon. */
  commentAuthor: string
  sender: string
}

export interface IgnoredEvent {
  kind: 'ignored'
  eventName: string
  action: string
  reason: string
}

/**
 * A push to the default branch, a schedule or a manual run: no PR, only the cache to refresh.
 * Caches saved there are the ones every PR can read (a PR's own are its alone).
 */
export interface CacheRefreshEvent {
  kind: 'cache_refresh'
  eventName: 'push' | 'schedule' | 'workflow_dispatch'
  owner: string
  repo: string
  /** The branch the run is on: the config file is read at its head. */
  branch: string
}

export type RunEvent = PrEvent | CommentEditEvent | CacheRefreshEvent | IgnoredEvent

/** What the runner says beside the payload. */
export interface RunnerEnv {
  /** GITHUB_REPOSITORY: `owner/repo`. */
  repository?: string
  /** GITHUB_REF: `refs/heads/main`. */
  ref?: string
}

interface Payload {
  action?: string
  pull_request?: {
    number: number
    merged?: boolean | null
    state?: string
    draft?: boolean
    base: { ref: string; repo: { full_name: string; owner: { login: string }; name: string } }
    head: { repo?: { full_name: string } | null }
  }
  issue?: { number: number; pull_request?: unknown }
  comment?: { id: number; body?: string; updated_at?: string; user?: { login: string } }
  changes?: { body?: { from?: string } }
  repository?: { name: string; owner: { login: string }; default_branch?: string }
  ref?: string
  sender?: { login: string }
}

/**
 * The pull request actions some rule handles (PRODUCT.md's rules table). Others (labeled,
 * assigned, review_requested, converted_to_draft…) would only redo the same work.
 */
const PR_ACTIONS = new Set([
  'opened',
  'reopened',
  'edited',
  'synchronize',
  'ready_for_review',
  'closed'
])

/** Reads the event the runner gave (name + payload) into the run's context. */
export function readEvent(eventName: string, payload: Payload, runner: RunnerEnv = {}): RunEvent {
  const action = payload.action ?? ''
  if (eventName === 'push' || eventName === 'schedule' || eventName === 'workflow_dispatch') {
    return cacheRefresh(eventName, payload, runner)
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = payload.pull_request
    if (!pr) return ignored(eventName, action, 'the event has no pull_request')
    if (!PR_ACTIONS.has(action)) {
      return ignored(eventName, action, `no rule handles a pull request being '${action}'`)
    }
    const base = pr.base.repo
    return {
      kind: 'pull_request',
      eventName,
      action,
      owner: base.owner.login,
      repo: base.name,
      prNumber: pr.number,
      baseRef: pr.base.ref,
      merged: pr.merged === true,
      closed: pr.state === 'closed',
      draft: pr.draft === true,
      fromFork: (pr.head.repo?.full_name ?? '') !== base.full_name,
      sender: payload.sender?.login ?? ''
    }
  }
  if (eventName === 'issue_comment') {
    if (action !== 'edited') return ignored(eventName, action, 'only edited comments are handled')
    if (!payload.issue?.pull_request) {
      return ignored(eventName, action, 'the comment is on an issue, not a pull request')
    }
    if (!payload.comment || !payload.repository) {
      return ignored(eventName, action, 'the event has no comment')
    }
    return {
      kind: 'comment_edited',
      eventName,
      action,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      prNumber: payload.issue.number,
      commentId: payload.comment.id,
      body: payload.comment.body ?? '',
      previousBody: payload.changes?.body?.from ?? '',
      editedAt: payload.comment.updated_at ?? '',
      commentAuthor: payload.comment.user?.login ?? '',
      sender: payload.sender?.login ?? ''
    }
  }
  return ignored(eventName, action, `gitar-jira does not handle '${eventName}' events`)
}

/**
 * The event with the PR's state as read now. A rerun (*Re-run jobs*) replays the payload of its
 * time: an `opened` run rerun after the PR was closed, or converted to a draft, says "open" and
 * "not a draft". The action is kept (which moment it is); whether the PR is closed, merged or a
 * draft is what GitHub says now.
 */
export function asReadNow(
  event: PrEvent,
  pr: Pick<PullRequest, 'state' | 'merged' | 'draft'>
): PrEvent {
  return { ...event, closed: pr.state === 'closed', merged: pr.merged, draft: pr.draft }
}

/** The PR run that a maintainer's checkbox edit asks for. */
export function prEventOf(event: CommentEditEvent, pr: PullRequest): PrEvent {
  return {
    kind: 'pull_request',
    eventName: 'issue_comment',
    action: 'checkbox',
    owner: event.owner,
    repo: event.repo,
    prNumber: event.prNumber,
    baseRef: pr.baseRef,
    merged: pr.merged,
    closed: pr.state === 'closed',
    draft: pr.draft,
    // issue_comment runs in the base repository with its secrets, whoever opened the PR.
    fromFork: false,
    sender: event.sender
  }
}

function cacheRefresh(
  eventName: CacheRefreshEvent['eventName'],
  payload: Payload,
  runner: RunnerEnv
): CacheRefreshEvent | IgnoredEvent {
  const [owner = '', repo = ''] = (runner.repository ?? '').split('/')
  const ref = payload.ref ?? runner.ref ?? ''
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ''
  if (!owner || !repo || !branch) {
    return ignored(eventName, '', 'the run is not on a branch of a repository')
  }
  const defaultBranch = payload.repository?.default_branch
  if (eventName === 'push' && defaultBranch && branch !== defaultBranch) {
    // A cache saved on another branch helps no PR: they read their base branch's.
    return ignored(eventName, '', `a push to ${branch}, not to the default branch ${defaultBranch}`)
  }
  return { kind: 'cache_refresh', eventName, owner, repo, branch }
}

function ignored(eventName: string, action: string, reason: string): IgnoredEvent {
  return { kind: 'ignored', eventName, action, reason }
}
