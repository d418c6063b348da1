/**
 * gitar-jira, the table of contents:
 *  1. inputs and event → gate (ignored events and secret-less fork PRs end with a notice; a
 *     push to the default branch or a schedule only refreshes the cache every PR reads)
 *  2. config file at the base branch head, the PR's facts and the action's comment, together
 *  3. Jira: check the credential, then find the issues the PR works on
 *  4. each rule in turn: gather (reads) → plan (pure) → apply (the single write point, dry-run
 *     there), so a rule sees what the ones before it wrote
 *  5. report: the PR comment, the job summary, the outputs; fail the step if a rule failed
 */
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { loadSettings } from './config/index.js'
import {
  asReadNow,
  prEventOf,
  readEvent,
  type CacheRefreshEvent,
  type CommentEditEvent,
  type PrEvent
} from './context.js'
import { createGitHub } from './github/index.js'
import type { GitHubPort, IssueComment, PrFacts } from './github/port.js'
import { readInputs, type Inputs } from './inputs.js'
import { connectJira, resolveJiraAuth, type JiraAuth } from './jira/index.js'
import { applyActions } from './plan/apply.js'
import type { Action } from './plan/actions.js'
import { openRunCache } from './cache/index.js'
import { actionsCacheStore } from './cache/store.js'
import { COMMENT_MARKER, renderComment } from './report/comment.js'
import { concludeRun } from './report/conclude.js'
import { publishComment } from './report/publish.js'
import { buildReport } from './report/model.js'
import { outputsOf, setOutputs } from './report/outputs.js'
import {
  checkboxDecisions,
  notTheActionsComment,
  supersededNotice,
  undecidedSince,
  type Decisions
} from './report/checkboxes.js'
import { annotateWarnings } from './report/annotations.js'
import { EMPTY_STATE, parseState } from './report/state.js'
import { renderSummary, writeSummary } from './report/summary.js'
import { discoverLinkedIssues, refreshCorpus, withinBounds } from './rules/auto-link/discover.js'
import { asksTrust, readAuthorTrust } from './rules/author-trust.js'
import { runRules } from './rules/plan-rules.js'
import type { Ports } from './rules/types.js'
import { reportFatal } from './util/fatal.js'
import { settleAll } from './util/settle.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let failOnError = true
  try {
    const inputs = readInputs()
    failOnError = inputs.failOnError ?? true
    const event = readEvent(env.GITHUB_EVENT_NAME ?? '', await readPayload(env), {
      repository: env.GITHUB_REPOSITORY,
      ref: env.GITHUB_REF
    })
    if (event.kind === 'ignored') {
      core.notice(`Nothing to do: ${event.reason}.`, { title: 'gitar-jira' })
      return
    }
    if (event.kind === 'comment_edited') {
      const decisions = checkboxDecisions(event)
      if (typeof decisions === 'string') {
        core.notice(`Nothing to do: ${decisions}.`, { title: 'gitar-jira' })
        return
      }
      const auth = resolveJiraAuth(inputs)
      await handleCheckboxes(inputs, auth, event, decisions)
      return
    }
    if (event.kind === 'cache_refresh') {
      await refreshCache(inputs, resolveJiraAuth(inputs), event)
      return
    }
    if (!hasJiraCredential(inputs) && (event.fromFork || isDependabot(event.sender))) {
      core.notice(
        'Nothing to do: this PR runs without repository secrets (a fork or Dependabot PR under `pull_request`). ' +
          'Use `pull_request_target` to handle such PRs; gitar-jira never checks out PR code, so that is safe.',
        { title: 'gitar-jira' }
      )
      return
    }
    // Credential inputs are checked before any request: a half-filled mode costs nothing.
    const auth = resolveJiraAuth(inputs)
    await handlePullRequest(inputs, auth, event)
  } catch (error) {
    reportFatal(error, { failOnError })
  }
}

/** A maintainer ticked or unticked boxes in the action's comment: the PR's run, with their decisions. */
async function handleCheckboxes(
  inputs: Inputs,
  auth: JiraAuth,
  event: CommentEditEvent,
  decisions: Decisions
): Promise<void> {
  const github = createGitHub({ token: inputs.githubToken, owner: event.owner, repo: event.repo })
  // The comment event does not say which base branch the config is read from: the PR does.
  const [pr, comment] = await settleAll([
    github.loadPrFacts(event.prNumber),
    github.findComment(event.prNumber, COMMENT_MARKER)
  ])
  const notOwn = notTheActionsComment(event, comment)
  if (notOwn !== null) {
    core.notice(`Nothing to do: ${notOwn}.`, { title: 'gitar-jira' })
    return
  }
  // A rerun or a redelivery of an edit, or one queued behind a later edit, undoes nothing.
  const now = parseState(comment?.body) ?? EMPTY_STATE
  const open = undecidedSince(decisions, now)
  if (open.superseded.length > 0) {
    const nothingLeft = open.decisions.accept.length + open.decisions.reject.length === 0
    core.notice(
      `${nothingLeft ? 'Nothing to do: ' : ''}${supersededNotice(open.superseded, decisions, now)}.`,
      { title: 'gitar-jira' }
    )
    if (nothingLeft) return
  }
  await handlePullRequest(inputs, auth, prEventOf(event, pr.pr), {
    github,
    pr,
    comment,
    decisions: open.decisions
  })
}

