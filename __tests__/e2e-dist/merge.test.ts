/**
 * dist/index.js at the end of PR #42's life, against the acme sandbox: merged → the resolved issue
 * in the `on-merge` status and one summary comment on every linked issue; reruns change nothing;
 * a PR closed without merging gets no summary. acme's config: transitions on, on-open "In Review",
 * on-merge "Done".
 */
import type { Sandbox } from '../../sandbox/index.js'
import { adfToText } from '../../sandbox/adf.js'
import { adfShapeProblems } from '../helpers/adf-shape.js'
import {
  ACME,
  TIMEOUT,
  botComment,
  expectSuccess,
  issueOf,
  outcome,
  prUrl,
  pullOf,
  requireBundle,
  runPr,
  sandbox,
  setConfig,
  writes
} from './helpers.js'
import { PR42_LINKED, SUMMARY_PROPERTY, expectPr42Statuses } from './stories.js'

const LINKED = PR42_LINKED
const PROPERTY = SUMMARY_PROPERTY

let sb: Sandbox
beforeAll(requireBundle)
beforeEach(async () => {
  sb = await sandbox()
})
afterEach(async () => {
  await sb.close()
})

/** The summary comments on `key`, as a watcher reads them. */
function summaries(key: string) {
  return issueOf(sb, key).comments.filter((c) => adfToText(c.body).includes('acme/shop#42: '))
}

async function openThenMerge() {
  expectSuccess(await runPr(sb, ACME.pr, 'opened'))
  expect(issueOf(sb, 'SHOP-12').status).toBe('In Review')
  sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
  return runPr(sb, ACME.pr, 'closed')
}

test(
  'merged: the resolved issue is Done, every linked issue has one summary, valid ADF',
  async () => {
    expectSuccess(await openThenMerge())

    expectPr42Statuses(sb)

    for (const key of LINKED) {
      const [comment, ...more] = summaries(key)
      expect(more).toEqual([])
      expect(comment!.author).toBe(ACME.jiraAccountId)
      expect(adfShapeProblems(comment!.body)).toEqual([])
      const text = adfToText(comment!.body)
      expect(text).toContain('acme/shop#42: Fix cart total rounding for discounted lines')
      expect(text).toContain('Merged by ana-lima into main as ')
      expect(text).toContain('Approved by chenwei')
      expect(text).not.toContain('Docs updated') // the unticked box of the template
      expect(issueOf(sb, key).properties[PROPERTY]).toEqual({
        [prUrl(ACME.pr)]: comment!.id,
        digests: { [prUrl(ACME.pr)]: expect.stringMatching(/^[0-9a-f]{12}$/) }
      })
    }
    expect(adfToText(summaries('SHOP-12')[0]!.body)).toContain('resolves this issue')
    expect(adfToText(summaries('SHOP-23')[0]!.body)).toContain('refers to this issue')

    const pr = botComment(sb, ACME.pr).body
    expect(pr).toContain('**Jira status**\n- SHOP-12 → **Done**')
    expect(pr).toContain('| Done |')
    // The Done transition's screen requires a resolution: the action gave it one.
    expect(sb.state.jira.transitionsDone.at(-1)).toMatchObject({
      issue: 'SHOP-12',
      to: 'Done',
      fields: { resolution: { name: 'Done' } }
    })
  },
  TIMEOUT
)

test(
  'a Done screen requiring a field the action does not fill: the issue stays, the comment and an annotation say what to change',
  async () => {
    const done = sb.state.jira.workflows['standard']!.transitions.find((t) => t.id === '41')!
    done.screen = [
      ...(done.screen ?? []),
      { key: 'customfield_10020', name: 'Sprint', required: true }
    ]
    const run = await openThenMerge()
    expectSuccess(run)
    expect(issueOf(sb, 'SHOP-12').status).toBe('In Review')
    const advice =
      "The screen of the 'Done' transition requires 'Sprint', which the action does not fill: give it a default value or take it off that screen in the workflow, or name another status in the config file."
    expect(botComment(sb, ACME.pr).body).toContain(
      `⚠️ SHOP-12 stays in In Review: Jira refused the move to Done: customfield\\_10020: Sprint is required. ${advice}`
    )
    expect(run.stdout).toContain(
      `::warning title=gitar-jira transitions::Jira refused to move SHOP-12 from "In Review" to "Done" (resolution "Done"): customfield_10020: Sprint is required. ${advice}`
    )
  },
  TIMEOUT
)

