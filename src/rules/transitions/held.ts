/**
 * A PR whose author is not one of the repository's people (rules/author-trust.ts) moves no issue
 * before its merge: opening, reopening, marking ready, closing it unmerged, and naming a new key
 * all leave Jira's statuses alone. The merge is a maintainer's act, so it moves them as usual.
 */
import type { PrEvent } from '../../context.js'
import { firstOf } from '../../util/list.js'
import { whyNotTrusted, type AuthorTrust } from '../author-trust.js'
import type { Note } from '../types.js'
import type { Moment } from './moment.js'

/** Keys named in the note, then how many more. */
const SHOWN_KEYS = 10

export function heldUntilMerge(author: AuthorTrust, moment: Moment): boolean {
  return !author.trusted && moment !== 'on-merge'
}

/** One note for every issue the event would have moved, and when they move instead. */
export function heldNote(
  keys: readonly string[],
  wanted: string,
  moment: Moment,
  onMerge: string | null,
  author: AuthorTrust,
  event: Pick<PrEvent, 'owner' | 'repo'>
): Note {
  const one = keys.length === 1
  const instead =
    moment === 'on-open' && onMerge !== null
      ? `the merge moves ${one ? 'it' : 'them'} to ${onMerge}`
      : 'only the merge of such a PR moves issues'
  return {
    level: 'info',
    text: `${firstOf(keys, SHOWN_KEYS)} ${one ? 'was' : 'were'} not moved to ${wanted}: ${whyNotTrusted(author, event)}; ${instead}.`
  }
}
