/**
 * The sticky PR comment: found again by its hidden marker, then edited in place (STYLE.md item 23).
 */
import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type { IssueComment } from './port.js'
import type { Repo } from './pr-facts.js'
import { getTokenOwner, type TokenOwner } from './user.js'
import { firstOf } from '../util/list.js'
import { noticeLine } from '../util/log.js'

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
 * The action's own comment on the PR: the first one whose body contains `marker` and that the
 * `github-token` wrote. Comments come oldest first.
 *
 * Anyone can paste the marker into a comment of their own, and such a comment must not pass for
 * the action's: its hidden state would decide links (and a token with write access could
 * rewrite it). `GITHUB_TOKEN` and GitHub App installation tokens (`appToken`: GitHub's `ghs_`
 * prefix) comment as bots, which no person can, so with one the first marked comment by a bot
 * wins and the listing stops there, with no further request. Any other token may be a person's
 * (a personal access token), and then another bot's comment (a workflow echoing PR text) is no
 * more ours than a person's: `GET /user` says whose the token is, and only a comment by that
 * login is taken; the others are ignored, with a notice. When GitHub will not say (an app's
 * token in another format), the token acts as a bot: the first bot's comment is taken, and no
 * person's. With none, the run makes a new comment. The checkbox flow compares the edited
 * comment with this answer (`notTheActionsComment`), so an edit of an ignored comment decides
 * nothing either.
 */
export async function findComment(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  marker: string,
  appToken: boolean
): Promise<IssueComment | null> {
  type Found = { bot: IssueComment } | { marked: IssueComment[] }
  const found = await callGitHub('comments', async (): Promise<Found> => {
    const marked: IssueComment[] = []
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...target,
      issue_number: prNumber,
      per_page: 100
    })
    for await (const { data } of pages) {
      for (const c of data) {
        if (!c.body?.includes(marker)) continue
        if (appToken && c.user?.type === 'Bot') return { bot: toComment(c) }
        marked.push(toComment(c))
      }
    }
    return { marked }
  })
  if ('bot' in found) return found.bot
  const { marked } = found
  if (marked.length === 0) return null
  const owner = await getTokenOwner(octokit)
  const self = 'login' in owner ? owner.login.toLowerCase() : null
  const isOwn = (c: IssueComment) =>
    self === null ? c.author?.type === 'Bot' : c.author?.login.toLowerCase() === self
  const ignored = marked.filter((c) => !isOwn(c))
  const own = marked.find(isOwn) ?? null
  if (ignored.length > 0) noticeLine(ignoredNotice(ignored, owner, own !== null))
  return own
}

const NAMED = 3

/** One line naming each ignored comment by author and URL (never its body), and why. */
function ignoredNotice(ignored: IssueComment[], owner: TokenOwner, ownFound: boolean): string {
  const named = firstOf(
    ignored.map((c) => `${c.author ? `@${c.author.login}` : 'a deleted account'} (${c.url})`),
    NAMED
  )
  const one = ignored.length === 1
  const why =
    'login' in owner
      ? `${one ? 'was' : 'were'} not written with this \`github-token\` (@${owner.login})`
      : `${one ? 'was' : 'were'} written by a person, and GitHub did not say whose this \`github-token\` is (GET /user answered ${owner.refused}; \`GITHUB_TOKEN\` and GitHub Apps comment as bots)`
  return (
    `Ignored the comment${one ? '' : 's'} by ${named}: ${one ? 'it carries' : 'they carry'} the gitar-jira marker but ${why}, so ${one ? 'its' : 'their'} hidden state is not read.` +
    (ownFound ? '' : " gitar-jira's report goes to a new comment.")
  )
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
