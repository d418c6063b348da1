/**
 * The sticky PR comment: found again by its hidden marker, then edited in place (STYLE.md item 23).
 */
import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type { IssueComment } from './port.js'
import type { Repo } from './pr-facts.js'

type CommentData = Awaited<
  ReturnType<GitHubClient['rest']['issues']['listComments']>
>['data'][number]

function toComment(c: CommentData): IssueComment {
  return {
    id: c.id,
    body: c.body ?? '',
    url: c.html_url,
    ...(c.user ? { author: { login: c.user.login, type: c.user.type } } : {})
  }
}

/**
 * The PR's comment whose body contains `marker`.
 *
 * Anyone can paste the marker into a comment of their own, so when several comments carry it
 * the first one written by a bot account (`GITHUB_TOKEN` and GitHub Apps comment as bots) wins,
 * and the listing stops there. With no bot among them (the action runs with a personal token)
 * the first comment that carries the marker is used. Comments come oldest first.
 */
export async function findComment(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  marker: string
): Promise<IssueComment | null> {
  return callGitHub('comments', async () => {
    let first: CommentData | undefined
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...target,
      issue_number: prNumber,
      per_page: 100
    })
    for await (const { data } of pages) {
      for (const c of data) {
        if (!c.body?.includes(marker)) continue
        if (c.user?.type === 'Bot') return toComment(c)
        first ??= c
      }
    }
    return first ? toComment(first) : null
  })
}

export async function createComment(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  body: string
): Promise<IssueComment> {
  return callGitHub('comments', async () => {
    const { data } = await octokit.rest.issues.createComment({
      ...target,
      issue_number: prNumber,
      body
    })
    return toComment(data)
  })
}

export async function updateComment(
  octokit: GitHubClient,
  target: Repo,
  commentId: number,
  body: string
): Promise<IssueComment> {
  return callGitHub('comments', async () => {
    const { data } = await octokit.rest.issues.updateComment({
      ...target,
      comment_id: commentId,
      body
    })
    return toComment(data)
  })
}
