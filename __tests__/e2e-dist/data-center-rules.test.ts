/**
 * The rules data-center.test.ts leaves out, through dist/index.js against the sandbox in Data
 * Center mode (REST v2, wiki markup, Bearer PAT, users by username and user key): key-less
 * inference, follow-ups and suggested reviewers, each with a rerun. In this mode Dana is
 * `dkowalski` (user key JIRAUSER10104) and Fay `fnakamura` (JIRAUSER10106); Eli and Ana are
 * older users whose key is their username.
 */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  SHOP_ONLY,
  TIMEOUT,
  botComment,
  eachSandbox,
  expectRestV2,
  expectSuccess,
  issueOf,
  jiraRequests,
  outcome,
  parseList,
  pullOf,
  repoOf,
  runPr,
  setConfig,
  writes
} from './helpers.js'
import {
  PR42_FOLLOW_UPS,
  expectBumpFindsNothing,
  expectGroupedTodos,
  expectShop51LinkedOrListed
} from './stories.js'

let sb: Sandbox
eachSandbox((s) => (sb = s), { flavour: 'data-center' })

const SEARCH = '/rest/api/2/search'
const jqlOf = (body: unknown) => String((body as { jql?: unknown } | undefined)?.jql)

describe('key-less inference', () => {
  // The users table names Dana by her user key: JQL needs her username.
  const CONFIG = `${SHOP_ONLY}rules:\n  suggest-reviewers:\n    users:\n      ${ACME.danaUserKey}: dana-k\n`

  test(
    "PR #43 (Dana's, no key): SHOP-51 linked or listed from /rest/api/2/search, her issues searched by username; a rerun changes nothing",
    async () => {
      setConfig(sb, CONFIG)
      const run = await runPr(sb, ACME.inferencePr, 'opened')
      expectSuccess(run)

      expectShop51LinkedOrListed(sb, run)
      const searches = jiraRequests(sb).filter((r) => r.path === SEARCH)
      expect(searches.length).toBeGreaterThan(0)
      for (const s of searches) {
        expect(s.method).toBe('POST')
        expect(jqlOf(s.body)).toMatch(/^project in \("SHOP"\)/)
        expect(s.body).toMatchObject({ startAt: 0 })
      }
      // The user key from the table became the username before it reached JQL.
      expect(searches.map((s) => jqlOf(s.body))).toContainEqual(
        expect.stringContaining('AND assignee = "dkowalski" ORDER BY updated DESC')
      )
      expect(jqlOf(searches.map((s) => s.body))).not.toContain(ACME.danaUserKey)
      expect(
        jiraRequests(sb)
          .filter((r) => r.path === '/rest/api/2/user')
          .map((r) => r.query)
      ).toContainEqual({ key: ACME.danaUserKey })
      expectRestV2(sb)

      const once = structuredClone(outcome(sb))
      const seen = sb.requests.length
      expectSuccess(await runPr(sb, ACME.inferencePr, 'opened'))
      expect(outcome(sb)).toEqual(once)
      for (const write of writes(jiraRequests(sb, seen)))
        expect(write).toBe('POST /rest/api/2/issue/SHOP-51/remotelink')
    },
    TIMEOUT
  )

  test(
    'a Dependabot bump (no key): nothing linked, nothing suggested, nothing written to Jira',
    async () => {
      setConfig(sb, CONFIG)
      await expectBumpFindsNothing(sb)
      expect(writes(jiraRequests(sb))).toEqual([])
      expect(jiraRequests(sb).some((r) => r.path === SEARCH)).toBe(true)
      expectRestV2(sb)
    },
    TIMEOUT
  )
})

