/**
 * What a rule may ask to be written: the plan. Rules return these; only `plan/apply.ts` writes.
 */
import type { KeyPath } from '../config/load.js'
import type { RuleName } from '../config/settings.js'
import type {
  CommentVisibility,
  CreatedIssue,
  NewIssue,
  RemoteLinkInput,
  ScreenField,
  Transition,
  TransitionFill
} from '../jira/port.js'
import type { RichDoc } from '../richtext/model.js'
import type { Moment } from '../rules/transitions/moment.js'
import type { ErrorKind } from '../util/errors.js'

/**
 * The fields of a write whose values the config file sets (Jira's field name, as its 400 names
 * it → the key that sets it): Jira refusing one is a mistake in the file, not in this item.
 */
export type FromConfig = Partial<Record<string, KeyPath>>

/**
 * Where the id of a comment the action wrote is remembered: the issue property `property` maps
 * `entry` (the PR's URL) to the comment id. `known` is the map as it was read, kept when it is
 * rewritten; `digests`, the digests it keeps beside the ids (jira/property.ts indexValue).
 */
export interface CommentIndex {
  property: string
  entry: string
  known: Record<string, string>
  digests?: Record<string, string>
}

export type Action =
  | { type: 'jira.upsertRemoteLink'; rule: RuleName; issueKey: string; link: RemoteLinkInput }
  | { type: 'jira.deleteRemoteLink'; rule: RuleName; issueKey: string; globalId: string }
  | {
      type: 'github.updatePrTitle'
      rule: RuleName
      prNumber: number
      title: string
      /** The title the plan started from: someone's edit since then is not overwritten. */
      from: string
    }
  | { type: 'github.requestReviewer'; rule: RuleName; prNumber: number; login: string }
  | {
      type: 'jira.transition'
      rule: RuleName
      issueKey: string
      /**
       * null: nothing is written: the issue is in the status already, or is left where it is
       * (`leftBecause`); the report says so.
       */
      transitionId: string | null
      /**
       * Why the issue stays where it is rather than move back (rules/transitions/forward.ts): the
       * action's fixed words, no text from Jira.
       */
      leftBecause?: string
      /** Status names, for people: the write needs only the id. */
      from: string
      to: string
      /** The moment it moves at (a move to write): remembered in the PR comment's state. */
      moment?: Moment
      /** What the transition sets on its way (a resolution), for a transition with a screen. */
      fill?: TransitionFill
      /** The fields its screen requires that the action leaves empty: advice if Jira refuses. */
      unfilled?: { transition: string; fields: ScreenField[] }
      /** Its screen's optional resolution that stays empty (see jira/screen.ts): a warning. */
      unresolved?: { transition: string; field: ScreenField }
    }
  | {
      type: 'jira.upsertComment'
      rule: RuleName
      issueKey: string
      /** What the comment is, for people: "the merge summary of acme/shop#42". */
      what: string
      body: RichDoc
      visibility: CommentVisibility | null
      fromConfig?: FromConfig
      /** The comment written on an earlier run (edited in place), or null to add one. */
      commentId: string | null
      index: CommentIndex
      /**
       * digestOf `{ body, visibility }`, remembered in the index beside the id once written: a
       * later run whose comment has the same digest plans no write (merge-summary).
       */
      digest?: string
    }
  | {
      /**
       * Deletes a comment the action wrote (found by its index, as `jira.upsertComment` keeps
       * it), then removes its entry from the index.
       */
      type: 'jira.deleteComment'
      rule: RuleName
      issueKey: string
      /** What the comment is, for people: "the merge summary of acme/shop#42". */
      what: string
      commentId: string
      index: CommentIndex
    }
  | {
      type: 'jira.createIssue'
      rule: RuleName
      /** What the new issue follows up, for people: "the TODO at src/a.ts:12". */
      what: string
      issue: NewIssue
      fromConfig?: FromConfig
      /** The new issue "relates to" these, by the link type's name (null: no such type). */
      relatesTo: { linkType: string; keys: string[] } | null
      /** A review thread to answer with the new issue: `{key}` and `{url}` in `body` are filled in. */
      reply: { threadId: string; body: string } | null
    }
  | {
      /**
       * Adds to an issue that exists: a comment saying what is added, then `labels` (the
       * fingerprints a later run finds it by). The comment comes first and its id is remembered
       * as `jira.upsertComment`'s is, so a rerun after the labels failed edits that comment
       * rather than adding a second one; once the labels are on, a rerun plans nothing.
       */
      type: 'jira.addToIssue'
      rule: RuleName
      issueKey: string
      /** What is added, for people: "2 new TODO(s) of acme/shop#42". */
      what: string
      body: RichDoc
      /** The comment written on an earlier try (edited in place), or null to add one. */
      commentId: string | null
      index: CommentIndex
      labels: string[]
    }
  | {
      /**
       * Links an issue that exists to `keys` (the "relates to" links whose write failed when a
       * follow-up was created). A link that fails is a warning, as it is when the issue is created.
       */
      type: 'jira.linkIssues'
      rule: RuleName
      issueKey: string
      /** The link type's name ("Relates"). */
      linkType: string
      keys: string[]
      /** Which try of a later run this is (1 for the first); the last one says it gives up. */
      attempt: number
    }
  | { type: 'github.replyToThread'; rule: RuleName; threadId: string; body: string }
  | {
      type: 'jira.setIssueProperty'
      rule: RuleName
      issueKey: string
      /** What the value is, for people: "the files acme/shop#42 changed". */
      what: string
      property: string
      /** The whole new value: the rule merged it with what it read. */
      value: object
      /**
       * Only later runs gain from it: a refusal (say *Edit issues* is missing) is logged and
       * leaves the run green.
       */
      optional: boolean
    }

