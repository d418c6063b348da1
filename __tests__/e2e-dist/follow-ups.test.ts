/**
 * dist/index.js and the follow-ups rule against the acme sandbox: PR #42 adds TODOs in
 * TypeScript, Python and SQL (one tracked already, one in a string, one lowercase, a binary file)
 * and has three review threads (unresolved, resolved, outdated).
 */
import type { ReviewThreadRec, Sandbox } from '../../sandbox/index.js'
import { adfToText } from '../../sandbox/adf.js'
import { adfShapeProblems } from '../helpers/adf-shape.js'
import {
  ACME,
  TIMEOUT,
  botComment,
  eachSandbox,
  expectSuccess,
  issueOf,
  parseList,
  pullOf,
  runPr,
  setConfig
} from './helpers.js'
import { runAction } from '../../sandbox/run-action.js'
import { PR42_FOLLOW_UPS, expectGroupedTodos } from './stories.js'

let sb: Sandbox
eachSandbox((s) => (sb = s))

const LINKED = ['SHOP-12', 'SHOP-15', 'SHOP-23']
const OPEN_CONFIG = `jira:
  projects: [SHOP, OPS]
rules:
  follow-ups:
    when: open
    labels: [follow-up]
`

const created = () => sb.state.jira.createdIssues.map((key) => issueOf(sb, key))

/** `count` more comments in `thread`, as reviewers would add them. */
function discuss(thread: ReviewThreadRec, count: number) {
  for (let i = 0; i < count; i++) {
    const databaseId = sb.state.github.nextId++
    thread.comments.push({
      id: `PRRC_${databaseId}`,
      databaseId,
      author: i % 2 ? 'benok' : 'dana-k',
      body: `Still thinking about it (${thread.comments.length + 1}).`,
      createdAt: new Date(sb.now()).toISOString(),
      url: `https://github.com/${ACME.repo}/pull/${ACME.pr}#discussion_r${databaseId}`
    })
  }
}

async function merge() {
  sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
  const run = await runPr(sb, ACME.pr, 'closed')
  expectSuccess(run)
  return run
}

test(
  'before the merge: pending in the PR comment, nothing created',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    expect(sb.state.jira.createdIssues).toEqual([])
    const body = botComment(sb, ACME.pr).body
    expect(body).toContain('At the merge these become Jira issues')
    expect(body).toContain('move the rounding mode into the shop settings')
    expect(body).toContain('Should shipping be rounded the same way?')
    expect(body).toMatch(/Tracked already[\s\S]*SHOP-16/)
    expect(body).toContain('rounding.png')
  },
  TIMEOUT
)

test(
  'merged: one issue per TODO and per unresolved thread, linked, replied to; reruns add nothing',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    const run = await merge()

    const issues = created()
    expect(issues.map((i) => i.summary).sort()).toEqual(PR42_FOLLOW_UPS)
    for (const issue of issues) {
      expect(issue.projectKey).toBe('SHOP')
      expect(issue.issueType).toBe('Task')
      expect(issue.labels).toContain('follow-up')
      expect(adfShapeProblems(issue.description)).toEqual([])
      const links = sb.state.jira.issueLinks.filter((l) => l.inward === issue.key)
      expect(links.map((l) => [l.type, l.outward]).sort()).toEqual(
        LINKED.map((k) => ['Relates', k])
      )
    }
    const todo = issues.find((i) => i.summary.startsWith('move the rounding'))!
    const text = adfToText(todo.description!)
    expect(text).toContain('src/cart/total.ts:5')
    expect(text).toContain('// TODO: move the rounding mode')
    const sha = pullOf(sb, ACME.pr).mergeCommitSha
    expect(JSON.stringify(todo.description)).toContain(
      `https://github.com/acme/shop/blob/${sha}/src/cart/total.ts#L5`
    )

    // The unresolved thread is answered with its key; the resolved and outdated ones are not.
    const threads = pullOf(sb, ACME.pr).threads
    const thread = issues.find((i) => i.summary.startsWith('Should shipping'))!
    expect(threads[0]!.comments.at(-1)!.body).toContain(thread.key)
    expect(threads[1]!.comments).toHaveLength(2)
    expect(threads[2]!.comments).toHaveLength(1)
    expect(adfToText(thread.description!)).toContain('dana-k')

    const keys = parseList(run.outputs['follow-up-issues'])
    expect(keys.sort()).toEqual(issues.map((i) => i.key).sort())
    expect(botComment(sb, ACME.pr).body).toContain(thread.key)

    for (let i = 0; i < 3; i++) {
      const again = await runPr(sb, ACME.pr, 'closed')
      expectSuccess(again)
      expect(parseList(again.outputs['follow-up-issues']).sort()).toEqual(keys.sort())
    }
    expect(sb.state.jira.createdIssues).toHaveLength(5)
    expect(threads[0]!.comments.filter((c) => c.body.includes(thread.key))).toHaveLength(1)
  },
  TIMEOUT * 3
)