test(
  'follow-ups: PR #42 merged → one issue per TODO and per unresolved thread, created over REST v2 with wiki-markup descriptions; a rerun creates none',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    expect(sb.state.jira.createdIssues).toEqual([])
    sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
    const merged = await runPr(sb, ACME.pr, 'closed')
    expectSuccess(merged)

    const creates = jiraRequests(sb).filter(
      (r) => r.method === 'POST' && r.path === '/rest/api/2/issue'
    )
    expect(creates).toHaveLength(5)
    const issues = sb.state.jira.createdIssues.map((key) => issueOf(sb, key))
    expect(issues.map((i) => i.summary).sort()).toEqual(PR42_FOLLOW_UPS)
    for (const { body } of creates) {
      const fields = (body as { fields: Record<string, unknown> }).fields
      expect(fields).toMatchObject({ project: { key: 'SHOP' }, issuetype: { name: 'Task' } })
      expect(typeof fields.description).toBe('string')
      expect(fields.labels).toContain('follow-up')
    }
    for (const issue of issues) {
      const links = sb.state.jira.issueLinks.filter((l) => l.inward === issue.key)
      expect(links.map((l) => [l.type, l.outward]).sort()).toEqual([
        ['Relates', 'SHOP-12'],
        ['Relates', 'SHOP-15'],
        ['Relates', 'SHOP-23']
      ])
    }

    // The TODO's description as wiki markup: a link to the line at the merge commit, the code.
    const sha = pullOf(sb, ACME.pr).mergeCommitSha
    const todo = issues.find((i) => i.summary.startsWith('move the rounding'))!
    expect(todo.description).toContain(
      `[src/cart/total.ts:5|https://github.com/acme/shop/blob/${sha}/src/cart/total.ts#L5]`
    )
    expect(todo.description).toMatch(
      /\{noformat\}\n[\s\S]*\/\/ TODO: move the rounding mode[\s\S]*\n\{noformat\}/
    )
    // The thread's: its first comment and author; the thread is answered with the new key.
    const thread = issues.find((i) => i.summary.startsWith('Should shipping'))!
    expect(thread.description).toContain('dana\\-k')
    expect(pullOf(sb, ACME.pr).threads[0]!.comments.at(-1)!.body).toContain(thread.key)

    // Exactly once: the fingerprint labels are looked up first, over /rest/api/2/search.
    expect(
      jiraRequests(sb).some(
        (r) => r.path === '/rest/api/2/search' && /labels in/.test(jqlOf(r.body))
      )
    ).toBe(true)
    const keys = parseList(merged.outputs['follow-up-issues']).sort()
    expect(keys).toEqual(issues.map((i) => i.key).sort())
    for (const key of keys) expect(botComment(sb, ACME.pr).body).toContain(key)
    expectRestV2(sb)

    const seen = sb.requests.length
    const again = await runPr(sb, ACME.pr, 'closed')
    expectSuccess(again)
    expect(parseList(again.outputs['follow-up-issues']).sort()).toEqual(keys)
    expect(sb.state.jira.createdIssues).toHaveLength(5)
    expect(writes(jiraRequests(sb, seen))).not.toContain('POST /rest/api/2/issue')
    expect(writes(jiraRequests(sb, seen))).not.toContain('POST /rest/api/2/issueLink')
    expect(
      pullOf(sb, ACME.pr).threads[0]!.comments.filter((c) => c.body.includes(thread.key))
    ).toHaveLength(1)
  },
  TIMEOUT * 2
)

test(
  'follow-ups, grouping: pr, when: open: a push adding a TODO to PR #48 adds it to the one issue over REST v2 (a wiki comment, PUT issue with the label); its rerun writes nothing',
  async () => {
    await expectGroupedTodos(sb)
    expectRestV2(sb)
    // The comment that lists the new TODO was sent as wiki markup, not ADF.
    const [comment] = issueOf(sb, sb.state.jira.createdIssues[0]!).comments
    expect(comment!.body).toEqual(
      expect.stringContaining('\\#48|https://github.com/acme/shop/pull/48]')
    )
  },
  TIMEOUT * 2
)

test(
  'suggest-reviewers: watchers by username and key, mapped by email and by the users table; requested once across reruns',
  async () => {
    const config = repoOf(sb).files.main!['.github/gitar-jira.yml']!
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    const listed = botComment(sb, ACME.pr).body
    expect(listed).toContain(
      '- [eliromero](https://github.com/eliromero) · Eli Romero: reporter and watcher of SHOP-12, assignee and watcher of SHOP-23, reporter and watcher of SHOP-15 · matched by public email\n'
    )
    // Fay's email is hidden: she is named by her username, what the users table takes.
    expect(listed).toContain(
      '- Fay Nakamura (`fnakamura`): watcher of SHOP-12 · email hidden in Jira: only the id can name them'
    )
    expect(listed).not.toContain('JIRAUSER')
    expect(jiraRequests(sb).map((r) => `${r.method} ${r.path}`)).toContain(
      'GET /rest/api/2/issue/SHOP-12/watchers'
    )

    // Fay gets access and a row in the table, by username; the mode asks for reviews.
    repoOf(sb).collaborators['fay-n'] = 'write'
    setConfig(
      sb,
      config
        .replace('    mode: comment\n', '    mode: request\n')
        .replace('      u-chen: chenwei\n', '      u-chen: chenwei\n      fnakamura: fay-n\n')
    )
    const requested = await runPr(sb, ACME.pr, 'synchronize')
    expectSuccess(requested)
    const reviewRequests = () =>
      sb.requests
        .filter(
          (r) =>
            r.method === 'POST' &&
            r.path === `/repos/${ACME.repo}/pulls/${ACME.pr}/requested_reviewers`
        )
        .map((r) => (r.body as { reviewers: string[] }).reviewers)
    const reviewers = ['ana-lima', 'eliromero', 'fay-n']
    expect(reviewRequests().flat().sort()).toEqual(reviewers)
    expect(parseList(requested.outputs['suggested-reviewers']).sort()).toEqual(reviewers)
    const body = botComment(sb, ACME.pr).body
    expect(body).toContain(
      '- [fay-n](https://github.com/fay-n) · Fay Nakamura: watcher of SHOP-12 · matched by users table · review requested\n'
    )
    expect(body).toContain(
      '- Dana Kowalski (`dkowalski`): watcher of SHOP-12 · email hidden in Jira: only the id can name them'
    )
    expect(body).not.toContain('(`fnakamura`)')

    expectSuccess(await runPr(sb, ACME.pr, 'synchronize'))
    expect(reviewRequests()).toHaveLength(3)
    expect(pullOf(sb, ACME.pr).requestedReviewers.sort()).toEqual(reviewers)
    expectRestV2(sb)
  },
  TIMEOUT * 2
)
