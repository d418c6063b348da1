/**
 * The simulator's state: plain, JSON-serialisable objects, so tests can inspect it, compare it
 * with `toEqual`, snapshot it or mutate it (e.g. merge a PR) between requests. A `Scenario` is the
 * initial state; `startSandbox` works on a deep copy of it.
 */
import type { AdfDoc } from './adf.js'

export type StatusCategory = 'new' | 'indeterminate' | 'done'

export interface JiraUserRec {
  accountId: string
  displayName: string
  /** The login email; answered as `emailAddress` only when `emailVisible` (and always on /myself). */
  email?: string
  emailVisible: boolean
  active: boolean
  accountType: 'atlassian' | 'app'
  timeZone: string
  /** Basic auth `email:apiToken` works when set (and email is set). */
  apiToken?: string
  /** Bearer personal access token, Data Center style. */
  pat?: string
  /** Data Center username (`name`): what JQL and `user?username=` take. Default: the accountId. */
  username?: string
  /**
   * Data Center user key (`key`): the username for users from older versions, `JIRAUSER<id>`
   * for users created by recent ones. Default: the username.
   */
  userKey?: string
}

export interface WorkflowRec {
  statuses: Array<{ id: string; name: string; category: StatusCategory }>
  /**
   * `from: '*'` is a global transition (available from every other status). `screen`: the fields
   * its screen shows; a request may set only those, and must set the required ones that have no
   * default.
   */
  transitions: Array<{
    id: string
    name: string
    from: string[] | '*'
    to: string
    screen?: ScreenFieldRec[]
  }>
}

/** A field of a transition screen: `resolution` (its allowed values are resolutions) or another. */
export interface ScreenFieldRec {
  key: string
  name: string
  required: boolean
  /** Jira fills the field when a request leaves it out; `default` names the value, if given. */
  hasDefault?: boolean
  default?: string
  /** Allowed values by name (a resolution's); none: any value. */
  allowed?: string[]
}

export interface ProjectRec {
  id: string
  key: string
  name: string
  lead: string
  workflow: string
  issueTypes: string[]
  components: string[]
  /** Next issue number. */
  counter: number
}

export interface JiraCommentRec {
  id: string
  author: string
  updateAuthor: string
  /** ADF (Cloud), or a wiki-markup string written through the Data Center mode's REST v2. */
  body: AdfDoc | string
  created: string
  updated: string
  visibility?: { type: 'role' | 'group'; value: string; identifier?: string }
}

export interface RemoteLinkRec {
  id: number
  globalId: string | null
  application: Record<string, unknown> | null
  relationship: string | null
  object: {
    url: string
    title: string
    summary: string | null
    icon: Record<string, unknown> | null
    status: Record<string, unknown> | null
  }
}

export interface JiraIssueRec {
  id: string
  key: string
  projectKey: string
  issueType: string
  summary: string
  /** ADF, or a wiki-markup string (an issue created through the Data Center mode). */
  description: AdfDoc | string | null
  status: string
  priority: string
  labels: string[]
  components: string[]
  assignee: string | null
  reporter: string | null
  watchers: string[]
  created: string
  updated: string
  comments: JiraCommentRec[]
  remoteLinks: RemoteLinkRec[]
  properties: Record<string, unknown>
}

export interface IssueLinkRec {
  id: string
  type: string
  inward: string
  outward: string
}

export interface TransitionRec {
  issue: string
  transitionId: string
  from: string
  to: string
  /** The fields the request set on the screen, by key: `{ resolution: 'Done' }`. */
  fields?: Record<string, unknown>
  by: string
  at: string
}

export interface OAuthClientRec {
  clientId: string
  clientSecret: string
  /** The Jira account the tokens act as (a service account for client credentials). */
  accountId: string
  grants: Array<'client_credentials' | 'refresh_token'>
  scopes: string[]
}

