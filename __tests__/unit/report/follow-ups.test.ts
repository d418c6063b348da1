/**
 * The follow-ups section of the PR comment and the `follow-up-issues` output across runs: a rerun
 * that finds what the run before created shows it as that run did, and nothing is promised that
 * cannot be created.
 */
import { facts, prEvent, prFacts } from '../../helpers/facts.js'
import {
  followUpsConfig,
  foundFollowUps,
  linkedTo,
  reviewThread
} from '../../helpers/follow-ups.js'
import type { ReviewThread } from '../../../src/github/port.js'
import { describeAction, type AppliedAction } from '../../../src/plan/actions.js'
import { followUpKeys, followUpsBlock } from '../../../src/report/follow-ups.js'
import type { RunReport } from '../../../src/report/model.js'
import { planFollowUps, type KnownFollowUp } from '../../../src/rules/follow-ups/index.js'
import type { FoundTodo } from '../../../src/rules/follow-ups/todos.js'

const todo = (text: string, path: string, line: number): FoundTodo => ({
  path,
  line,
  tag: 'TODO',
  text,
  names: [],
  tracks: null,
  context: { start: line, lines: [`// TODO: ${text}`] }
})
const thread = (id: string, line: number): ReviewThread =>
  reviewThread(id, {
    path: 'src/cart.ts',
    line,
    comments: [
      {
        id: `${id}-c1`,
        author: 'dana',
        body: 'Round shipping too?',
        url: `https://github.com/acme/shop/pull/42#discussion_${id}`,
        createdAt: '2026-11-19T09:00:00Z'
      }
    ],
    commentCount: 1
  })

const config = followUpsConfig
const LINKED = linkedTo('SHOP-7')
const merged = (threads: ReviewThread[], linked = LINKED) =>
  facts({
    event: prEvent({ action: 'closed', merged: true, closed: true }),
    pr: prFacts(
      {
        merged: true,
        state: 'closed',
        mergedAt: '2026-11-20T12:00:00Z',
        mergeCommitSha: 'm'.repeat(40)
      },
      { threads }
    ),
    linked
  })
const opened = (threads: ReviewThread[], linked = LINKED) =>
  facts({ pr: prFacts({}, { threads }), linked })
const found = foundFollowUps
const report = (plan: ReturnType<typeof planFollowUps>, applied: AppliedAction[]) =>
  ({ applied, followUps: plan.followUps }) as unknown as RunReport

/** Applies the plan as Jira would: each create makes the next key, from SHOP-`next`. */
function applied(plan: ReturnType<typeof planFollowUps>, next = 61): AppliedAction[] {
  return plan.actions.map((action) => {
    if (action.type !== 'jira.createIssue') return { action, status: 'done' }
    const key = `SHOP-${next++}`
    return { action, status: 'done', created: { key, id: key, url: `https://jira/browse/${key}` } }
  })
}

/** What a later run's search finds: each label of each created issue, by label. */
function knownAfter(done: AppliedAction[]): Record<string, KnownFollowUp> {
  const known: Record<string, KnownFollowUp> = {}
  for (const a of done) {
    if (a.action.type !== 'jira.createIssue' || !a.created) continue
    const issue = { ...a.created, summary: a.action.issue.summary, labels: a.action.issue.labels }
    for (const label of issue.labels) known[label] = issue
  }
  return known
}

describe('more than 20 TODOs grouped into one issue', () => {
  const todos = Array.from({ length: 25 }, (_, i) => todo(`generated todo ${i}`, 'gen/a.ts', i + 1))

  test('a later run lists the group issue once, as the merge run did', () => {
    const mergeRun = planFollowUps(merged([]), found({ todos }), config())
    const done = applied(mergeRun)
    const first = followUpsBlock(report(mergeRun, done))

    const later = planFollowUps(merged([]), found({ todos, known: knownAfter(done) }), config())
    expect(later.actions).toEqual([])
    const again = followUpsBlock(report(later, []))

    expect(first.match(/SHOP-61\]/g)).toHaveLength(1)
    expect(again).toBe(first)
    expect(again).toContain('TODOs of acme/shop#​42: generated todo 0 \\(and 24 more\\)')
    expect(again).toContain('for 25 TODO\\(s\\) of acme/shop#​42')
    expect(followUpKeys(report(later, []))).toEqual(['SHOP-61'])
  })
})

