/**
 * A file's text at a ref, read through the API (the action never checks out PR code).
 */
import type { GitHubClient } from './client.js'
import { callGitHub, httpStatus } from './errors.js'
import type { Repo } from './pr-facts.js'
import { UserError } from '../util/errors.js'

/** The text of `path` at `ref`, or null when there is no such file there. */
export async function getFileText(
  octokit: GitHubClient,
  target: Repo,
  path: string,
  ref: string
): Promise<string | null> {
  const response = await callGitHub('contents: read', () =>
    octokit.rest.repos.getContent({ ...target, path, ref }).catch((error: unknown) => {
      if (httpStatus(error) === 404) return null
      throw error
    })
  )
  if (response === null) return null
  const { data } = response
  const where = `${target.owner}/${target.repo}: ${path} at ${ref}`
  if (Array.isArray(data)) {
    throw new UserError(`${where} is a directory, not a file.`, { title: 'GitHub API' })
  }
  if (data.type !== 'file' || !('content' in data)) {
    throw new UserError(`${where} is a ${data.type}, not a file.`, { title: 'GitHub API' })
  }
  if (data.encoding !== 'base64') {
    // GitHub sends no content over 1 MB ("encoding": "none").
    throw new UserError(`${where} is too large to read through the API (${data.size} bytes).`, {
      title: 'GitHub API'
    })
  }
  return Buffer.from(data.content, 'base64').toString('utf8')
}
