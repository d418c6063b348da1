/** A person's access to the repository: who may be asked to review. */
import type { GitHubClient } from './client.js'
import { callGitHub, httpStatus } from './errors.js'
import type { RepoPermission } from './port.js'
import type { Repo } from './pr-facts.js'

const KNOWN: readonly RepoPermission[] = ['admin', 'write', 'read', 'none']

/** `GET /repos/{o}/{r}/collaborators/{login}/permission`; an unknown login (404) has `none`. */
export async function getPermission(
  octokit: GitHubClient,
  target: Repo,
  login: string
): Promise<RepoPermission> {
  const permission = await callGitHub('contents: read', () =>
    octokit.rest.repos
      .getCollaboratorPermissionLevel({ ...target, username: login })
      .then((r) => r.data.permission)
      .catch((error: unknown) => {
        if (httpStatus(error) === 404) return 'none'
        throw error
      })
  )
  // GitHub may add levels; anything unknown counts as read access, as GitHub's own levels do.
  return KNOWN.includes(permission as RepoPermission) ? (permission as RepoPermission) : 'read'
}