describe('a rerun of the merge', () => {
  test('lists the follow-ups and outputs their keys in the same order (TODOs by place, then threads)', () => {
    const todos = [
      todo('round totals', 'src/cart.ts', 5),
      todo('JPY has no cents', 'src/price.ts', 2)
    ]
    const threads = [thread('T1', 18)]
    // `when: open`: the TODOs got their issues on a push before the merge; the merge makes the
    // thread's only.
    const beforeMerge = planFollowUps(opened([]), found({ todos }), config({ when: 'open' }))
    const pushed = applied(beforeMerge)
    const mergeRun = planFollowUps(
      merged(threads),
      found({ todos, known: knownAfter(pushed) }),
      config({ when: 'open' })
    )
    const mergeDone = applied(mergeRun, 63)
    const rerun = planFollowUps(
      merged(threads),
      found({ todos, known: { ...knownAfter(pushed), ...knownAfter(mergeDone) } }),
      config({ when: 'open' })
    )
    expect(rerun.actions.filter((a) => a.type === 'jira.createIssue')).toEqual([])

    const first = followUpsBlock(report(mergeRun, mergeDone))
    const again = followUpsBlock(report(rerun, []))
    expect(again).toBe(first)
    expect(first.split('\n').filter((l) => l.startsWith('- ['))).toEqual([
      expect.stringContaining('[SHOP-61]'),
      expect.stringContaining('[SHOP-62]'),
      expect.stringContaining('[SHOP-63]')
    ])
    expect(followUpKeys(report(mergeRun, mergeDone))).toEqual(['SHOP-61', 'SHOP-62', 'SHOP-63'])
    expect(followUpKeys(report(rerun, []))).toEqual(['SHOP-61', 'SHOP-62', 'SHOP-63'])
  })
})

describe('no Jira project for the follow-ups (no `project`, the PR linked to no issue)', () => {
  const todos = [todo('round totals', 'src/cart.ts', 5)]
  const WARNING =
    'Follow-ups need a Jira project: set `rules.follow-ups.project`, or link the PR to an issue.'

  test('before the merge: nothing is promised for the merge, and the first run says what to set', () => {
    const plan = planFollowUps(opened([thread('T1', 18)], []), found({ todos }), config())
    const block = followUpsBlock(report(plan, []))

    expect(block).not.toContain('At the merge')
    expect(block).toContain(
      '**These cannot become Jira issues: there is no Jira project to create them in.**'
    )
    expect(block).toContain('round totals · the TODO at src/cart.ts:5')
    expect(block).toContain('Round shipping too? · the review thread at src/cart.ts:18')
    expect(plan.notes).toEqual([{ level: 'warning', text: WARNING, markdown: WARNING }])
  })

  test('at the merge: the TODO and the unresolved thread stay listed as not created', () => {
    const plan = planFollowUps(merged([thread('T1', 18)], []), found({ todos }), config())
    const block = followUpsBlock(report(plan, []))

    expect(plan.actions).toEqual([])
    expect(block).not.toContain('At the merge')
    expect(block).toContain(
      '**These cannot become Jira issues: there is no Jira project to create them in.**'
    )
    expect(block).toContain('round totals · the TODO at src/cart.ts:5')
    expect(block).toContain('Round shipping too? · the review thread at src/cart.ts:18')
    expect(plan.notes).toEqual([{ level: 'warning', text: WARNING, markdown: WARNING }])
  })

  test('with a project, what waits for the merge says so (also with `when: open`)', () => {
    const plan = planFollowUps(opened([thread('T1', 18)]), found(), config({ when: 'open' }))
    const block = followUpsBlock(report(plan, []))

    expect(block).toContain('**At the merge these become Jira issues:**')
    expect(plan.notes).toEqual([])
  })
})

describe('the dry run', () => {
  test('names every write a follow-up makes: the issue, its "relates to" links, the reply in the thread', () => {
    const todos = [todo('round totals', 'src/cart.ts', 5)]
    const plan = planFollowUps(merged([thread('T1', 18)]), found({ todos }), config())

    // The job summary lists each as "- would …".
    expect(plan.actions.map(describeAction)).toEqual([
      'create a Task in SHOP for the TODO at src/cart.ts:5, then link it to SHOP-7 ("Relates")',
      'create a Task in SHOP for the review thread at src/cart.ts:18, then link it to SHOP-7 ("Relates") and reply in the review thread with its key'
    ])
  })

  test('no link type on the site: the create alone', () => {
    const todos = [todo('round totals', 'src/cart.ts', 5)]
    const plan = planFollowUps(merged([]), found({ todos, linkType: null }), config())

    expect(plan.actions.map(describeAction)).toEqual([
      'create a Task in SHOP for the TODO at src/cart.ts:5'
    ])
  })
})
