/**
 * Which issue follows a TODO up: the PR's own. The rule's searches are answered as Jira answers
 * them (the sandbox's JQL engine over the issues given), so what counts is the JQL it writes.
 */
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'
import { creates } from '../../../helpers/follow-ups.js'
import { runJql, type JqlIssue } from '../../../../sandbox/jql.js'
import type { JiraIssue } from '../../../../src/jira/port.js'
import { followUps } from '../../../../src/rules/follow-ups/index.js'
import { prLabel, todoLabel } from '../../../../src/rules/follow-ups/fingerprint.js'
import type { Ports } from '../../../../src/rules/types.js'

const PATCH =
  '@@ -1,2 +1,3 @@\n export function get() {}\n+// TODO: add tests\n export function post() {}\n'
const prUrl = (n: number) => `https://github.com/acme/shop/pull/${n}`

/** PR `n`, merged, adding `// TODO: add tests` to src/api/client.ts; linked to SHOP-7. */
const mergedPr = (n: number) =>
  facts({
    event: prEvent({ action: 'closed', merged: true, closed: true, prNumber: n }),
    pr: prFacts(
      {
        number: n,
        htmlUrl: prUrl(n),
        merged: true,
        state: 'closed',
        mergeCommitSha: 'm'.repeat(40)
      },
      {
        files: [
          {
            path: 'src/api/client.ts',
            status: 'modified',
            additions: 1,
            deletions: 0,
            patch: PATCH
          }
        ]
      }
    ),
    linked: [
      {
        issue: jiraIssue('SHOP-7'),
        strength: 'resolves' as const,
        via: 'explicit' as const,
        sources: []
      }
    ]
  })

/** A follow-up of PR `n` for that TODO, as Jira keeps it (Done since). */
const followUpOf = (key: string, n: number): JiraIssue =>
  jiraIssue(key, {
    summary: 'add tests',
    status: { name: 'Done', category: 'done' },
    details: {
      description: '',
      components: [],
      labels: [
        'follow-up',
        prLabel(prUrl(n)),
        todoLabel('acme/shop', 'src/api/client.ts', 'add tests')
      ]
    }
  })

function asJql(issue: JiraIssue): JqlIssue {
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.projectKey,
    projectId: '1',
    projectName: issue.projectKey,
    status: issue.status.name,
    statusCategory: issue.status.category as JqlIssue['statusCategory'],
    issueType: issue.issueType ?? 'Task',
    assignee: null,
    reporter: null,
    labels: issue.details?.labels ?? [],
    components: [],
    summary: issue.summary,
    description: '',
    comments: [],
    created: Number(issue.id),
    updated: Number(issue.id)
  }
}

/** A Jira holding `issues`: searches run as JQL over them. */
function jiraWith(issues: JiraIssue[]): Ports {
  const jira = {
    searchIssues: async (jql: string) => {
      const env = { currentUser: null, now: 0, statuses: ['Done'], users: [] }
      const keys = runJql(jql, { ...env, issues: issues.map(asJql) }).map((i) => i.key)
      return issues.filter((i) => keys.includes(i.key))
    },
    getIssues: async () => [],
    getIssueProperty: async () => null,
    getIssueLinkTypes: async () => [
      { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
    ]
  }
  return { jira, github: {} } as unknown as Ports
}

async function run(n: number, jira: Ports) {
  const f = mergedPr(n)
  const s = settings()
  return followUps.plan(f, await followUps.gather!(jira, f, s), s)
}

test('a later PR adding the same TODO text to the same file gets its own follow-up', async () => {
  // PR #42 added `// TODO: add tests` there and SHOP-61 followed it up (and is done).
  const plan = await run(46, jiraWith([followUpOf('SHOP-61', 42)]))

  expect(creates(plan.actions).map((a) => [a.what, a.issue.summary])).toEqual([
    ['the TODO at src/api/client.ts:2', 'add tests']
  ])
  expect(creates(plan.actions)[0]!.issue.labels).toContain(prLabel(prUrl(46)))
  expect(plan.followUps?.found).toEqual([])
})

test('the same PR, again (a rerun, a later event): its follow-up is found, nothing created', async () => {
  const plan = await run(46, jiraWith([followUpOf('SHOP-61', 42), followUpOf('SHOP-62', 46)]))

  expect(plan.actions).toEqual([])
  expect(plan.followUps?.found.map((f) => f.key)).toEqual(['SHOP-62'])
})

test('a failed "relates to" link is tried again only to the issues a follow-up is linked to now (10 at most)', async () => {
  // PR #42 now links SHOP-1…SHOP-30 (SHOP-7 resolved); SHOP-61's links to SHOP-7 and SHOP-25 failed.
  const f = mergedPr(42)
  f.linked = Array.from({ length: 30 }, (_, i) => ({
    issue: jiraIssue(`SHOP-${i + 1}`),
    strength: i + 1 === 7 ? ('resolves' as const) : ('references' as const),
    via: 'explicit' as const,
    sources: []
  }))
  f.previous = {
    v: 1,
    links: [],
    relink: [{ key: 'SHOP-61', to: ['SHOP-25', 'SHOP-7'], tries: 0 }]
  }
  const known = { ...followUpOf('SHOP-61', 42), links: [] }
  const s = settings()
  const plan = followUps.plan(f, await followUps.gather!(jiraWith([known]), f, s), s)
  expect(plan.actions).toEqual([
    expect.objectContaining({ type: 'jira.linkIssues', issueKey: 'SHOP-61', keys: ['SHOP-7'] })
  ])
})
