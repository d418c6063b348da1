/**
 * The single write point. Dry-run and per-action failure handling live here and nowhere else;
 * idempotency comes from the keys the actions carry (remote links by globalId).
 */
import type { GitHubPort } from '../github/port.js'
import type { JiraPort } from '../jira/port.js'
import { indexValue, readCommentIndex, readDigests, withEntry } from '../jira/property.js'
import { fieldsRefused } from '../jira/errors.js'
import { errorKind, getErrorMessage } from '../util/errors.js'
import { logLine } from '../util/log.js'
import { describeAction, type Action, type AppliedAction, type CommentIndex } from './actions.js'
import { createIssue, type IssueWritten } from './create-issue.js'
import { linkEach } from './link-issues.js'
import { transitionRefusal } from './transition-refusal.js'
import { noteRefusal, refusalOf, type Failed, type RefusedCreates } from './refused-creates.js'

export interface Writers {
  jira: Pick<
    JiraPort,
    | 'upsertRemoteLink'
    | 'deleteRemoteLink'
    | 'transitionIssue'
    | 'addComment'
    | 'updateComment'
    | 'deleteComment'
    | 'getIssueProperty'
    | 'setIssueProperty'
    | 'createIssue'
    | 'addLabels'
    | 'linkIssues'
  >
  github: Pick<GitHubPort, 'updatePrTitle' | 'replyToThread' | 'requestReviewers'>
}

export async function applyActions(
  actions: Action[],
  writers: Writers,
  options: { dryRun: boolean }
): Promise<AppliedAction[]> {
  const applied: AppliedAction[] = []
  const refused: RefusedCreates = new Map()
  // Sequential on purpose: few writes per run, a readable log, and Jira's rate limits respected.
  // It is also what lets the first create Jira refuses for its project or issue type spare the
  // creates after it: none of them is in flight when the refusal comes back.
  for (const action of actions) {
    const what = describeAction(action)
    if (options.dryRun) {
      logLine(`[dry-run] would ${what}`)
      applied.push({ action, status: 'would' })
      continue
    }
    const refusedEarlier = refusalOf(refused, action)
    if (refusedEarlier !== undefined) {
      logLine(
        `Could not ${what}: ${refusedEarlier.error} (not sent: Jira refused this project or issue type for an earlier create)`
      )
      applied.push({ action, status: 'failed', ...refusedEarlier })
      continue
    }
    try {
      const result = await write(action, writers)
      const { warning, created, linkFailed, sent, refusal } =
        typeof result === 'object' ? result : { warning: result }
      const made = {
        ...(created ? { created } : {}),
        ...(linkFailed ? { linkFailed } : {}),
        ...(sent ? { sent } : {}),
        ...(refusal ? { refusal } : {})
      }
      // What was written, when a layer changed what the plan said (a newer transition screen).
      const did =
        sent && action.type === 'jira.transition' ? describeAction({ ...action, fill: sent }) : what
      if (warning === undefined) {
        logLine(`${did}: done${created ? ` (${created.key})` : ''}`)
        applied.push({ action, status: 'done', ...made })
      } else {
        logLine(`Did not ${did}: ${warning}`)
        applied.push({ action, status: 'warned', warning, ...made })
      }
    } catch (error) {
      const failed = failure(action, error)
      logLine(`Could not ${what}: ${failed.error}`)
      noteRefusal(refused, action, error, failed)
      if ('optional' in action && action.optional) {
        applied.push({ action, status: 'warned', warning: failed.error })
      } else {
        applied.push({ action, status: 'failed', ...failed })
      }
    }
  }
  return applied
}

/**
 * How a write failed: Jira's words, and whether a person must fix something. A 400 that names a
 * field the config file sets (`fromConfig`) is a mistake in the file: the key goes with it.
 */
function failure(action: Action, error: unknown): Failed {
  const fromConfig = 'fromConfig' in action ? action.fromConfig : undefined
  const setting = fieldsRefused(error)
    .map((field) => fromConfig?.[field])
    .find((key) => key !== undefined)
  return {
    error: getErrorMessage(error),
    errorKind: setting ? 'user' : errorKind(error),
    ...(setting ? { setting } : {})
  }
}

/**
 * What a write says beyond done: a warning, the issue it created, the links it could not make,
 * what a transition sent and why Jira refused it.
 */
type Written = Partial<IssueWritten> & Pick<AppliedAction, 'sent' | 'refusal'>

