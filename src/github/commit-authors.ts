/** Who wrote commits with an email: how a Jira user's email meets a GitHub login. */
import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type { Repo } from './pr-facts.js'

/** One page is enough: the same email keeps the same account, and this runs per person. */
const PAGE = 30

/**
 * `GET /repos/{o}/{r}/commits?author=<email>`: the logins GitHub linked those commits to, newest
 * first, each once. Commits GitHub could not link (no account has the email) are skipped, and
 * so are commits whose author email is not `email` (the filter also matches logins).
 */
export async function findCommitAuthors(
  octokit: GitHubClient,
  target: Repo,
  email: string
): Promise<string[]> {
  const { data } = await callGitHub('contents: read', () =>
    octokit.rest.repos.listCommits({ ...target, author: email, per_page: PAGE })
  )
  const wanted = email.toLowerCase()
  const logins = data.flatMap((c) =>
    c.author?.login && c.commit.author?.email?.toLowerCase() === wanted ? [c.author.login] : []
  )
  return [...new Set(logins)]
}
