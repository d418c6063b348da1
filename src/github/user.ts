/** A GitHub account's public profile: its public email confirms who a Jira user is. */
import type { GitHubClient } from './client.js'
import { callGitHub, httpStatus, isRateLimited } from './errors.js'
import type { GitHubUser } from './port.js'

/** `GET /users/{login}`, or null when no account has that login. */
export async function getUser(octokit: GitHubClient, login: string): Promise<GitHubUser | null> {
  const data = await callGitHub('contents: read', () =>
    octokit.rest.users
      .getByUsername({ username: login })
      .then((r) => r.data)
      .catch((error: unknown) => {
        if (httpStatus(error) === 404) return null
        throw error
      })
  )
  if (data === null) return null
  return {
    login: data.login,
    type: data.type,
    ...(data.name ? { name: data.name } : {}),
    ...(data.email ? { email: data.email } : {})
  }
}

/** Whose the token is: its login, or GitHub's refusal to say (the status it answered). */
export type TokenOwner = { login: string } | { refused: number }

/**
 * `GET /user`: the account the token acts as. A personal access token (classic or
 * fine-grained, no permission needed) is answered; `GITHUB_TOKEN` and GitHub App installation
 * tokens are refused (403), and those comment as bots. Any other failure (a rate limit, a dead
 * token, GitHub down after retries) throws, as any other read of the run would.
 */
export async function getTokenOwner(octokit: GitHubClient): Promise<TokenOwner> {
  return callGitHub('comments', () =>
    octokit.rest.users
      .getAuthenticated()
      .then((r): TokenOwner => ({ login: r.data.login }))
      .catch((error: unknown): TokenOwner => {
        const status = httpStatus(error)
        if ((status === 403 || status === 404) && !isRateLimited(error)) return { refused: status }
        throw error
      })
  )
}
