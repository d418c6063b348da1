/**
 * The "relates to" link of a follow-up to the PR's issues: the link type it is made with, and
 * which links whose write failed (the comment state's `relink`) a run tries again. Only those: a
 * link someone removed in Jira, or one to an issue linked to the PR since, is not made.
 */
import { MAX_RELATES_TO, MAX_RELINK_TRIES, type RelinkEntry } from '../../report/state.js'
import type { LinkedIssue } from '../linked-issue.js'
import type { Note, Ports } from '../types.js'

const RELATES = 'relates'

/** The name of Jira's "relates to" link type; null when the site has none. */
export async function relatesType(ports: Ports): Promise<string | null> {
  const types = await ports.jira.getIssueLinkTypes()
  const relates =
    types.find((t) => t.name.toLowerCase() === RELATES) ??
    types.find((t) => t.outward.toLowerCase() === 'relates to')
  return relates?.name ?? null
}

/**
 * The PR's issues a follow-up is linked to: those the PR resolves, then those it references, each
 * in the PR's order, at most MAX_RELATES_TO.
 */
export function relatedKeys(linked: readonly LinkedIssue[]): string[] {
  return [
    ...linked.filter((l) => l.strength === 'resolves'),
    ...linked.filter((l) => l.strength !== 'resolves')
  ]
    .slice(0, MAX_RELATES_TO)
    .map((l) => l.issue.key)
}

/** The note on the PR's issues the follow-ups are not linked to; null when they are linked to all. */
export function unrelatedNote(linked: number, related: readonly string[]): Note | null {
  if (linked <= related.length) return null
  return {
    level: 'info',
    text: `Each follow-up is linked ("relates to") to ${related.length} of the PR's ${linked} issues, those it resolves first: ${related.join(', ')}.`
  }
}

/** A follow-up as far as its links go: `links` the keys it is linked to, when they were read. */
export interface LinkedFollowUp {
  key: string
  labels: string[]
  links?: string[]
}

export interface Relinks {
  /** To try again now: the links still missing, of issues the PR is still linked to. */
  due: RelinkEntry[]
  /** Not read on this run (or no link type to make them with): remembered as they were. */
  kept: RelinkEntry[]
}

/**
 * The failed links of `entries` as this run finds them. A follow-up read with its links (one of
 * the PR's: it carries `prLabel`) is due for the links it still lacks to `keys`, the PR's issues;
 * one with none lacking is done with (made since, by anyone; a link of any type counts). A
 * follow-up not read is kept for a later run. Entries tried MAX_RELINK_TRIES times are given up.
 */
export function relinks(
  entries: RelinkEntry[],
  followUps: LinkedFollowUp[],
  prLabel: string,
  keys: string[]
): Relinks {
  const result: Relinks = { due: [], kept: [] }
  for (const entry of entries) {
    if (entry.tries >= MAX_RELINK_TRIES) continue
    const links = followUps.find((f) => f.key === entry.key && f.labels.includes(prLabel))?.links
    if (!links) {
      result.kept.push(entry)
      continue
    }
    const lacking = entry.to.filter(
      (k) => k !== entry.key && keys.includes(k) && !links.includes(k)
    )
    if (lacking.length > 0) result.due.push({ ...entry, to: lacking })
  }
  return result
}
