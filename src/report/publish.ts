import * as core from '@actions/core'
import type { Settings } from '../config/settings.js'
import type { GitHubPort, IssueComment } from '../github/port.js'
import { getErrorMessage } from '../util/errors.js'
import { logBlock } from '../util/log.js'

/** Creates or edits the action's PR comment (not in a dry run); returns its URL. */
export async function publishComment(
  github: GitHubPort,
  prNumber: number,
  existing: IssueComment | null,
  body: string,
  settings: Settings
): Promise<string> {
  if (settings.dryRun) {
    logBlock(`[dry-run] would ${existing ? 'update' : 'create'} the PR comment:`, body)
    return existing?.url ?? ''
  }
  if (existing?.body === body) return existing.url
  try {
    const written = existing
      ? await github.updateComment(existing.id, body)
      : await github.createComment(prNumber, body)
    return written.url
  } catch (error) {
    // The comment is the report, not the work: the links are made; say so and go on.
    core.warning(`The PR comment could not be written: ${getErrorMessage(error)}`, {
      title: 'gitar-jira'
    })
    return existing?.url ?? ''
  }
}
