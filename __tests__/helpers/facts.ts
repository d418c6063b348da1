/** Builders of the pure core's inputs, with realistic defaults, for unit tests of rules and reports. */
import { defaultSettings, type Settings } from '../../src/config/index.js'
import type { PrEvent } from '../../src/context.js'
import type { PrFacts, PullRequest } from '../../src/github/port.js'
import type { JiraIssue } from '../../src/jira/port.js'
import { EMPTY_STATE } from '../../src/report/state.js'
import { trustOf } from '../../src/rules/author-trust.js'
import type { Facts } from '../../src/rules/types.js'

export function settings(
  overrides: { autoLink?: Partial<Settings['rules']['autoLink']>; dryRun?: boolean } = {}
): Settings {
  const base = defaultSettings()
  return {
    ...base,
    rules: { ...base.rules, autoLink: { ...base.rules.autoLink, ...overrides.autoLink } },
    dryRun: overrides.dryRun ?? base.dryRun
  }
}

export function pullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 42,
    title: 'Add a guest checkout',
    body: '',
    htmlUrl: 'https://github.com/acme/shop/pull/42',
    state: 'open',
    draft: false,
    merged: false,
    author: { login: 'octocat', type: 'User' },
    authorAssociation: 'MEMBER',
    headRef: 'feature/guest-checkout',
    headSha: '0123456789abcdef0123456789abcdef01234567',
    baseRef: 'main',
    baseSha: 'fedcba9876543210fedcba9876543210fedcba98',
    requestedReviewers: [],
    ...overrides
  }
}

export function prFacts(
  pr: Partial<PullRequest> = {},
  rest: Partial<Omit<PrFacts, 'pr'>> = {}
): PrFacts {
  const files = rest.files ?? []
  const sum = (field: 'additions' | 'deletions') => files.reduce((n, f) => n + f[field], 0)
  return {
    pr: pullRequest(pr),
    files,
    filesTruncated: false,
    totals: { files: files.length, additions: sum('additions'), deletions: sum('deletions') },
    commits: [],
    commitsTruncated: false,
    reviews: [],
    threads: [],
    ...rest
  }
}

export function jiraIssue(key: string, overrides: Partial<JiraIssue> = {}): JiraIssue {
  return {
    key,
    id: String(10000 + Number(key.split('-')[1])),
    projectKey: key.split('-')[0]!,
    summary: `Summary of ${key}`,
    status: { name: 'In Progress', category: 'indeterminate' },
    issueType: 'Story',
    assignee: { id: '5b10a2844c20165700ede21g', displayName: 'Jane Doe' },
    url: `https://acme.atlassian.net/browse/${key}`,
    ...overrides
  }
}

export function prEvent(overrides: Partial<PrEvent> = {}): PrEvent {
  return {
    kind: 'pull_request',
    eventName: 'pull_request_target',
    action: 'opened',
    owner: 'acme',
    repo: 'shop',
    prNumber: 42,
    baseRef: 'main',
    merged: false,
    closed: false,
    draft: false,
    fromFork: false,
    sender: 'octocat',
    ...overrides
  }
}

/** The PR's author as most tests have it: a member of the repository's organization. */
export const MEMBER_AUTHOR = trustOf({ login: 'octocat', type: 'User' }, 'MEMBER')

/** A run's facts; the PR is as its event says (closed, merged) unless `pr` is given. */
export function facts(overrides: Partial<Facts> = {}): Facts {
  const event = overrides.event ?? prEvent()
  return {
    event,
    pr: prFacts({ state: event.closed ? 'closed' : 'open', merged: event.merged }),
    author: MEMBER_AUTHOR,
    linked: [],
    previous: EMPTY_STATE,
    earlier: { applied: [], followUps: [] },
    ...overrides
  }
}
