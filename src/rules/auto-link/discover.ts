/**
 * The issues a PR works on: explicit keys that Jira confirms, plus the links earlier runs made
 * by inference or acceptance. Every later rule reads this list.
 */
import type { Settings } from '../../config/settings.js'
import type { PrFacts } from '../../github/port.js'
import type { JiraIssue, JiraPort } from '../../jira/port.js'
import { applyDecisions, type Decisions } from '../../report/checkboxes.js'
import type { CommentState } from '../../report/state.js'
import type { LinkedIssue } from '../linked-issue.js'
import { findKeyMentions, type KeyMention } from './keys.js'

/** Jira's bulk fetch takes 100 keys; a PR naming more is not a PR a person reads. */
export const MAX_CANDIDATES = 100

export function keyMentions(pr: PrFacts, settings: Settings): KeyMention[] {
  const mentions = findKeyMentions(
    {
      title: pr.pr.title,
      branch: pr.pr.headRef,
      body: pr.pr.body,
      commits: pr.commits.map((c) => c.message)
    },
    settings.rules.autoLink.sources
  )
  const projects = settings.jira.projects
  const inProjects = projects
    ? mentions.filter((m) => projects.includes(m.key.slice(0, m.key.lastIndexOf('-'))))
    : mentions
  return inProjects.slice(0, MAX_CANDIDATES)
}

/** Pure: joins what the PR mentions and what earlier runs linked with what Jira confirmed. */
export function linkedIssues(
  mentions: KeyMention[],
  previous: CommentState,
  found: JiraIssue[]
): LinkedIssue[] {
  const byKey = new Map(found.map((issue) => [issue.key, issue]))
  const linked: LinkedIssue[] = []
  for (const mention of mentions) {
    const issue = byKey.get(mention.key)
    if (issue)
      linked.push({ issue, strength: mention.strength, via: 'explicit', sources: mention.sources })
  }
  for (const link of previous.links) {
    if (link.via === 'explicit' || linked.some((l) => l.issue.key === link.key)) continue
    const issue = byKey.get(link.key)
    if (issue) linked.push({ issue, strength: 'references', via: link.via, sources: [] })
  }
  return linked
}

export async function discoverLinkedIssues(
  jira: Pick<JiraPort, 'getIssues'>,
  pr: PrFacts,
  recorded: CommentState,
  settings: Settings,
  decisions: Decisions = { accept: [], reject: [] }
): Promise<{ mentions: KeyMention[]; linked: LinkedIssue[]; state: CommentState }> {
  // A maintainer's ticks and unticks count as if earlier runs had made those links.
  const previous = applyDecisions(recorded, decisions)
  const mentions = keyMentions(pr, settings)
  const keys = [
    ...new Set([
      ...mentions.map((m) => m.key),
      ...previous.links.filter((l) => l.via !== 'explicit').map((l) => l.key)
    ])
  ]
  const found = keys.length > 0 ? await jira.getIssues(keys) : []
  const linked = linkedIssues(mentions, previous, found)
  const state: CommentState = {
    v: 1,
    links: linked.map((l) => ({ key: l.issue.key, via: l.via })),
    ...(previous.rejected ? { rejected: previous.rejected } : {})
  }
  return { mentions, linked, state }
}
