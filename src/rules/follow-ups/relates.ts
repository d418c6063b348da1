/**
 * The "relates to" link of a follow-up to the PR's issues: the link type it is made with, and
 * the links an existing follow-up of the PR still lacks. A link write that failed when the
 * follow-up was created is made by a later run that finds the follow-up without it.
 */
import type { Ports } from '../types.js'

const RELATES = 'relates'

/** The name of Jira's "relates to" link type; null when the site has none. */
export async function relatesType(ports: Ports): Promise<string | null> {
  const types = await ports.jira.getIssueLinkTypes()
  const relates =
    types.find((t) => t.name.toLowerCase() === RELATES) ??
    types.find((t) => t.outward.toLowerCase() === 'relates to')
  return relates?.name ?? null
}

/** A follow-up as far as its links go: `links` the keys it is linked to, when they were read. */
export interface LinkedFollowUp {
  key: string
  labels: string[]
  links?: string[]
}

/**
 * The follow-ups of the PR (those carrying its label `prLabel`) that lack a link to some of
 * `keys`, each with the keys it lacks. A link of any type counts: an issue linked otherwise
 * (blocks, duplicates) says more than "relates to" already. Links not read: nothing is guessed.
 */
export function missingLinks(
  followUps: LinkedFollowUp[],
  prLabel: string,
  keys: string[]
): { key: string; keys: string[] }[] {
  const seen = new Set<string>()
  const missing: { key: string; keys: string[] }[] = []
  for (const followUp of followUps) {
    if (seen.has(followUp.key) || !followUp.labels.includes(prLabel)) continue
    seen.add(followUp.key)
    const links = followUp.links
    const lacking = links ? keys.filter((k) => k !== followUp.key && !links.includes(k)) : []
    if (lacking.length > 0) missing.push({ key: followUp.key, keys: lacking })
  }
  return missing
}
