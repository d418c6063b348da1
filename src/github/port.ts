/** What the rules and the report may ask of GitHub, for the PR the run is about. */

export interface PrUser {
  login: string
  type?: string
  /** The account's page as GitHub gives it (an app's bot: its app page, not `/login[bot]`). */
  htmlUrl?: string
}

export interface PullRequest {
  number: number
  title: string
  body: string
  htmlUrl: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  createdAt?: string
  mergedAt?: string | null
  mergedBy?: PrUser | null
  mergeCommitSha?: string | null
  author: PrUser
  /**
   * GitHub's `author_association`: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR,
   * FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, NONE or MANNEQUIN (rules/author-trust.ts).
   */
  authorAssociation: string
  headRef: string
  headSha: string
  baseRef: string
  baseSha: string
  requestedReviewers: string[]
}

export interface PrFile {
  path: string
  previousPath?: string
  status: string
  additions: number
  deletions: number
  /** Absent when GitHub omits it (binary or too large). */
  patch?: string
}

export interface PrTotals {
  files: number
  additions: number
  deletions: number
}

export interface PrCommit {
  sha: string
  message: string
  authorLogin?: string
  authorEmail?: string
  authorName?: string
}

export interface PrReview {
  id: number
  user: string
  /** The reviewer's page as GitHub gives it. */
  userUrl?: string
  state: string
  submittedAt?: string
}

export interface ReviewThreadComment {
  id: string
  author: string
  body: string
  url: string
  createdAt: string
}

export interface ReviewThread {
  id: string
  isResolved: boolean
  isOutdated: boolean
  path: string
  /** On `diffSide`'s file: the PR's head (RIGHT) or its base (LEFT, a line the PR removes). */
  line: number | null
  diffSide: 'LEFT' | 'RIGHT'
  /**
   * The opening comment, then the latest ones (`LATEST_COMMENTS`): in a longer thread the
   * comments in between are not read.
   */
  comments: ReviewThreadComment[]
  /** All the thread's comments, read or not. */
  commentCount: number
}

/** Everything the rules read about one PR, loaded once. */
export interface PrFacts {
  pr: PullRequest
  files: PrFile[]
  /** True when GitHub's list stopped at its limit (3,000 files). */
  filesTruncated: boolean
  /** The whole PR as GitHub counts it (`pulls.get`), past the 3,000 files `files` stops at. */
  totals: PrTotals
  commits: PrCommit[]
  /** True when GitHub's list stopped at its limit (250 commits). */
  commitsTruncated: boolean
  reviews: PrReview[]
  threads: ReviewThread[]
}

export interface IssueComment {
  id: number
  body: string
  url: string
  /** Who wrote it (`type` is `Bot` for GITHUB_TOKEN and GitHub Apps). */
  author?: PrUser
}

/** A GitHub account as `GET /users/{login}` shows it; `email` only when it is public. */
export interface GitHubUser {
  login: string
  type?: string
  name?: string
  email?: string
}

/** A person's access to the repository (`GET …/collaborators/{login}/permission`). */
export type RepoPermission = 'admin' | 'write' | 'read' | 'none'

/** GitHub's answer to a review request: a refusal (422) is an outcome, not a throw. */
export type ReviewRequestOutcome = { ok: true } | { ok: false; reason: string }

export interface GitHubPort {
  readonly owner: string
  readonly repo: string
  loadPrFacts(prNumber: number): Promise<PrFacts>
  /** File text at a ref, or null when the file does not exist there. */
  getFileText(path: string, ref: string): Promise<string | null>
  /** The merge base of `base...head` (see merge-base.ts), or null when GitHub cannot tell. */
  getMergeBase(base: string, head: string): Promise<string | null>
  /**
   * The action's own comment on the PR: the first whose body contains `marker` and that a bot
   * or the token's own account wrote (a person's copy of the marker is ignored, with a notice).
   */
  findComment(prNumber: number, marker: string): Promise<IssueComment | null>
  createComment(prNumber: number, body: string): Promise<IssueComment>
  updateComment(commentId: number, body: string): Promise<IssueComment>
  /**
   * Sets the title if it is still `from` (read again first): false, and nothing written, when
   * someone edited it meanwhile.
   */
  updatePrTitle(prNumber: number, title: string, from: string): Promise<boolean>
  /** Adds a reply to a review thread (its GraphQL node id). */
  replyToThread(threadId: string, body: string): Promise<void>
  /** A person's permission on the repository; `none` for an unknown login. */
  getPermission(login: string): Promise<RepoPermission>
  /** Logins of the repository's commit authors whose commit email is `email` (newest first). */
  findCommitAuthors(email: string): Promise<string[]>
  /** A GitHub account, or null when there is none by that login. */
  getUser(login: string): Promise<GitHubUser | null>
  /** Requests reviews from `logins`; GitHub's refusal (422) comes back as an outcome. */
  requestReviewers(prNumber: number, logins: string[]): Promise<ReviewRequestOutcome>
}
