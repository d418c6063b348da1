/** A GitHub account's public profile: its public email confirms who a Jira user is. */
import type { GitHubClient } from './client.js'
import { callGitHub, httpStatus } from './errors.js'
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
