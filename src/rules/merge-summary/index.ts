/**
 * merge-summary: when a PR is merged, every linked issue (resolved or referenced; explicit,
 * inferred or accepted) gets one comment that says what was built. A rerun edits that comment,
 * and so does every later event on the merged PR: a key added to the body or a box ticked gets
 * its issue a summary, a title edited shows in every summary, and an issue the PR no longer
 * links (its key deleted, its box unticked) loses the summary that said the PR refers to it.
 *
 * How the comment is found again: the issue property `gitar-jira.merge-summary` maps each PR's
 * URL to its comment's id. A property is invisible in Jira's UI and cannot be changed by editing
 * the comment, so a watcher who edits or reformats the summary does not make the next run add a
 * second one (a marker inside the comment would be lost with the first careless edit, and ADF
 * has no hidden text to put one in). A deleted comment is written anew.
 */
import { readCommentIndex } from '../../jira/property.js'
import type { Settings } from '../../config/settings.js'
import { CONTENT_ACTIONS, type PrEvent } from '../../context.js'
import type { Action, FromConfig } from '../../plan/actions.js'
import type { RichDoc } from '../../richtext/model.js'
import type { Strength } from '../auto-link/keys.js'
import { linksGone } from '../auto-link/links-gone.js'
import type { Facts, Note, Ports, Rule, RulePlan } from '../types.js'
import { fitSummary, type FollowUp } from './summary.js'

export const SUMMARY_PROPERTY = 'gitar-jira.merge-summary'

/** Jira names a role or group the comment cannot be restricted to as `commentLevel`. */
const VISIBILITY_FROM_CONFIG: FromConfig = {
  commentLevel: ['rules', 'merge-summary', 'visibility'],
  visibility: ['rules', 'merge-summary', 'visibility']
}

/** Issue key → the issue's `gitar-jira.merge-summary` property: PR URL → comment id. */
export type KnownSummaries = Record<string, Record<string, string>>

/**
 * The merge, and any event after it (an edit of the title or body, a ticked box, a rerun): the
 * event says what GitHub says of the PR now (context.ts asReadNow). An unchanged summary is not
 * written again (the adapters compare before they edit).
 */
export function isMergedEvent(event: PrEvent): boolean {
  return event.merged && CONTENT_ACTIONS.has(event.action)
}

export const mergeSummary: Rule<KnownSummaries> = {
  name: 'merge-summary',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    return settings.rules.mergeSummary.enabled && isMergedEvent(event)
  },

  async gather(ports: Ports, facts: Facts): Promise<KnownSummaries> {
    const keys = [...facts.linked.map((l) => l.issue.key), ...linksGone(facts).gone]
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
    const { visibility } = settings.rules.mergeSummary
    // Follow-ups on but without an account of this run (it failed): the summaries wait, rather
    // than lose their Follow-ups section now and get it back, in another edit, on the next run.
    const waiting = settings.rules.followUps.enabled && followUps === null
    const notes: Note[] = waiting
      ? [
          {
            level: 'info',
            text: 'The merge summaries are not written on this run: follow-ups failed, and the summaries list them. The next run writes them.'
          }
        ]
      : []
    const actions: Action[] = (waiting ? [] : facts.linked).map((linked) => {
      const index = known[linked.issue.key] ?? {}
      return {
        type: 'jira.upsertComment',
        rule: 'merge-summary',
        issueKey: linked.issue.key,
        what: `the merge summary of ${repo}#${pr.number}`,
        body: docFor(linked.strength),
        visibility,
        ...(visibility ? { fromConfig: VISIBILITY_FROM_CONFIG } : {}),
        commentId: index[pr.htmlUrl] ?? null,
        index: { property: SUMMARY_PROPERTY, entry: pr.htmlUrl, known: index }
      }
    })
    for (const key of linksGone(facts).gone) {
      const index = known[key] ?? {}
      const commentId = index[pr.htmlUrl]
      if (commentId === undefined) continue
      actions.push({
        type: 'jira.deleteComment',
        rule: 'merge-summary',
        issueKey: key,
        what: `the merge summary of ${repo}#${pr.number} (the PR no longer links it)`,
        commentId,
        index: { property: SUMMARY_PROPERTY, entry: pr.htmlUrl, known: index }
      })
    }
    return { actions, notes }
  }
}
