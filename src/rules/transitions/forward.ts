/**
 * The action moves work forward, never back: Jira's status categories run new (To Do) →
 * indeterminate (In Progress) → done, and a move the PR's event asks for is left out when it
 * would undo what is further along.
 *
 * - An issue in a done status is not moved: another PR or a person finished it (or closed it),
 *   and neither opening, closing nor merging this PR undoes that.
 * - On open and at the merge, a move to a status of an earlier category is left out (on-open
 *   "To Do" for an issue In Progress).
 * - Closed unmerged, going back is what `on-close` is for (In Review → To Do: the work returns to
 *   the backlog); only done issues are kept.
 * - The one exception: an issue this PR's own close moved to a done status (the PR comment's
 *   state says so), and still there, is not finished work: it moves on when the PR reopens (to
 *   `on-open`) or is merged (to `on-merge`).
 *
 * Within one category (In Review → In Progress) the workflow's order is not known: the move is
 * made as configured. A status whose category Jira did not give is not judged.
 */
import { sameName } from '../../jira/names.js'
import type { JiraIssue } from '../../jira/port.js'
import type { CommentState } from '../../report/state.js'
import type { Moment } from './moment.js'

const ORDER: Readonly<Record<string, number>> = { new: 0, indeterminate: 1, done: 2 }
const CATEGORY_NAME: Readonly<Record<string, string>> = {
  new: 'To Do',
  indeterminate: 'In Progress',
  done: 'Done'
}

const DONE_ALREADY: Readonly<Record<Moment, string>> = {
  'on-open':
    'it is done (another PR or a person finished it), and the action does not move a done issue back. To work on it again, reopen it in Jira.',
  'on-merge': 'it is done already, and the action does not move a done issue.',
  'on-close':
    'it is done (another PR or a person finished it), and closing this PR unmerged does not undo that.'
}

export const isDone = (issue: Pick<JiraIssue, 'status'>): boolean =>
  issue.status.category === 'done'

/**
 * Why the issue stays where it is rather than move to `to` (the status the transition found leads
 * to; none found: undefined), or null: it moves (or, with no transition, cannot: a warning).
 * `takenBackUp`: a done issue this PR's own close moved there (closedByThisPr), on open or at the
 * merge.
 */
export function whyItStays(
  issue: Pick<JiraIssue, 'status'>,
  moment: Moment,
  to: { category?: string } | undefined,
  takenBackUp: boolean
): string | null {
  if (takenBackUp) return to ? null : NO_WAY_BACK
  if (isDone(issue)) return DONE_ALREADY[moment]
  return to ? goesBack(issue, to.category, moment) : null
}

/**
 * Why a move from the issue's status to a status of `toCategory` would go back, or null when it
 * goes forward, stays within a category, happens on close, or a category is not known.
 */
function goesBack(
  issue: Pick<JiraIssue, 'status'>,
  toCategory: string | undefined,
  moment: Moment
): string | null {
  if (moment === 'on-close' || toCategory === undefined) return null
  const from = ORDER[issue.status.category]
  const to = ORDER[toCategory]
  if (from === undefined || to === undefined || to >= from) return null
  return `that status is of an earlier category (${CATEGORY_NAME[toCategory]}, before ${CATEGORY_NAME[issue.status.category]}), and the action does not move issues back.`
}

/**
 * Whether the PR's on-open or on-merge move may take this done issue on: its own close moved it
 * there (the state remembers the moment) and it is still in the on-close status.
 */
export function closedByThisPr(
  issue: Pick<JiraIssue, 'key' | 'status'>,
  moved: CommentState['moved'],
  onClose: string | null
): boolean {
  return (
    moved?.[issue.key] === 'on-close' && onClose !== null && sameName(issue.status.name, onClose)
  )
}

/** Why an issue this PR's close moved to a done status stays there when the PR reopens or merges. */
const NO_WAY_BACK =
  "this PR's close moved it there, and its workflow offers the action no transition from there to that status. To work on it again, reopen it in Jira."
