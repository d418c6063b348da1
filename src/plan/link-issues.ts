/**
 * The issue links behind `jira.createIssue` and `jira.linkIssues` (called from `apply.ts` only):
 * each link on its own, so one refused does not stop the others; what failed comes back as text.
 */
import type { JiraPort } from '../jira/port.js'
import { chunks } from '../util/chunks.js'
import { getErrorMessage } from '../util/errors.js'

/** Links written at once: a few round trips in place of one each, well inside Jira's rate limits. */
const LINK_CONCURRENCY = 5

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
  for (const batch of chunks(keys, LINK_CONCURRENCY)) {
    const settled = await Promise.allSettled(
      batch.map((other) => jira.linkIssues(linkType, key, other))
    )
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') return
      const other = batch[i]!
      made.problems.push(`could not link ${key} to ${other}: ${getErrorMessage(result.reason)}`)
      made.failed.push(other)
    })
  }
  return made
}
