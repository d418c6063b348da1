/**
 * Untrusted text (PR titles and bodies, Jira summaries) with JQL operators and quotes, HTML,
 * @mentions and #refs: it reaches Jira as literals, never as JQL syntax, and the PR comment shows
 * it inert.
 */
import type { Sandbox } from '../../sandbox/index.js'
import { parseJql, tokenize, type JqlNode } from '../../sandbox/jql.js'
import {
  ACME,
  SHOP_ONLY,
  TIMEOUT,
  botComment,
  expectSuccess,
  globalId,
  issueOf,
  pullOf,
  requireBundle,
  runPr,
  sandbox
} from './helpers.js'

const HOSTILE_TITLE =
  `Fix "cart" total' OR project = OPS AND summary ~ "zzinjected" ` +
  `<img src=x onerror=alert(1)> @chenwei #1 \\" ) ORDER BY key`
const HOSTILE_SUMMARY =
  'Cart <img src=x onerror=alert(1)> total | off **by** one @chenwei see #1 [x](javascript:alert(1))'

let sb: Sandbox
beforeAll(requireBundle)
afterEach(async () => {
  await sb.close()
})

/** Every value a comment cell would show raw: HTML, a live mention, a cross-reference. */
function expectInert(markdown: string): void {
  expect(markdown).not.toMatch(/<img/i)
  expect(markdown).not.toMatch(/@chenwei/) // a mention is defused by a zero-width space
  expect(markdown).not.toMatch(/(^|[^\\&\w])#1\b/) // #1 would link issue 1
  expect(markdown).not.toContain('](javascript:')
}

test(
  'explicit keys: the PR title reaches the remote link literally; Jira text is escaped in the comment',
  async () => {
    sb = await sandbox()
    pullOf(sb, ACME.pr).title = HOSTILE_TITLE
    issueOf(sb, 'SHOP-12').summary = HOSTILE_SUMMARY
    const run = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(run)

    const link = issueOf(sb, 'SHOP-12').remoteLinks.find((l) => l.globalId === globalId(ACME.pr))
    expect(link?.object.title).toBe(`acme/shop#42: ${HOSTILE_TITLE}`)

    const comment = botComment(sb, ACME.pr).body
    expectInert(comment)
    expectInert(run.summary)
    expect(comment).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    expect(comment).toContain('@\u200bchenwei')
    // The table still has its five columns: the pipe in the summary is escaped.
    const row = comment.split('\n').find((l) => l.startsWith('| [SHOP-12]'))!
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5)
  },
  TIMEOUT
)

function clauses(node: JqlNode | null): Extract<JqlNode, { kind: 'clause' }>[] {
  if (!node) return []
  if (node.kind === 'clause') return [node]
  if (node.kind === 'not') return clauses(node.item)
  return node.items.flatMap(clauses)
}

test(
  'key-less: hostile PR #43 text stays inside quoted JQL literals; the inferred link keeps the title',
  async () => {
    sb = await sandbox({ config: SHOP_ONLY })
    const pr = pullOf(sb, ACME.inferencePr)
    pr.title = `Wishlist: read-only share links" OR labels = zzinjected OR text ~ "x`
    pr.body = `${pr.body}\n\n<img src=x onerror=alert(1)> @chenwei #1 ) OR (project = OPS) -- \\" '`
    const run = await runPr(sb, ACME.inferencePr, 'opened')
    expectSuccess(run)

    const searches = sb.requests.filter((r) => r.path === '/rest/api/3/search/jql')
    expect(searches.length).toBeGreaterThan(0)
    for (const search of searches) {
      expect(search.status).toBe(200)
      const jql = String(search.query.jql ?? (search.body as { jql?: string }).jql)
      // No word of the PR became JQL syntax: the sentinel is never a bare word …
      for (const token of tokenize(jql))
        if (token.type === 'word') expect(token.value.toLowerCase()).not.toContain('zzinjected')
      // … and every clause is one the action meant, with literal values.
      for (const clause of clauses(parseJql(jql).where)) {
        expect([
          'project',
          'statusCategory',
          'text',
          'summary',
          'description',
          'assignee',
          'key',
          'updated'
        ]).toContain(clause.field)
        if (clause.field === 'project')
          expect(clause.operands).toEqual([{ kind: 'value', value: 'SHOP' }])
        if (clause.op === '~')
          for (const operand of clause.operands)
            expect(operand).toEqual({
              kind: 'value',
              value: expect.stringMatching(/^[\p{L}\p{N} ]+\*?$/u)
            })
      }
    }

    const comment = botComment(sb, ACME.inferencePr).body
    expectInert(comment)
    const link = issueOf(sb, 'SHOP-51').remoteLinks.find(
      (l) => l.globalId === globalId(ACME.inferencePr)
    )
    expect(link?.object.title).toBe(`acme/shop#43: ${pr.title}`)
  },
  TIMEOUT
)