export interface RefreshTokenRec {
  token: string
  clientId: string
  family: string
  issuedAt: number
  /** Set when a refresh rotated it; reuse is allowed for 10 minutes after this. */
  rotatedAt?: number
}

export interface AccessTokenRec {
  token: string
  clientId: string
  accountId: string
  family?: string
  expiresAt: number
}

export interface GhUserRec {
  login: string
  id: number
  type: 'User' | 'Bot' | 'Organization'
  name: string | null
  /** Public profile email, or null. */
  email: string | null
}

export interface GhTokenRec {
  token: string
  login: string
  /** GITHUB_TOKEN cannot write secrets; a PAT with "Secrets: write" can. */
  canWriteSecrets: boolean
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read'

export interface GhCommitRec {
  sha: string
  message: string
  author: { name: string; email: string; login: string | null; date: string }
  parents: string[]
}

export interface PrFileRec {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  additions: number
  deletions: number
  /** Absent for binary or very large files, as on GitHub. */
  patch?: string
  previousFilename?: string
  sha: string
}

export interface ReviewRec {
  id: number
  user: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
  body: string
  submittedAt: string
  commitId: string
}

export interface ReviewCommentRec {
  /** GraphQL node id. */
  id: string
  databaseId: number
  author: string
  body: string
  createdAt: string
  url: string
}

export interface ReviewThreadRec {
  id: string
  isResolved: boolean
  isOutdated: boolean
  path: string
  line: number | null
  originalLine: number | null
  diffSide: 'LEFT' | 'RIGHT'
  resolvedBy: string | null
  comments: ReviewCommentRec[]
}

export interface PullRec {
  number: number
  id: number
  title: string
  body: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  mergedAt: string | null
  mergedBy: string | null
  mergeCommitSha: string | null
  author: string
  head: { ref: string; sha: string; repo: string }
  base: { ref: string; sha: string }
  labels: string[]
  files: PrFileRec[]
  /** Shas of repo commits, oldest first. */
  commits: string[]
  reviews: ReviewRec[]
  requestedReviewers: string[]
  threads: ReviewThreadRec[]
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export interface IssueCommentRec {
  id: number
  issueNumber: number
  user: string
  body: string
  createdAt: string
  updatedAt: string
}

export interface SecretRec {
  encryptedValue: string
  keyId: string
  updatedAt: string
}

export interface RepoRec {
  owner: string
  name: string
  id: number
  private: boolean
  defaultBranch: string
  collaborators: Record<string, Permission>
  /** Branch name → head sha. */
  branches: Record<string, string>
  /** Ref (branch name or commit sha) → path → text. */
  files: Record<string, Record<string, string>>
  commits: GhCommitRec[]
  pulls: PullRec[]
  issueComments: IssueCommentRec[]
  secrets: Record<string, SecretRec>
  secretsKey: { keyId: string; publicKey: string; privateKey: string }
}

export interface SandboxState {
  /** ISO time the scenario starts at; the sandbox clock runs on from here. */
  now: string
  jira: {
    cloudId: string
    siteName: string
    users: JiraUserRec[]
    workflows: Record<string, WorkflowRec>
    projects: ProjectRec[]
    issues: JiraIssueRec[]
    issueLinkTypes: Array<{ id: string; name: string; inward: string; outward: string }>
    issueLinks: IssueLinkRec[]
    transitionsDone: TransitionRec[]
    /** Keys of issues created through the API, in order. */
    createdIssues: string[]
    roles: string[]
    groups: string[]
    nextId: number
  }
  oauth: {
    clients: OAuthClientRec[]
    refreshTokens: RefreshTokenRec[]
    accessTokens: AccessTokenRec[]
    revokedFamilies: string[]
  }
  github: {
    users: GhUserRec[]
    tokens: GhTokenRec[]
    repos: RepoRec[]
    nextId: number
  }
}

/** A seed is the initial state. Build one with `scenario()` or write it out. */
export type Scenario = SandboxState
