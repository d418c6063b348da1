/**
 * The notes on a PR's TODO follow-ups, which `when: open` creates before the PR is merged: at the
 * merge, one on each whose TODO left the PR; at a close without merging, one on each, since none
 * of its TODOs reached the base branch. The action only tells: a watcher decides whether the
 * issue is still wanted. Each note is posted once per issue and PR; its comment id is kept in the
 * issue property NOTES_PROPERTY, so a rerun or a later event finds it and writes nothing.
 */
import type { Action } from '../../plan/actions.js'
import { closedComment, goneComment, type PrRef } from './describe.js'
import { isTodoLabel } from './fingerprint.js'
import type { KnownFollowUp } from './index.js'

/**
 * Issue property of a follow-up: its notes' comment ids, the "TODO is gone" note's by the PR's
 * URL, the "closed without merging" note's by `closedEntry` of it.
 */
export const NOTES_PROPERTY = 'gitar-jira.follow-up'

/** A TODO follow-up of the PR, with the index of the notes it has (NOTES_PROPERTY). */
export type NotedFollowUp = KnownFollowUp & { notes: Record<string, string> }

/** The entry of the "closed without merging" note: apart from the "gone" note's (the PR URL). */
export const closedEntry = (prUrl: string) => `${prUrl}#closed`

const note = (
  known: NotedFollowUp,
  entry: string,
  what: string,
  body: Extract<Action, { type: 'jira.upsertComment' }>['body']
): Action => ({
  type: 'jira.upsertComment',
  rule: 'follow-ups',
  issueKey: known.key,
  what,
  body,
  visibility: null,
  commentId: null,
  index: { property: NOTES_PROPERTY, entry, known: known.notes }
})

/** At the merge: a note on each follow-up whose TODO is not among the merged PR's (`current`). */
export function goneNotes(ofPr: NotedFollowUp[], pr: PrRef, current: Set<string>): Action[] {
  return ofPr
    .filter((known) => !known.labels.some((l) => current.has(l)) && !known.notes[pr.url])
    .map((known) =>
      note(known, pr.url, `the note that its TODO left ${pr.name}`, goneComment(pr, known.summary))
    )
}

/** At a close without merging: a note on each follow-up, its TODOs never merged into `base`. */
export function closedNotes(ofPr: NotedFollowUp[], pr: PrRef, base: string): Action[] {
  const entry = closedEntry(pr.url)
  return ofPr
    .filter((known) => !known.notes[entry])
    .map((known) =>
      note(
        known,
        entry,
        `the note that ${pr.name} was closed without merging`,
        closedComment(pr, base, known.summary, known.labels.filter(isTodoLabel).length)
      )
    )
}
