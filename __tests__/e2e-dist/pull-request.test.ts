/**
 * dist/index.js on PR #42 of the acme sandbox: "Fixes SHOP-12 … Relates to SHOP-23", a branch
 * naming SHOP-12 and a commit "Part of SHOP-15".
 */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  TIMEOUT,
  eachSandbox,
  botComment,
  expectSuccess,
  globalId,
  isWrite,
  linksTo,
  outcome,
  parseList,
  prUrl,
  runPr
} from './helpers.js'
import { dropShop23 } from './stories.js'

const NAMED = ['SHOP-12', 'SHOP-23', 'SHOP-15']

let sb: Sandbox
eachSandbox((s) => (sb = s))

test(
  'PR opened: one remote link per named issue, one PR comment with the table, outputs, summary',
  async () => {
    const run = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(run)

    expect(linksTo(sb, ACME.pr)).toEqual({ 'SHOP-12': 1, 'SHOP-23': 1, 'SHOP-15': 1 })
    const link = sb.state.jira.issues
      .find((i) => i.key === 'SHOP-12')!
      .remoteLinks.find((l) => l.globalId === globalId(ACME.pr))!
    expect(link.object).toMatchObject({
      url: prUrl(ACME.pr),
      title: 'acme/shop#42: Fix cart total rounding for discounted lines'
    })
    expect(link.relationship).toBe('pull request')

    const comment = botComment(sb, ACME.pr)
    expect(comment.user).toBe('github-actions[bot]')
    expect(comment.body).toContain('<!-- gitar-jira:comment -->')
    expect(comment.body).toContain('| Issue | Summary | Status | Assignee | How it was found |')
    for (const key of NAMED)
      expect(comment.body).toContain(`| [${key}](${sb.jiraUrl}/browse/${key}) |`)
    expect(comment.body).toContain('Cart total off by one cent when a discount applies')

    expect(parseList(run.outputs['linked-issues']).sort()).toEqual([...NAMED].sort())
    expect(run.outputs['comment-url']).toBe(`${prUrl(ACME.pr)}#issuecomment-${comment.id}`)
    // The linked issues' people with a GitHub login and access (reviewers.test.ts has the rest).
    expect(parseList(run.outputs['suggested-reviewers'])).toEqual(['eliromero', 'ana-lima'])
    expect(parseList(run.outputs['follow-up-issues'])).toEqual([])

    expect(run.summary).toContain('acme/shop#42')
    for (const key of NAMED) expect(run.summary).toContain(`[${key}](${sb.jiraUrl}/browse/${key})`)
    // The summary is for people: no hidden state block.
    expect(run.summary).not.toContain('gitar-jira:state')
  },
  TIMEOUT
)

test(
  'idempotent: the same event 3 times leaves the state of once; the reruns write nothing',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    const once = structuredClone(outcome(sb))
    const links = structuredClone(sb.state.jira.issues.map((i) => i.remoteLinks))
    const comment = structuredClone(botComment(sb, ACME.pr))
    const firstRun = sb.requests.length

    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))

    expect(outcome(sb)).toEqual(once)
    // Same link records (ids included): replaced in place, never added.
    expect(sb.state.jira.issues.map((i) => i.remoteLinks)).toEqual(links)
    expect(botComment(sb, ACME.pr)).toEqual(comment)
    // The reruns write nothing: each link is as the first run wrote it, and so is the comment.
    expect(sb.requests.slice(firstRun).filter(isWrite)).toEqual([])
  },
  TIMEOUT
)

test(
  'PR edited to drop a key: its link is removed, the comment updated in place',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    const before = botComment(sb, ACME.pr)
    const { id, body } = before

    dropShop23(sb)
    const run = await runPr(sb, ACME.pr, 'edited')
    expectSuccess(run)

    expect(linksTo(sb, ACME.pr)).toEqual({ 'SHOP-12': 1, 'SHOP-15': 1 })
    const deletes = sb.requests.filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => [r.path, r.query])).toEqual([
      ['/rest/api/3/issue/SHOP-23/remotelink', { globalId: globalId(ACME.pr) }]
    ])

    const after = botComment(sb, ACME.pr)
    expect(after.id).toBe(id)
    expect(after.body).not.toBe(body)
    expect(after.body).not.toContain(`[SHOP-23](${sb.jiraUrl}/browse/SHOP-23) |`)
    expect(after.body).toContain(`[SHOP-12](${sb.jiraUrl}/browse/SHOP-12)`)
    expect(parseList(run.outputs['linked-issues']).sort()).toEqual(['SHOP-12', 'SHOP-15'])
  },
  TIMEOUT
)