async function handlePullRequest(
  inputs: Inputs,
  auth: JiraAuth,
  event: PrEvent,
  known: {
    github?: GitHubPort
    pr?: PrFacts
    comment?: IssueComment | null
    decisions?: Decisions
  } = {}
): Promise<void> {
  const github =
    known.github ??
    createGitHub({ token: inputs.githubToken, owner: event.owner, repo: event.repo })
  const connect = () => connectJira({ auth, owner: event.owner, repo: event.repo })
  // Checking the credential only reads, so it runs beside the GitHub reads; a 3LO refresh
  // rotates the token (a write), so it waits until the config is known to be good.
  const jiraEarly = auth.mode === 'oauth-3lo' ? null : connect()
  // Config errors come first: they are the ones to fix first.
  const [settings, pr, comment, jiraChecked] = await settleAll([
    loadSettings({
      inputs,
      readFile: (path, ref) => github.getFileText(path, ref),
      ref: event.baseRef
    }),
    known.pr ? Promise.resolve(known.pr) : github.loadPrFacts(event.prNumber),
    known.comment !== undefined
      ? Promise.resolve(known.comment)
      : github.findComment(event.prNumber, COMMENT_MARKER),
    jiraEarly ?? Promise.resolve(null)
  ])
  const connected = jiraChecked ?? (await connect())
  // One Actions cache entry: restored from here on, beside the next requests; saved at the end.
  const cache = openRunCache({ store: actionsCacheStore(), auth, site: connected.siteUrl })
  const jira = cache.jira(connected)
  const ports: Ports = { jira, github, logins: cache.logins }

  const recorded = comment ? parseState(comment.body) : null
  // Held to jira.projects and capped before any rule reads it: the state is text in a comment.
  const previous = withinBounds(recorded ?? EMPTY_STATE, settings)
  if (comment && recorded === null) {
    core.warning(
      "The hidden state at the end of gitar-jira's PR comment could not be read (edited by hand?). This run starts from the keys the PR names: issues linked without a key, dismissed issues and requested reviewers from earlier runs are not remembered. Their links in Jira stay; tick or untick them again in the new comment.",
      { title: 'gitar-jira' }
    )
  }
  const [discovery, author] = await settleAll([
    discoverLinkedIssues({ jira, cache: cache.blobs }, pr, previous, settings, known.decisions),
    // After the merge no rule asks: the merge moves issues and creates follow-ups for anyone's PR.
    readAuthorTrust(github, pr.pr, asksTrust(settings) && !pr.pr.merged)
  ])
  // The rules see the PR's state as read now, whatever a replayed payload says (asReadNow).
  const facts = {
    event: asReadNow(event, pr.pr),
    pr,
    author,
    linked: discovery.linked,
    previous,
    noEarlierState: recorded === null,
    vanished: discovery.vanished,
    dismissed: discovery.state.rejected ?? []
  }

  const apply = (actions: Action[]) =>
    applyActions(actions, { jira, github }, { dryRun: settings.dryRun })
  const { applied, ...planned } = await runRules(ports, facts, settings, apply)
  // A dry run reads the cache but writes nothing, the cache included.
  if (!settings.dryRun) await discovery.saveCache().then(cache.save)

  const report = buildReport({
    event,
    settings,
    pr,
    discovery,
    planned,
    applied,
    ...(known.decisions ? { decisions: known.decisions } : {}),
    ...(comment ? { earlierComment: { body: comment.body, state: previous } } : {})
  })
  const commentUrl = await publishComment(
    github,
    event.prNumber,
    comment,
    renderComment(report),
    settings
  )
  setOutputs(outputsOf(report, commentUrl))
  await writeSummary(renderSummary(report))
  annotateWarnings(report)
  concludeRun(report.failures, settings.failOnError)
}

/**
 * No PR (a push to the default branch, a schedule, a manual run): the cache every PR reads is
 * filled, the inference corpus and the link types, and nothing is written anywhere else.
 */
async function refreshCache(
  inputs: Inputs,
  auth: JiraAuth,
  event: CacheRefreshEvent
): Promise<void> {
  const store = actionsCacheStore()
  if (!(await store.available())) {
    core.notice('Nothing to refresh: no Actions cache service on this runner.', {
      title: 'gitar-jira'
    })
    return
  }
  const github = createGitHub({ token: inputs.githubToken, owner: event.owner, repo: event.repo })
  const [settings, connected] = await settleAll([
    loadSettings({
      inputs,
      readFile: (path, ref) => github.getFileText(path, ref),
      ref: event.branch
    }),
    connectJira({ auth, owner: event.owner, repo: event.repo })
  ])
  const cache = openRunCache({ store, auth, site: connected.siteUrl })
  const jira = cache.jira(connected)
  const [corpus] = await settleAll([
    refreshCorpus({ jira, cache: cache.blobs }, settings),
    settings.rules.followUps.enabled ? jira.getIssueLinkTypes() : Promise.resolve([])
  ])
  if (!settings.dryRun) await (corpus?.save() ?? Promise.resolve()).then(cache.save)
  core.notice(
    corpus
      ? `Cache refreshed for the PRs of ${event.branch}: ${corpus.issues} candidate issues (${corpus.how} read)${settings.dryRun ? '; not saved (dry run)' : ''}.`
      : 'Nothing to refresh for key-less linking (inference off, or no jira.projects).',
    { title: 'gitar-jira' }
  )
}

function hasJiraCredential(inputs: Inputs): boolean {
  return Boolean(inputs.jiraApiToken || inputs.jiraOauthClientId || inputs.jiraOauthClientSecret)
}

function isDependabot(login: string): boolean {
  return login === 'dependabot[bot]'
}

async function readPayload(env: NodeJS.ProcessEnv): Promise<object> {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  return JSON.parse(await readFile(path, 'utf8')) as object
}
