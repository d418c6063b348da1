/**
 * The scenarios of the end-to-end tests as replayable stories: the plain tests check each step,
 * the fault tests replay the same story against a faulty sandbox and compare where it ends.
 */
import { ACME_PLUS, TODO_PR_PUSH, type Sandbox } from '../../sandbox/index.js'
import { adfToText } from '../../sandbox/adf.js'
import { runAction, type ActionRun } from '../../sandbox/run-action.js'
import {
  ACME,
  DEPENDABOT_PR,
  NEAR_MATCH_PR,
  SHOP_ONLY,
  botComment,
  commentEditedEvent,
  expectSuccess,
  isWrite,
  issueOf,
  jiraRequests,
  linksTo,
  parseList,
  pullOf,
  pushCommit,
  runPr,
  setConfig,
  tick,
  writes
} from './helpers.js'

/** PR #42's explicit keys, and the issue property that indexes its merge summaries. */
export const PR42_LINKED = ['SHOP-12', 'SHOP-23', 'SHOP-15']
export const SUMMARY_PROPERTY = 'gitar-jira.merge-summary'

/** After PR #42's merge: SHOP-12, which it resolves, went to Done by In Review; the others never move. */
export function expectPr42Statuses(sb: Sandbox): void {
  expect(issueOf(sb, 'SHOP-12').status).toBe('Done')
  expect(sb.state.jira.transitionsDone.map((t) => [t.issue, t.from, t.to])).toEqual([
    ['SHOP-12', 'In Progress', 'In Review'],
    ['SHOP-12', 'In Review', 'Done']
  ])
  // Referenced issues never move.
  expect(issueOf(sb, 'SHOP-23').status).toBe('In Review')
  expect(issueOf(sb, 'SHOP-15').status).toBe('To Do')
}

export interface Story {
  name: string
  /** Runs the story's events in order; returns every run. */
  play(sb: Sandbox): Promise<ActionRun[]>
}

/** PR #42's body without "Relates to SHOP-23 …". */
export function dropShop23(sb: Sandbox): void {
  const pr = pullOf(sb, ACME.pr)
  const body = pr.body.replace(/\nRelates to SHOP-23 \(tax rounding\), same root cause\.\n/, '\n')
  if (body === pr.body) throw new Error('PR #42 no longer names SHOP-23 as expected')
  pr.body = body
}

/** A high bar for linking without a key, so a close match is listed rather than linked. */
export const SUGGEST_ONLY = ACME_PLUS.suggestOnly

/** The maintainer's tick of SHOP-51 in PR #45's bot comment, as an issue_comment event. */
export function tickShop51Event(sb: Sandbox) {
  const comment = botComment(sb, NEAR_MATCH_PR)
  return commentEditedEvent(sb, NEAR_MATCH_PR, tick(comment.body, 'SHOP-51'))
}

/** The follow-ups PR #42 leaves at its merge: four TODOs and one unresolved thread. */
export const PR42_FOLLOW_UPS = [
  'backfill rounded_total for open carts before the next release',
  'currencies without minor units (JPY) need 0 digits',
  'move the rounding mode into the shop settings',
  'the ERP still sends floats; convert through str to keep cents exact',
  'Should shipping be rounded the same way? Today it is added unrounded.'
].sort()

/**
 * PR #43 (no key) after a run: SHOP-51 linked by inference, or listed as a possible match
 * (which of the two is the ranker's call).
 */
export function expectShop51LinkedOrListed(sb: Sandbox, run: ActionRun): void {
  const comment = botComment(sb, ACME.inferencePr).body
  const linked = parseList(run.outputs['linked-issues'])
  if (linked.length > 0) {
    expect(linked).toEqual(['SHOP-51'])
    expect(linksTo(sb, ACME.inferencePr)).toEqual({ 'SHOP-51': 1 })
    expect(comment).toContain('- [x] <!-- gitar-jira:key SHOP-51 -->')
    expect(comment).toContain('inferred')
  } else {
    expect(linksTo(sb, ACME.inferencePr)).toEqual({})
    expect(comment).toContain('- [ ] <!-- gitar-jira:key SHOP-51 -->')
  }
}

