/**
 * The issue links behind `jira.createIssue` and `jira.linkIssues` (called from `apply.ts` only):
 * each link on its own, so one refused does not stop the others; what failed comes back as text.
 */
import type { JiraPort } from '../jira/port.js'
import { getErrorMessage } from '../util/errors.js'

export interface LinksMade {
  /** One line per link not made, naming it and Jira's reason. */
  problems: string[]
  /** The keys of `keys` that `key` could not be linked to. */
  failed: string[]
}

/** Links `key` to each of `keys` with the link type `linkType`; says which were not made. */
export async function linkEach(
  jira: Pick<JiraPort, 'linkIssues'>,
  linkType: string,
  key: string,
  keys: string[]
): Promise<LinksMade> {
  const made: LinksMade = { problems: [], failed: [] }
  for (const other of keys) {
    try {
      await jira.linkIssues(linkType, key, other)
    } catch (error) {
      made.problems.push(`could not link ${key} to ${other}: ${getErrorMessage(error)}`)
      made.failed.push(other)
    }
  }
  return made
}