test(
  'a rerun of the opened run after the merge: the follow-ups the merge created are listed, none pending, none created again',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    // GitHub's "Re-run jobs" replays the old payload: the PR was open then.
    const opened = sb.pullRequestEvent(ACME.repo, ACME.pr, 'opened')
    await merge()
    const keys = sb.state.jira.createdIssues.slice()
    expect(keys).toHaveLength(5)
    const rerun = await runAction({ sandbox: sb, eventName: 'pull_request', payload: opened })
    expectSuccess(rerun)
    expect(sb.state.jira.createdIssues).toEqual(keys)
    expect(parseList(rerun.outputs['follow-up-issues']).sort()).toEqual([...keys].sort())
    // Listed where people read (the hidden state at the end names them too).
    const listed = (body: string) =>
      body.split('#### Follow-ups')[1]?.split('<!-- gitar-jira:state')[0] ?? ''
    const body = botComment(sb, ACME.pr).body
    expect(body).not.toContain('At the merge these become')
    for (const key of keys) expect(listed(body)).toContain(`[${key}](`)

    // The reviewer resolves the thread the action answered, then the title is edited: the
    // comment keeps listing every follow-up, the thread's included.
    pullOf(sb, ACME.pr).threads[0]!.isResolved = true
    pullOf(sb, ACME.pr).title += ' (cents)'
    const edited = await runPr(sb, ACME.pr, 'edited')
    expectSuccess(edited)
    expect(sb.state.jira.createdIssues).toEqual(keys)
    for (const key of keys) expect(listed(botComment(sb, ACME.pr).body)).toContain(`[${key}](`)
    expect(parseList(edited.outputs['follow-up-issues']).sort()).toEqual([...keys].sort())
  },
  TIMEOUT
)

test(
  'a rerun of the opened run after a close without merge: nothing called pending, nothing created',
  async () => {
    const first = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(first)
    expect(botComment(sb, ACME.pr).body).toContain('At the merge these become')
    const opened = sb.pullRequestEvent(ACME.repo, ACME.pr, 'opened')
    Object.assign(pullOf(sb, ACME.pr), {
      state: 'closed',
      closedAt: new Date(sb.now()).toISOString()
    })
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expectSuccess(await runAction({ sandbox: sb, eventName: 'pull_request', payload: opened }))
    expect(botComment(sb, ACME.pr).body).not.toContain('At the merge these become')
    expect(sb.state.jira.createdIssues).toEqual([])
  },
  TIMEOUT
)

test(
  'a thread of 60 comments where the reply is the 55th: a rerun at the merge neither replies again nor files again',
  async () => {
    const thread = pullOf(sb, ACME.pr).threads[0]!
    discuss(thread, 53)
    await merge()
    const issue = created().find((i) => i.summary.startsWith('Should shipping'))!
    expect(thread.comments).toHaveLength(55)
    expect(thread.comments[54]!.body).toContain(issue.key)
    // The opening remark, then the latest 50 of its 54 comments.
    const description = adfToText(issue.description!)
    expect(description).toContain('Should shipping be rounded the same way?')
    expect(description).toContain('The latest 50 replies (3 earlier ones are only in the thread):')

    discuss(thread, 5)
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expect(thread.comments).toHaveLength(60)
    expect(thread.comments.filter((c) => c.body.includes(issue.key))).toHaveLength(1)
    expect(sb.state.jira.createdIssues).toHaveLength(5)
  },
  TIMEOUT * 2
)

test(
  'the PR comment deleted: a rerun still finds every follow-up by its label',
  async () => {
    await merge()
    const repo = sb.state.github.repos.find((r) => `${r.owner}/${r.name}` === ACME.repo)!
    repo.issueComments = repo.issueComments.filter((c) => c.issueNumber !== ACME.pr)
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expect(sb.state.jira.createdIssues).toHaveLength(5)
  },
  TIMEOUT
)

test(
  'when: open: created on the first event, a TODO moved by a later push stays one issue, a TODO gone gets a comment',
  async () => {
    setConfig(sb, OPEN_CONFIG)
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    expect(created()).toHaveLength(4) // TODOs now; the thread waits for the merge

    // A later push: the TODO moves two lines down, the SQL XXX is removed.
    const files = pullOf(sb, ACME.pr).files
    const total = files.find((f) => f.filename === 'src/cart/total.ts')!
    total.patch = total
      .patch!.replace(
        '+  // TODO: move the rounding mode into the shop settings\n+  const rounded',
        '+  const rounded'
      )
      .replace(
        '+  return rounded.reduce((a, b) => a + b, 0)\n',
        '+  return rounded.reduce((a, b) => a + b, 0)\n+  // TODO: Move the rounding mode into the shop settings.\n'
      )
    const sql = files.find((f) => f.filename.endsWith('.sql'))!
    sql.patch = sql.patch!.replace(/\+-- XXX.*\n/, '')
    expectSuccess(await runPr(sb, ACME.pr, 'synchronize'))
    expect(created()).toHaveLength(4)

    await merge()
    expect(created()).toHaveLength(5) // + the unresolved thread
    const backfill = created().find((i) => i.summary.startsWith('backfill'))!
    expect(backfill.comments).toHaveLength(1)
    expect(adfToText(backfill.comments[0]!.body)).toContain('no longer in')
    expectSuccess(await runPr(sb, ACME.pr, 'closed'))
    expect(issueOf(sb, backfill.key).comments).toHaveLength(1)
    expect(created()).toHaveLength(5)
  },
  TIMEOUT * 2
)

test(
  'grouping: pr, when: open: PR #48 opened with one TODO gets one issue; a push adding a TODO adds it to that issue (a comment, a label); its rerun writes nothing',
  async () => {
    await expectGroupedTodos(sb)
  },
  TIMEOUT * 2
)
