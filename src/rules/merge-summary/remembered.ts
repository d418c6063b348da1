/**
 * The follow-ups a merge summary listed, for a later event on which the follow-ups rule is off:
 * turning the rule off stops new follow-ups, it does not unsay the ones the summary names. They
 * are the keys the PR comment's state remembers (the follow-ups the action created for the PR),
 * read in one request; only issues that still carry the PR's label count, since the state is
 * editable and a summary must not quote any issue someone names there.
 */
import type { Settings } from '../../config/settings.js'
import { prLabel } from '../follow-ups/fingerprint.js'
import { rememberedKeys } from '../follow-ups/index.js'
import type { Facts, Ports } from '../types.js'
import type { FollowUp } from './summary.js'

/** Null when the follow-ups rule is on: its own account of this run is what the summary lists. */
export async function rememberedFollowUps(
  ports: Ports,
  facts: Facts,
  settings: Settings
): Promise<FollowUp[] | null> {
  if (settings.rules.followUps.enabled) return null
  const keys = rememberedKeys(facts.previous, settings)
  if (keys.length === 0) return []
  const label = prLabel(facts.pr.pr.htmlUrl)
  const issues = await ports.jira.getIssues(keys, { details: true })
  return keys.flatMap((key) => {
    const issue = issues.find((i) => i.key === key && i.details?.labels.includes(label))
    return issue ? [{ key, url: issue.url, summary: issue.summary }] : []
  })
}