/** `warned`: Jira refused in a way that is news, not a failure (a transition screen). */
export type ActionStatus = 'done' | 'would' | 'failed' | 'warned'

export interface AppliedAction {
  action: Action
  status: ActionStatus
  error?: string
  /** `failed`: a mistake to fix, an outage, or neither (see util/errors.ts). */
  errorKind?: ErrorKind
  /** `failed` because Jira refused a value the config file sets: its key (`fromConfig`). */
  setting?: KeyPath
  /** Why a `warned` action did not happen, in Jira's words. */
  warning?: string
  /** The issue a `jira.createIssue` action created (also when a later step of it warned). */
  created?: CreatedIssue
  /** `jira.createIssue`, `jira.linkIssues`: the keys the issue could not be linked to. */
  linkFailed?: string[]
  /** `jira.transition`: what was sent, where a layer changed the plan's (a newer screen). */
  sent?: TransitionFill
  /** `jira.transition` refused: what the report says of it besides Jira's words (`warning`). */
  refusal?: TransitionRefusal
}

/** A transition Jira refused, as far as the action can tell why. */
export interface TransitionRefusal {
  /** The fields Jira's refusal names. */
  fields: string[]
  /** The fields the screen of the transition tried requires that the action left empty. */
  unfilled?: { transition: string; fields: ScreenField[] }
  /** No transition offered now leads to the status: what is offered instead (read again). */
  offered?: Transition[]
}

/** One line a person can read, for the log, dry-run and the failure list. */
export function describeAction(action: Action): string {
  switch (action.type) {
    case 'jira.upsertRemoteLink':
      return `link ${action.issueKey} to ${action.link.url}`
    case 'jira.deleteRemoteLink':
      return `remove the link from ${action.issueKey} to ${action.globalId.replace(/^gitar-jira:/, '')}`
    case 'github.updatePrTitle':
      return `set the title of PR #${action.prNumber} to "${action.title}"`
    case 'github.requestReviewer':
      return `request a review of PR #${action.prNumber} from ${action.login}`
    case 'jira.transition':
      if (action.leftBecause !== undefined) {
        return `leave ${action.issueKey} in "${action.from}" (not moved to "${action.to}": ${action.leftBecause})`
      }
      return action.transitionId === null
        ? `leave ${action.issueKey} in "${action.to}" (already there)`
        : `move ${action.issueKey} from "${action.from}" to "${action.to}"${action.fill?.resolution === undefined ? '' : ` (resolution "${action.fill.resolution}")`}`
    case 'jira.upsertComment':
      return `${action.commentId === null ? 'add' : 'update'} ${action.what} on ${action.issueKey}`
    case 'jira.deleteComment':
      return `delete ${action.what} from ${action.issueKey}`
    case 'jira.createIssue': {
      // Every write it makes: the links and the reply are part of it.
      const then = [
        ...(action.relatesTo
          ? [`link it to ${action.relatesTo.keys.join(', ')} ("${action.relatesTo.linkType}")`]
          : []),
        ...(action.reply ? ['reply in the review thread with its key'] : [])
      ]
      return `create a ${action.issue.issueType} in ${action.issue.projectKey} for ${action.what}${then.length > 0 ? `, then ${then.join(' and ')}` : ''}`
    }
    case 'jira.addToIssue':
      return `add ${action.what} to ${action.issueKey}`
    case 'jira.linkIssues':
      return `link ${action.issueKey} to ${action.keys.join(', ')} ("${action.linkType}")`
    case 'github.replyToThread':
      return `reply to review thread ${action.threadId}`
    case 'jira.setIssueProperty':
      return `remember ${action.what} on ${action.issueKey}`
  }
}