test(
  'a Done screen whose optional Resolution offers none of the names: moved, and an annotation says it ends Unresolved',
  async () => {
    const done = sb.state.jira.workflows['standard']!.transitions.find((t) => t.id === '41')!
    done.screen = [{ ...done.screen![0]!, required: false, allowed: ['Duplicate'] }]
    const run = await openThenMerge()
    expectSuccess(run)
    expect(issueOf(sb, 'SHOP-12').status).toBe('Done')
    expect(sb.state.jira.transitionsDone.at(-1)).toMatchObject({ issue: 'SHOP-12', to: 'Done' })
    expect(sb.state.jira.transitionsDone.at(-1)).not.toHaveProperty('fields.resolution')
    expect(run.stdout).toContain(
      `::warning title=gitar-jira transitions::SHOP-12 moved to "Done" without a Resolution: the 'Done' screen offers none of Done, Fixed, Resolved, Complete, Completed (it offers Duplicate) and has no default, so Jira shows the issue as Unresolved. Add one of those resolutions, or give the field a default value.`
    )
  },
  TIMEOUT
)

test(
  'rerun ×3: the same state; a rerun rewrites no summary that says the same, and moves nothing',
  async () => {
    expectSuccess(await openThenMerge())
    const once = structuredClone(outcome(sb))
    const ids = LINKED.map((key) => summaries(key).map((c) => c.id))
    const properties = LINKED.map((key) => issueOf(sb, key).properties)
    const firstRun = sb.requests.length

    for (let i = 0; i < 3; i++) expectSuccess(await runPr(sb, ACME.pr, 'closed'))

    expect(outcome(sb)).toEqual(once)
    expect(LINKED.map((key) => summaries(key).map((c) => c.id))).toEqual(ids)
    expect(LINKED.map((key) => issueOf(sb, key).properties)).toEqual(properties)
    const rerunWrites = writes(sb.requests.slice(firstRun)).filter((w) =>
      w.includes('/rest/api/3/')
    )
    for (const w of rerunWrites) {
      expect(w).toMatch(/^POST \/rest\/api\/3\/issue\/SHOP-\d+\/remotelink$/)
    }
  },
  TIMEOUT
)

test(
  'a summary someone deleted is not written again by a rerun, and is written again, once, when it changes',
  async () => {
    expectSuccess(await openThenMerge())
    const issue = issueOf(sb, 'SHOP-23')
    issue.comments = issue.comments.filter((c) => !summaries('SHOP-23').includes(c))
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expect(summaries('SHOP-23')).toEqual([])

    pullOf(sb, ACME.pr).title = 'Fix cart total rounding for discounted lines and coupons'
    expectSuccess(await runPr(sb, ACME.pr, 'edited'))
    const [comment, ...more] = summaries('SHOP-23')
    expect(more).toEqual([])
    expect(adfToText(comment!.body)).toContain('and coupons')
    expect(issue.properties[PROPERTY]).toMatchObject({ [prUrl(ACME.pr)]: comment!.id })
  },
  TIMEOUT
)

test(
  'visibility restricts the summary to a role',
  async () => {
    setConfig(
      sb,
      'jira:\n  projects: [SHOP, OPS]\nrules:\n  merge-summary:\n    visibility: { type: role, value: Developers }\n'
    )
    sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    for (const key of LINKED) {
      expect(summaries(key).map((c) => c.visibility)).toEqual([
        { type: 'role', value: 'Developers' }
      ])
    }
  },
  TIMEOUT
)

test(
  'closed without merging, on-close "Done" on a screen whose Resolution defaults to Done: resolved as Won\'t Do',
  async () => {
    setConfig(
      sb,
      'jira:\n  projects: [SHOP, OPS]\nrules:\n  transitions:\n    enabled: true\n    on-open: null\n    on-merge: "Done"\n    on-close: "Done"\n'
    )
    const done = sb.state.jira.workflows['standard']!.transitions.find((t) => t.id === '41')!
    done.screen = [{ ...done.screen![0]!, default: 'Done' }]
    Object.assign(pullOf(sb, ACME.pr), {
      state: 'closed',
      closedAt: new Date(sb.now()).toISOString()
    })
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expect(issueOf(sb, 'SHOP-12').status).toBe('Done')
    expect(sb.state.jira.transitionsDone.at(-1)).toMatchObject({
      issue: 'SHOP-12',
      fields: { resolution: { name: "Won't Do" } }
    })
  },
  TIMEOUT
)

test(
  'closed without merging: no summary, no transition (on-close is not set)',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    Object.assign(pullOf(sb, ACME.pr), {
      state: 'closed',
      closedAt: new Date(sb.now()).toISOString()
    })
    const before = sb.state.jira.transitionsDone.length
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    for (const key of LINKED) expect(summaries(key)).toEqual([])
    expect(sb.state.jira.transitionsDone).toHaveLength(before)
    expect(issueOf(sb, 'SHOP-12').status).toBe('In Review')
  },
  TIMEOUT
)
