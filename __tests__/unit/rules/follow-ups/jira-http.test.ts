/**
 * The follow-ups rule at Jira's HTTP boundary: the JQL lookup of fingerprint labels (quoted),
 * the create body (ADF description, labels), the "Relates" issue link.
 */
import { jest } from '@jest/globals'
import nock from 'nock'
import { adfShapeProblems } from '../../../helpers/adf-shape.js'
import { connectedJira as port, SITE } from '../../jira/helpers.js'

const { followUps } = await import('../../../../src/rules/follow-ups/index.js')
const { applyActions } = await import('../../../../src/plan/apply.js')
const { prFacts, prEvent, settings, jiraIssue } = await import('../../../helpers/facts.js')
const { EMPTY_STATE } = await import('../../../../src/report/state.js')

beforeEach(() => jest.clearAllMocks())

const PATCH = '@@ -1,2 +1,3 @@\n const a = 1\n+// TODO: say "hello" \\ politely\n const b = 2\n'

test('looks the labels up by quoted JQL, creates the issue with ADF, links it "Relates"', async () => {
  const jira = await port()
  const facts = {
    event: prEvent({ action: 'closed', merged: true, closed: true }),
    pr: prFacts(
      { merged: true, state: 'closed', mergeCommitSha: 'f'.repeat(40) },
      {
        files: [{ path: 'src/a.ts', status: 'modified', additions: 1, deletions: 0, patch: PATCH }]
      }
    ),
    linked: [
      {
        issue: jiraIssue('ABC-1'),
        strength: 'resolves' as const,
        via: 'explicit' as const,
        sources: []
      }
    ],
    previous: EMPTY_STATE,
    earlier: { applied: [], followUps: [] }
  }
  const searched: string[] = []
  nock(SITE)
    .get('/rest/api/3/search/jql')
    .query((q) => {
      searched.push(String(q.jql))
      return true
    })
    .reply(200, { issues: [], isLast: true })
  nock(SITE)
    .get('/rest/api/3/issueLinkType')
    .reply(200, {
      issueLinkTypes: [
        { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
        { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
      ]
    })
  const s = settings()
  const extra = await followUps.gather!({ jira, github: {} as never }, facts, s)
  expect(searched).toHaveLength(1)
  expect(searched[0]).toMatch(/^labels = "gitar-jira-todo-[0-9a-f]{16}" ORDER BY created ASC$/)

  const plan = followUps.plan(facts, extra, s)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let createBody: any
  nock(SITE)
    .post('/rest/api/3/issue', (body) => {
      createBody = body
      return true
    })
    .reply(201, { id: '10100', key: 'ABC-100', self: `${SITE}/rest/api/3/issue/10100` })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let linkBody: any
  nock(SITE)
    .post('/rest/api/3/issueLink', (body) => {
      linkBody = body
      return true
    })
    .reply(201)
  const applied = await applyActions(
    plan.actions,
    { jira, github: { updatePrTitle: jest.fn(), replyToThread: jest.fn() } as never },
    { dryRun: false }
  )
  expect(applied.map((a) => [a.status, a.created?.key])).toEqual([['done', 'ABC-100']])
  expect(createBody.fields).toMatchObject({
    project: { key: 'ABC' },
    issuetype: { name: 'Task' },
    summary: 'say "hello" \\ politely'
  })
  expect(createBody.fields.labels).toEqual(
    expect.arrayContaining(['follow-up', searched[0]!.split('"')[1]])
  )
  expect(adfShapeProblems(createBody.fields.description)).toEqual([])
  expect(JSON.stringify(createBody.fields.description)).toContain(
    `https://github.com/acme/shop/blob/${'f'.repeat(40)}/src/a.ts#L2`
  )
  expect(linkBody).toEqual({
    type: { name: 'Relates' },
    inwardIssue: { key: 'ABC-100' },
    outwardIssue: { key: 'ABC-1' }
  })
  expect(nock.isDone()).toBe(true)
})