/** A Dependabot bump (#44) opened under pull_request_target: about nothing in Jira. */
export async function expectBumpFindsNothing(sb: Sandbox): Promise<ActionRun> {
  const run = await runPr(sb, DEPENDABOT_PR, 'opened', {
    eventName: 'pull_request_target',
    sender: 'dependabot[bot]'
  })
  expectSuccess(run)
  expect(parseList(run.outputs['linked-issues'])).toEqual([])
  expect(linksTo(sb, DEPENDABOT_PR)).toEqual({})
  expect(writes(sb.requests).filter((w) => w.includes('/rest/api/'))).toEqual([])
  const comment = botComment(sb, DEPENDABOT_PR).body
  expect(comment).not.toMatch(/- \[[ x]\] <!-- gitar-jira:key/)
  expect(comment).not.toContain('Possible matches')
  return run
}

/** PR #48 (SHOP-1): one TODO when opened; `pushSecondTodo` adds another. */
export const TODO_PR = ACME_PLUS.todoPr
export const FIRST_TODO = 'pick the placeholder colour from the image instead of grey'
export const SECOND_TODO = 'preload the first row only on fast connections'

/** PR #48 opened under follow-ups `when: open` and `grouping: pr`. */
export function openTodoPr(sb: Sandbox): Promise<ActionRun> {
  setConfig(sb, ACME_PLUS.groupedOpen)
  return runPr(sb, TODO_PR, 'opened')
}

/** A push to PR #48 that adds a second TODO (the first stays), and its `synchronize` event. */
export function pushSecondTodo(sb: Sandbox): Promise<ActionRun> {
  pushCommit(sb, TODO_PR, TODO_PR_PUSH)
  return runPr(sb, TODO_PR, 'synchronize')
}

/**
 * A Jira comment's text as a watcher reads it: ADF (Cloud) as its text; wiki markup (Data
 * Center) with its links as their labels and its escapes undone.
 */
function watcherText(body: Parameters<typeof adfToText>[0] | string): string {
  if (typeof body !== 'string') return adfToText(body)
  return body.replace(/\[([^|\]]+)\|[^\]]+\]/g, '$1').replace(/\\(.)/g, '$1')
}

/**
 * PR #48 under `grouping: pr` and `when: open`, as a Jira watcher and the PR's reviewers see it:
 * opened with one TODO, one issue lists it; a push adding a second TODO makes no second issue but
 * adds the TODO to the first (a comment naming it, then its label); the push's event run again
 * writes nothing. Cloud or Data Center: the sandbox's flavour says which API answers.
 */