/** Writes one action; resolves to a warning when Jira declined in a way that is not a failure. */
async function write(
  action: Action,
  { jira, github }: Writers
): Promise<string | Written | undefined> {
  switch (action.type) {
    case 'jira.upsertRemoteLink':
      return void (await jira.upsertRemoteLink(action.issueKey, action.link))
    case 'jira.deleteRemoteLink':
      return void (await jira.deleteRemoteLink(action.issueKey, action.globalId))
    case 'github.updatePrTitle':
      return (await github.updatePrTitle(action.prNumber, action.title, action.from))
        ? undefined
        : 'the title was edited since this run read it; the edit triggers a run that prefixes the new one'
    case 'github.requestReviewer': {
      // One login per request: GitHub refuses the whole request (422) for one refused login.
      const outcome = await github.requestReviewers(action.prNumber, [action.login])
      return outcome.ok ? undefined : outcome.reason
    }
    case 'jira.transition': {
      if (action.transitionId === null) return undefined
      const outcome = await jira.transitionIssue(action.issueKey, action.transitionId, action.fill)
      const sent = outcome.sent ? { sent: outcome.sent.fill ?? { prefer: [] } } : {}
      if (outcome.ok) return sent
      return { warning: outcome.reason, ...sent, refusal: transitionRefusal(action, outcome) }
    }
    case 'jira.upsertComment':
      return void (await upsertComment(action, jira))
    case 'jira.deleteComment':
      await jira.deleteComment(action.issueKey, action.commentId)
      return void (await writeIndex(jira, action.issueKey, action.index, null))
    case 'jira.createIssue':
      return await createIssue(action, { jira, github })
    case 'jira.addToIssue':
      // The comment first: labels without it would say "handled" of TODOs nobody was told of.
      await upsertComment({ ...action, visibility: null }, jira)
      return void (await jira.addLabels(action.issueKey, action.labels))
    case 'jira.linkIssues': {
      const { problems, failed } = await linkEach(
        jira,
        action.linkType,
        action.issueKey,
        action.keys
      )
      return problems.length > 0 ? { warning: problems.join('; '), linkFailed: failed } : undefined
    }
    case 'github.replyToThread':
      return void (await github.replyToThread(action.threadId, action.body))
    case 'jira.setIssueProperty':
      return void (await jira.setIssueProperty(action.issueKey, action.property, action.value))
  }
}

/**
 * Edits the comment written before, or adds one when there is none (or someone deleted it);
 * then remembers its id (and digest) in the issue property, so the next run finds it again.
 */
async function upsertComment(
  action: Pick<
    Extract<Action, { type: 'jira.upsertComment' }>,
    'issueKey' | 'body' | 'visibility' | 'commentId' | 'index' | 'digest'
  >,
  jira: Writers['jira']
): Promise<void> {
  const comment = { body: action.body, visibility: action.visibility }
  const { issueKey, commentId, index, digest } = action
  const edited = commentId !== null && (await jira.updateComment(issueKey, commentId, comment))
  const id = edited ? commentId : await jira.addComment(issueKey, comment)
  const remembered =
    index.known[index.entry] === id &&
    (digest === undefined || index.digests?.[index.entry] === digest)
  if (remembered) return
  try {
    await writeIndex(jira, issueKey, index, id, digest)
  } catch (error) {
    // A comment the property does not point at would be written a second time by the next run
    // (a rerun, a box ticked after the merge): take it back, then report the failure.
    if (!edited) await jira.deleteComment(issueKey, id).catch(() => undefined)
    throw error
  }
}

/**
 * Sets the index's entry to the comment `id` and its `digest` (or, with null, removes it). The
 * property is read again just before writing: another PR's run on the same issue (two PRs merged
 * at once) may have added its entry since this run read it, and must not lose it.
 */
async function writeIndex(
  jira: Writers['jira'],
  issueKey: string,
  index: CommentIndex,
  id: string | null,
  digest?: string
): Promise<void> {
  const now = await jira.getIssueProperty(issueKey, index.property)
  const current = { ...index.known, ...readCommentIndex(now) }
  if (id === null && current[index.entry] === undefined) return
  const { [index.entry]: _, ...others } = current
  const { [index.entry]: _digest, ...otherDigests } = { ...index.digests, ...readDigests(now) }
  const ids = id === null ? others : withEntry(current, index.entry, id)
  const digests = digest === undefined ? otherDigests : { ...otherDigests, [index.entry]: digest }
  await jira.setIssueProperty(issueKey, index.property, indexValue(ids, digests))
}
