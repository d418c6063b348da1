/**
 * Everything the rules read about one PR, loaded once: the independent requests run together.
 */
import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type {
  PrCommit,
  PrFacts,
  PrFile,
  PrReview,
  PrUser,
  PullRequest,
  ReviewThread,
  ReviewThreadComment
} from './port.js'
import { settleAll } from '../util/settle.js'

/** GitHub's list of a PR's files stops here. */
export const FILES_LIMIT = 3000
/** GitHub's list of a PR's commits stops here. */
export const COMMITS_LIMIT = 250
/** A deleted account shows as this login on github.com. */
const GHOST = 'ghost'
/**
 * How many of a review thread's latest comments are read, besides its opening one. The action's
 * reply sits there; 100 threads a page ask for 5,200 nodes (GitHub allows 500,000 a query).
 */
export const LATEST_COMMENTS = 50

export interface Repo {
  owner: string
  repo: string
}

type PullData = Awaited<ReturnType<GitHubClient['rest']['pulls']['get']>>['data']
type FileData = Awaited<ReturnType<GitHubClient['rest']['pulls']['listFiles']>>['data'][number]
type CommitData = Awaited<ReturnType<GitHubClient['rest']['pulls']['listCommits']>>['data'][number]
type ReviewData = Awaited<ReturnType<GitHubClient['rest']['pulls']['listReviews']>>['data'][number]

export const REVIEW_THREADS_QUERY = `
query ($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          isOutdated
          path
          line
          diffSide
          opening: comments(first: 1) {
            totalCount
            nodes { ...ThreadComment }
          }
          latest: comments(last: ${LATEST_COMMENTS}) {
            nodes { ...ThreadComment }
          }
        }
      }
    }
  }
}
fragment ThreadComment on PullRequestReviewComment { id author { login } body url createdAt }`

interface CommentData {
  id: string
  author: { login: string } | null
  body: string
  url: string
  createdAt: string
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
        nodes: {
          id: string
          isResolved: boolean
          isOutdated: boolean
          path: string
          line: number | null
          diffSide: 'LEFT' | 'RIGHT'
          opening: { totalCount: number; nodes: CommentData[] }
          latest: { nodes: CommentData[] }
        }[]
      }
    } | null
  } | null
}

function user(u: { login: string; type?: string; html_url?: string } | null | undefined): PrUser {
  if (!u) return { login: GHOST }
  return { login: u.login, type: u.type, ...(u.html_url ? { htmlUrl: u.html_url } : {}) }
}

/** A list that may have stopped at GitHub's limit: `total` is the count GitHub reports. */
function truncated(length: number, limit: number, total: number | undefined): boolean {
  return length >= limit && (total === undefined || total > length)
}

export function mapPullRequest(pr: PullData): PullRequest {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    htmlUrl: pr.html_url,
    state: pr.state === 'closed' ? 'closed' : 'open',
    draft: pr.draft ?? false,
    merged: pr.merged,
    mergedAt: pr.merged_at,
    createdAt: pr.created_at,
    mergedBy: pr.merged_by ? user(pr.merged_by) : null,
    mergeCommitSha: pr.merge_commit_sha,
    author: user(pr.user),
    authorAssociation: pr.author_association,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    baseSha: pr.base.sha,
    requestedReviewers: (pr.requested_reviewers ?? []).map((r) => r.login)
  }
}

const sum = (files: FileData[], field: 'additions' | 'deletions') =>
  files.reduce((n, f) => n + f[field], 0)

function mapFile(f: FileData): PrFile {
  return {
    path: f.filename,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    ...(f.patch !== undefined ? { patch: f.patch } : {})
  }
}

function mapCommit(c: CommitData): PrCommit {
  return {
    sha: c.sha,
    message: c.commit.message,
    authorLogin: c.author?.login,
    authorEmail: c.commit.author?.email,
    authorName: c.commit.author?.name
  }
}

function mapReview(r: ReviewData): PrReview {
  return {
    id: r.id,
    user: r.user?.login ?? GHOST,
    ...(r.user?.html_url ? { userUrl: r.user.html_url } : {}),
    state: r.state,
    submittedAt: r.submitted_at
  }
}

function mapComment(c: CommentData): ReviewThreadComment {
  return {
    id: c.id,
    author: c.author?.login ?? GHOST,
    body: c.body,
    url: c.url,
    createdAt: c.createdAt
  }
}

export async function loadReviewThreads(
  octokit: GitHubClient,
  { owner, repo }: Repo,
  number: number
): Promise<ReviewThread[]> {
  const threads: ReviewThread[] = []
  let cursor: string | null = null
  do {
    const page: ThreadsPage = await octokit.graphql<ThreadsPage>(REVIEW_THREADS_QUERY, {
      owner,
      repo,
      number,
      cursor
    })
    const list = page.repository?.pullRequest?.reviewThreads
    if (!list) break
    for (const t of list.nodes) {
      threads.push({
        id: t.id,
        isResolved: t.isResolved,
        isOutdated: t.isOutdated,
        path: t.path,
        line: t.line,
        diffSide: t.diffSide === 'LEFT' ? 'LEFT' : 'RIGHT',
        // In a thread of up to 51 comments the opening one is among the latest too.
        comments: [
          ...t.opening.nodes.filter((c) => !t.latest.nodes.some((l) => l.id === c.id)),
          ...t.latest.nodes
        ].map(mapComment),
        commentCount: t.opening.totalCount
      })
    }
    cursor = list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null
  } while (cursor)
  return threads
}

export async function loadPrFacts(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number
): Promise<PrFacts> {
  const params = { ...target, pull_number: prNumber, per_page: 100 }
  const [pr, files, commits, reviews, threads] = await callGitHub('pull-requests: read', () =>
    settleAll([
      octokit.rest.pulls.get({ ...target, pull_number: prNumber }).then((r) => r.data),
      octokit.paginate(octokit.rest.pulls.listFiles, params),
      octokit.paginate(octokit.rest.pulls.listCommits, params),
      octokit.paginate(octokit.rest.pulls.listReviews, params),
      loadReviewThreads(octokit, target, prNumber)
    ])
  )
  return {
    pr: mapPullRequest(pr),
    files: files.map(mapFile),
    filesTruncated: truncated(files.length, FILES_LIMIT, pr.changed_files),
    totals: {
      files: pr.changed_files ?? files.length,
      additions: pr.additions ?? sum(files, 'additions'),
      deletions: pr.deletions ?? sum(files, 'deletions')
    },
    commits: commits.map(mapCommit),
    commitsTruncated: truncated(commits.length, COMMITS_LIMIT, pr.commits),
    reviews: reviews.map(mapReview),
    threads
  }
}
