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
 * has no hidden text to put one in). A deleted comment is written anew when the summary changes.
 *
 * Whether a summary changed is decided by the digest of what was written, kept in the same
 * property: Jira Cloud stores a comment's ADF in its own form (table ids added, attributes
 * reordered), so comparing what Jira answers with what the run would send says "changed" on every
 * event. A summary written before digests were kept is compared as Jira answers it, once.
 */
import { readCommentIndex, readDigests } from '../../jira/property.js'
import type { Settings } from '../../config/settings.js'
import { CONTENT_ACTIONS, type PrEvent } from '../../context.js'
import type { Action, FromConfig } from '../../plan/actions.js'
import type { RichDoc } from '../../richtext/model.js'
import { digestOf } from '../../util/digest.js'
import type { Strength } from '../auto-link/keys.js'
import { linksGone } from '../auto-link/links-gone.js'
import type { Facts, Note, Ports, Rule, RulePlan } from '../types.js'
import { rememberedFollowUps } from './remembered.js'
import { fitSummary, type FollowUp } from './summary.js'

export const SUMMARY_PROPERTY = 'gitar-jira.merge-summary'

/** Jira names a role or group the comment cannot be restricted to as `commentLevel`. */
const VISIBILITY_FROM_CONFIG: FromConfig = {
  commentLevel: ['rules', 'merge-summary', 'visibility'],
  visibility: ['rules', 'merge-summary', 'visibility']
}

/**
 * Issue key → the issue's `gitar-jira.merge-summary` property: PR URL → comment id, and PR URL →
 * the digest of the summary written.
 */
export type KnownSummaries = Record<
  string,
  { ids: Record<string, string>; digests: Record<string, string> }
>

const NONE_KNOWN: KnownSummaries[string] = { ids: {}, digests: {} }

export interface SummaryFacts {
  known: KnownSummaries
  /** With follow-ups off: the follow-ups the summaries listed (see remembered.ts); else null. */
  remembered: FollowUp[] | null
}

/**
 * The merge, and any event after it (an edit of the title or body, a ticked box, a rerun): the
 * event says what GitHub says of the PR now (context.ts asReadNow). An unchanged summary is not
 * written again (its digest is the one remembered).
 */
export function isMergedEvent(event: PrEvent): boolean {
  return event.merged && CONTENT_ACTIONS.has(event.action)
}

export const mergeSummary: Rule<SummaryFacts> = {
  name: 'merge-summary',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    return settings.rules.mergeSummary.enabled && isMergedEvent(event)
  },

  async gather(ports: Ports, facts: Facts, settings: Settings): Promise<SummaryFacts> {
    const keys = [...facts.linked.map((l) => l.issue.key), ...linksGone(facts).gone]
    const [values, remembered] = await Promise.all([
      Promise.all(keys.map((key) => ports.jira.getIssueProperty(key, SUMMARY_PROPERTY))),
      rememberedFollowUps(ports, facts, settings)
    ])
    const known = Object.fromEntries(
      keys.map((key, i) => [
        key,
        { ids: readCommentIndex(values[i]), digests: readDigests(values[i]) }
      ])
    )
    return { known, remembered }
  },

  plan(facts: Facts, { known, remembered }: SummaryFacts, settings: Settings): RulePlan {
    const { pr } = facts.pr
    if (!pr.merged) return { actions: [], notes: [] }
    const repo = `${facts.event.owner}/${facts.event.repo}`
    // With follow-ups off and none remembered, the summary lists none; one written while the rule
    // was on said "None created by this merge", which is as true now: not rewritten for it.
    const followUps: FollowUp[] | null =
      facts.earlier.followUps ?? (remembered?.length ? remembered : null)
    const saidNone = remembered?.length === 0
    // One summary per strength (and, for "None created by this merge", per that list).
    const docs = new Map<string, RichDoc>()
    const docFor = (strength: Strength, listed: FollowUp[] | null = followUps): RichDoc => {
      const key = `${strength}${listed === followUps ? '' : ':none'}`
      const doc = docs.get(key) ?? fitSummary({ pr: facts.pr, repo, strength, followUps: listed })
      docs.set(key, doc)
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
    const actions: Action[] = (waiting ? [] : facts.linked).flatMap((linked): Action[] => {
      const { ids, digests } = known[linked.issue.key] ?? NONE_KNOWN
      const body = docFor(linked.strength)
      const commentId = ids[pr.htmlUrl] ?? null
      const digest = digestOf({ body, visibility })
      const unchanged = [
        digest,
        ...(saidNone ? [digestOf({ body: docFor(linked.strength, []), visibility })] : [])
      ]
      if (commentId !== null && unchanged.includes(digests[pr.htmlUrl] ?? '')) return []
      return [
        {
          type: 'jira.upsertComment',
          rule: 'merge-summary',
          issueKey: linked.issue.key,
          what: `the merge summary of ${repo}#${pr.number}`,
          body,
          visibility,
          ...(visibility ? { fromConfig: VISIBILITY_FROM_CONFIG } : {}),
          commentId,
          index: { property: SUMMARY_PROPERTY, entry: pr.htmlUrl, known: ids, digests },
          digest
        }
      ]
    })
    for (const key of linksGone(facts).gone) {
      const { ids, digests } = known[key] ?? NONE_KNOWN
      const commentId = ids[pr.htmlUrl]
      if (commentId === undefined) continue
      actions.push({
        type: 'jira.deleteComment',
        rule: 'merge-summary',
        issueKey: key,
        what: `the merge summary of ${repo}#${pr.number} (the PR no longer links it)`,
        commentId,
        index: { property: SUMMARY_PROPERTY, entry: pr.htmlUrl, known: ids, digests }
      })
    }
    return { actions, notes }
  }
}
