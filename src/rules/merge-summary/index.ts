/**
 * merge-summary: when a PR is merged, every linked issue (resolved or referenced; explicit,
 * inferred or accepted) gets one comment that says what was built. A rerun edits that comment.
 *
 * How the comment is found again: the issue property `gitar-jira.merge-summary` maps each PR's
 * URL to its comment's id. A property is invisible in Jira's UI and cannot be changed by editing
 * the comment, so a watcher who edits or reformats the summary does not make the next run add a
 * second one (a marker inside the comment would be lost with the first careless edit, and ADF
 * has no hidden text to put one in). A deleted comment is written anew.
 */
import { readCommentIndex } from '../../jira/property.js'
import type { Settings } from '../../config/settings.js'
import type { PrEvent } from '../../context.js'
import type { Action } from '../../plan/actions.js'
import type { RichDoc } from '../../richtext/model.js'
import type { Strength } from '../auto-link/keys.js'
import type { Facts, Ports, Rule, RulePlan } from '../types.js'
import { fitSummary, type FollowUp } from './summary.js'

export const SUMMARY_PROPERTY = 'gitar-jira.merge-summary'

/** Issue key → the issue's `gitar-jira.merge-summary` property: PR URL → comment id. */
export type KnownSummaries = Record<string, Record<string, string>>

export function isMergedEvent(event: PrEvent): boolean {
  // A box ticked after the merge links one more issue: it gets its summary too.
  return event.merged && (event.action === 'closed' || event.action === 'checkbox')
}

export const mergeSummary: Rule<KnownSummaries> = {
  name: 'merge-summary',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    return settings.rules.mergeSummary.enabled && isMergedEvent(event)
  },

  async gather(ports: Ports, facts: Facts): Promise<KnownSummaries> {
    const keys = facts.linked.map((l) => l.issue.key)
    const values = await Promise.all(
      keys.map((key) => ports.jira.getIssueProperty(key, SUMMARY_PROPERTY))
    )
    return Object.fromEntries(keys.map((key, i) => [key, readCommentIndex(values[i])]))
  },

  plan(facts: Facts, known: KnownSummaries, settings: Settings): RulePlan {
    const { pr } = facts.pr
    if (!pr.merged) return { actions: [], notes: [] }
    const repo = `${facts.event.owner}/${facts.event.repo}`
    const followUps: FollowUp[] | null = facts.earlier.followUps
    const docs = new Map<Strength, RichDoc>()
    const docFor = (strength: Strength): RichDoc => {
      const doc = docs.get(strength) ?? fitSummary({ pr: facts.pr, repo, strength, followUps })
      docs.set(strength, doc)
      return doc
    }
    const actions: Action[] = facts.linked.map((linked) => {
      const index = known[linked.issue.key] ?? {}
      return {
        type: 'jira.upsertComment',
        rule: 'merge-summary',
        issueKey: linked.issue.key,
        what: `the merge summary of ${repo}#${pr.number}`,
        body: docFor(linked.strength),
        visibility: settings.rules.mergeSummary.visibility,
        commentId: index[pr.htmlUrl] ?? null,
        index: { property: SUMMARY_PROPERTY, entry: pr.htmlUrl, known: index }
      }
    })
    return { actions, notes: [] }
  }
}
