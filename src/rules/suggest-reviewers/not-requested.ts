/**
 * `mode: request` on a PR whose author is not one of the repository's people: the PR names the
 * issues, and so whom a request would notify; the suggestions are listed, and one note says why
 * nobody was asked.
 */
import type { PrEvent } from '../../context.js'
import { whyNotTrusted, type AuthorTrust } from '../author-trust.js'
import type { Note } from '../types.js'
import type { ReviewerPlan } from './model.js'

export function notRequestedNote(
  plan: Pick<ReviewerPlan, 'suggested'>,
  author: AuthorTrust,
  event: Pick<PrEvent, 'owner' | 'repo'>
): Note | null {
  if (!plan.suggested.some((s) => !s.requestedEarlier)) return null
  return {
    level: 'info',
    text: `Suggested, not requested: ${whyNotTrusted(author, event)}, and reviews are requested only on PRs by the repository's owner, members and collaborators.`
  }
}
