/**
 * A `users` entry keyed by an email can only match a person whose email Jira shows, and most
 * Jira Cloud sites hide it. When the linked issues' people include someone with a hidden email
 * whom nothing mapped, the entries keyed by an email that matched nobody may be meant for them;
 * which is whose cannot be told (the email is what is hidden), so one note names both and says
 * what works: the Jira accountId as the key.
 */
import { codeText } from '../../util/code-text.js'
import { firstOf } from '../../util/list.js'
import type { Note } from '../types.js'
import { sameEmail } from './mapping.js'
import type { ReviewerPlan } from './model.js'
import type { RankedPerson } from './people.js'

/** At most this many people and entries are named. */
const MAX_NAMED = 5

export function hiddenEmailNote(
  people: readonly RankedPerson[],
  plan: Pick<ReviewerPlan, 'unmapped'>,
  users: Record<string, string>
): Note | null {
  const hidden = plan.unmapped.filter((p) => p.emailHidden)
  if (hidden.length === 0) return null
  const shown = people.flatMap((p) => (p.user.email ? [p.user.email] : []))
  const unused = Object.keys(users).filter(
    (key) => key.includes('@') && !shown.some((email) => sameEmail(email, key))
  )
  if (unused.length === 0) return null
  const names = firstOf(
    hidden.map((p) => p.name),
    MAX_NAMED
  )
  // The keys as code, as they are written in the file (an email in text gets its @ defused).
  const entries = unused.slice(0, MAX_NAMED).join(', ')
  const more = unused.length > MAX_NAMED ? ` and ${unused.length - MAX_NAMED} more` : ''
  const one = unused.length === 1
  return {
    level: 'info',
    ...codeText`Jira hides the email of ${names}, so ${one ? 'the' : 'no'} \`users\` entry keyed by an email (\`${entries}\`${more}) ${one ? 'cannot match' : 'can match'} them: if ${one ? 'it is' : 'one is'} meant for them, key it by their Jira accountId (the id shown beside their name) instead.`
  }
}