export async function expectGroupedTodos(sb: Sandbox): Promise<ActionRun[]> {
  const api = sb.flavour === 'data-center' ? '/rest/api/2' : '/rest/api/3'
  const ofPr = () =>
    sb.state.jira.issues.filter((i) => i.labels.some((l) => /^gitar-jira-pr-/.test(l)))
  const todoLabels = (key: string) =>
    issueOf(sb, key).labels.filter((l) => /^gitar-jira-todo-[0-9a-f]{16}$/.test(l))
  const followUpLines = () =>
    botComment(sb, TODO_PR)
      .body.split('\n')
      .filter((l) => l.startsWith('- [SHOP-') && l.includes(' · for '))

  const opened = await openTodoPr(sb)
  expectSuccess(opened)
  expect(sb.state.jira.createdIssues).toHaveLength(1)
  const key = sb.state.jira.createdIssues[0]!
  const group = issueOf(sb, key)
  expect(group.summary).toBe(`TODOs of ${ACME.repo}#${TODO_PR}: ${FIRST_TODO}`)
  expect(group.labels.filter((l) => /^gitar-jira-group-[0-9a-f]{16}$/.test(l))).toHaveLength(1)
  expect(todoLabels(key)).toHaveLength(1)
  expect(group.comments).toEqual([])
  expect(sb.state.jira.issueLinks).toContainEqual(
    expect.objectContaining({ type: 'Relates', inward: key, outward: 'SHOP-1' })
  )
  expect(parseList(opened.outputs['follow-up-issues'])).toEqual([key])
  expect(followUpLines()).toEqual([
    expect.stringMatching(
      new RegExp(
        `^- \\[${key}\\]\\(.*/browse/${key}\\) TODOs of acme/shop#.*48: pick the placeholder`
      )
    )
  ])

  // The push: a second TODO two lines below the first.
  const labelsBefore = [...group.labels]
  const from = sb.requests.length
  const pushed = await pushSecondTodo(sb)
  expectSuccess(pushed)
  expect(sb.state.jira.createdIssues).toEqual([key])
  // A watcher of the issue sees one comment that names the new TODO, not the one listed already.
  const comments = issueOf(sb, key).comments
  expect(comments).toHaveLength(1)
  const text = watcherText(comments[0]!.body)
  expect(text).toContain('1 more TODO comment(s) left in acme/shop#48')
  expect(text).toContain(`src/catalog/listing.ts:6: ${SECOND_TODO}`)
  expect(text).not.toContain('listing.ts:4')
  // …and the new TODO's label beside the ones it had.
  const added = issueOf(sb, key).labels.filter((l) => !labelsBefore.includes(l))
  expect(added).toHaveLength(1)
  expect(added[0]).toMatch(/^gitar-jira-todo-[0-9a-f]{16}$/)
  expect(issueOf(sb, key).labels).toEqual([...labelsBefore, added[0]])
  // The comment first, its index, then the label: one edit of the issue, answered 204.
  const jiraWrites = jiraRequests(sb, from).filter(isWrite)
  expect(jiraWrites.map((r) => `${r.method} ${r.path}`)).toEqual([
    `POST ${api}/issue/${key}/comment`,
    `PUT ${api}/issue/${key}/properties/gitar-jira.follow-up-added`,
    `PUT ${api}/issue/${key}`
  ])
  expect(jiraWrites.at(-1)).toMatchObject({
    status: 204,
    body: { update: { labels: [{ add: added[0] }] } }
  })
  expect(parseList(pushed.outputs['follow-up-issues'])).toEqual([key])
  // The PR comment: the one issue, once, holding both TODOs.
  expect(followUpLines()).toEqual([expect.stringContaining(`[${key}]`)])
  expect(followUpLines()[0]).toContain(' · for 2 TODO')

  // The same event again: nothing written, anywhere.
  const commentBefore = botComment(sb, TODO_PR).body
  const rerunFrom = sb.requests.length
  const rerun = await runPr(sb, TODO_PR, 'synchronize')
  expectSuccess(rerun)
  expect(writes(sb.requests.slice(rerunFrom))).toEqual([])
  expect(parseList(rerun.outputs['follow-up-issues'])).toEqual([key])
  expect(botComment(sb, TODO_PR).body).toBe(commentBefore)
  expect(issueOf(sb, key).comments).toHaveLength(1)
  expect(todoLabels(key)).toHaveLength(2)

  // At the end: exactly one follow-up issue for the PR.
  expect(ofPr().map((i) => i.key)).toEqual([key])
  return [opened, pushed, rerun]
}

export function runCommentEdit(sb: Sandbox, payload: unknown): Promise<ActionRun> {
  return runAction({ sandbox: sb, eventName: 'issue_comment', payload })
}

export const STORIES: Story[] = [
  {
    name: 'PR #42 opened, then the same event twice more',
    play: async (sb) => [
      await runPr(sb, ACME.pr, 'opened'),
      await runPr(sb, ACME.pr, 'opened'),
      await runPr(sb, ACME.pr, 'opened')
    ]
  },
  {
    name: 'PR #42 opened, then edited to drop SHOP-23',
    play: async (sb) => {
      const opened = await runPr(sb, ACME.pr, 'opened')
      dropShop23(sb)
      return [opened, await runPr(sb, ACME.pr, 'edited')]
    }
  },
  {
    name: 'PR #43 (no key) opened with jira.projects: [SHOP]',
    play: async (sb) => {
      setConfig(sb, SHOP_ONLY)
      return [await runPr(sb, ACME.inferencePr, 'opened')]
    }
  },
  {
    name: "PR #45 (no key) opened, SHOP-51's box ticked",
    play: async (sb) => {
      setConfig(sb, SUGGEST_ONLY)
      const opened = await runPr(sb, NEAR_MATCH_PR, 'opened')
      return [opened, await runCommentEdit(sb, tickShop51Event(sb))]
    }
  },
  {
    name: 'PR #48 (one TODO) opened with grouping: pr, a push adds a second TODO, its rerun',
    play: async (sb) => {
      const opened = await openTodoPr(sb)
      const pushed = await pushSecondTodo(sb)
      return [opened, pushed, await runPr(sb, TODO_PR, 'synchronize')]
    }
  }
]
