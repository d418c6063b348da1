/**
 * The follow-ups rule at Jira's HTTP boundary: the JQL lookup of fingerprint labels (quoted),
 * the create body (ADF description, labels), the "Relates" issue link.
 */
import { jest } from '@jest/globals'
import nock from 'nock'
import { adfShapeProblems } from '../../../helpers/adf-shape.js'
import { connectedJira as port, fixture, SITE } from '../../jira/helpers.js'

const { followUps } = await import('../../../../src/rules/follow-ups/index.js')
const { applyActions } = await import('../../../../src/plan/apply.js')
const { MEMBER_AUTHOR, prFacts, prEvent, settings, jiraIssue } =
  await import('../../../helpers/facts.js')
const { EMPTY_STATE } = await import('../../../../src/report/state.js')
const { groupLabel, prLabel, todoLabel } =
  await import('../../../../src/rules/follow-ups/fingerprint.js')

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
    author: MEMBER_AUTHOR,
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
  // Among the PR's follow-ups only: a later PR adding the same TODO text makes its own.
  expect(searched[0]).toMatch(
    /^labels = "gitar-jira-pr-[0-9a-f]{16}" AND labels = "gitar-jira-todo-[0-9a-f]{16}" ORDER BY created ASC$/
  )

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

describe('a TODO that names a key: tracked only when Jira has that issue', () => {
  const TODOS = [
    '// TODO SHA-256: switch hashing to sha-512',
    '// TODO(SHOP-9999): no such issue',
    '// TODO(NOPE-1): no such project',
    '// TODO(EX-1): tracked already'
  ]
  const facts = {
    event: prEvent({ action: 'closed', merged: true, closed: true }),
    pr: prFacts(
      { merged: true, state: 'closed', mergeCommitSha: 'f'.repeat(40) },
      {
        files: [
          {
            path: 'src/a.ts',
            status: 'added',
            additions: TODOS.length,
            deletions: 0,
            patch: `@@ -0,0 +1,${TODOS.length} @@\n${TODOS.map((t) => `+${t}\n`).join('')}`
          }
        ]
      }
    ),
    linked: [],
    author: MEMBER_AUTHOR,
    previous: EMPTY_STATE,
    earlier: { applied: [], followUps: [] }
  }
  const base = settings()
  const withProjects = (projects: string[] | null) => ({
    ...base,
    jira: { ...base.jira, projects },
    rules: { ...base.rules, followUps: { ...base.rules.followUps, project: 'EX' } }
  })

  afterEach(() => nock.cleanAll())

  test.each([
    [null, ['SHA-256', 'SHOP-9999', 'NOPE-1', 'EX-1']],
    [
      ['EX', 'SHOP'],
      ['SHOP-9999', 'EX-1']
    ]
  ])(
    'jira.projects %p: one bulk read of %p; the others become follow-ups',
    async (projects, read) => {
      const jira = await port()
      const asked: string[][] = []
      nock(SITE)
        .post('/rest/api/3/issue/bulkfetch', (body) => {
          asked.push(body.issueIdsOrKeys)
          return true
        })
        // Jira knows EX-1 only (the fixture); the other keys come back in `issueErrors`.
        .reply(200, fixture('bulkfetch'))
      nock(SITE).get('/rest/api/3/search/jql').query(true).reply(200, { issues: [], isLast: true })
      const s = withProjects(projects)
      const plan = followUps.plan(
        facts,
        await followUps.gather!({ jira, github: {} as never }, facts, s),
        s
      )
      expect(asked).toEqual([read])
      expect(
        plan.actions.map((a) => (a.type === 'jira.createIssue' ? a.issue.summary : a.type))
      ).toEqual(['SHA-256: switch hashing to sha-512', 'no such issue', 'no such project'])
      expect(plan.followUps?.tracked).toEqual([{ what: 'TODO at src/a.ts:4', key: 'EX-1' }])
      expect(nock.isDone()).toBe(true)
    }
  )
})

describe('grouping: pr with when: open, across pushes (Cloud)', () => {
  const PR = 'https://github.com/acme/shop/pull/42'
  const patch = (...texts: string[]) =>
    `@@ -1,1 +1,${texts.length + 1} @@\n const a = 1\n${texts.map((t) => `+// TODO: ${t}\n`).join('')}`
  const pushed = (...texts: string[]) => ({
    event: prEvent({ action: 'synchronize' }),
    pr: prFacts(
      {},
      {
        files: [
          {
            path: 'src/a.ts',
            status: 'modified' as const,
            additions: texts.length,
            deletions: 0,
            patch: patch(...texts)
          }
        ]
      }
    ),
    linked: [],
    author: MEMBER_AUTHOR,
    previous: EMPTY_STATE,
    earlier: { applied: [], followUps: [] }
  })
  const base = settings()
  const s = {
    ...base,
    rules: {
      ...base.rules,
      followUps: {
        ...base.rules.followUps,
        when: 'open' as const,
        grouping: 'pr' as const,
        project: 'ABC'
      }
    }
  }
  const label = (text: string) => todoLabel('acme/shop', 'src/a.ts', text)
  /** ABC-50 as the search answers it, with `labels`. */
  const groupIssue = (labels: string[]) => ({
    id: '10050',
    key: 'ABC-50',
    self: `${SITE}/rest/api/3/issue/10050`,
    fields: {
      summary: 'TODOs of acme/shop#42: one',
      status: { name: 'To Do', statusCategory: { key: 'new' } },
      project: { key: 'ABC' },
      issuetype: { name: 'Task' },
      labels
    }
  })
  const github = { updatePrTitle: jest.fn(), replyToThread: jest.fn() } as never

  /** Answers `times` JQL searches from `answer`; returns the JQL asked. */
  function searches(times: number, answer: (jql: string) => unknown[]) {
    const asked: string[] = []
    nock(SITE)
      .get('/rest/api/3/search/jql')
      .query((q) => {
        // nock offers this matcher other requests too: keep the searches'.
        if (typeof q.jql !== 'string') return false
        asked.push(q.jql)
        return true
      })
      .times(times)
      // The query matcher saw this request's JQL just before.
      .reply(200, () => ({ issues: answer(asked.at(-1) ?? ''), isLast: true }))
    return asked
  }

  afterEach(() => nock.cleanAll())

  test('one issue for the PR: created once, then added to, and a rerun writes nothing', async () => {
    const jira = await port()
    const allLabels = [prLabel(PR), groupLabel(PR), label('one')]

    // The first push: no group yet, so the group issue is created, with the group label.
    let asked = searches(2, () => [])
    let facts = pushed('one')
    let plan = followUps.plan(facts, await followUps.gather!({ jira, github }, facts, s), s)
    expect(asked).toEqual([
      `labels = "${prLabel(PR)}" AND labels = "${label('one')}" ORDER BY created ASC`,
      `labels = "${prLabel(PR)}" ORDER BY created ASC`
    ])
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let createBody: any
    nock(SITE)
      .post('/rest/api/3/issue', (body) => {
        createBody = body
        return true
      })
      .reply(201, { id: '10050', key: 'ABC-50', self: `${SITE}/rest/api/3/issue/10050` })
    let applied = await applyActions(plan.actions, { jira, github }, { dryRun: false })
    expect(applied.map((a) => [a.status, a.created?.key])).toEqual([['done', 'ABC-50']])
    expect(createBody.fields.labels).toEqual(expect.arrayContaining(allLabels))
    nock.cleanAll()

    // The second push adds a TODO: found by the PR's label, the group gets it; nothing created.
    asked = searches(2, (jql) =>
      jql.includes(groupLabel(PR)) || jql.includes(prLabel(PR)) || jql.includes(label('one'))
        ? [groupIssue(allLabels)]
        : []
    )
    nock(SITE)
      .get('/rest/api/3/issue/ABC-50/properties/gitar-jira.follow-up-added')
      .reply(404, { errorMessages: ['not found'] })
    facts = pushed('one', 'two')
    plan = followUps.plan(facts, await followUps.gather!({ jira, github }, facts, s), s)
    expect(asked).toEqual([
      `labels = "${prLabel(PR)}" AND labels in ("${label('one')}", "${label('two')}") ORDER BY created ASC`,
      `labels = "${prLabel(PR)}" ORDER BY created ASC`
    ])
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let commentBody: any
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let propertyBody: any
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let editBody: any
    nock(SITE)
      .post('/rest/api/3/issue/ABC-50/comment', (body) => {
        commentBody = body
        return true
      })
      .reply(201, { id: '700' })
      // Read again just before it is written (another run may have added to it meanwhile).
      .get('/rest/api/3/issue/ABC-50/properties/gitar-jira.follow-up-added')
      .reply(404, { errorMessages: ['not found'] })
      .put('/rest/api/3/issue/ABC-50/properties/gitar-jira.follow-up-added', (body) => {
        propertyBody = body
        return true
      })
      .reply(200)
      .put('/rest/api/3/issue/ABC-50', (body) => {
        editBody = body
        return true
      })
      .reply(204)
    applied = await applyActions(plan.actions, { jira, github }, { dryRun: false })
    expect(applied.map((a) => [a.action.type, a.status])).toEqual([['jira.addToIssue', 'done']])
    expect(adfShapeProblems(commentBody.body)).toEqual([])
    expect(JSON.stringify(commentBody.body)).toContain('1 more TODO comment(s) left in')
    expect(JSON.stringify(commentBody.body)).toContain(': two')
    expect(Object.values(propertyBody)).toEqual(['700'])
    expect(editBody).toEqual({ update: { labels: [{ add: label('two') }] } })
    expect(nock.isDone()).toBe(true)
    nock.cleanAll()

    // A rerun of that push: both TODOs found on ABC-50 by their labels; no write, no second search.
    asked = searches(1, () => [groupIssue([...allLabels, label('two')])])
    plan = followUps.plan(facts, await followUps.gather!({ jira, github }, facts, s), s)
    expect(asked).toHaveLength(1)
    expect(plan.actions).toEqual([])
    expect(plan.followUps?.found.map((f) => f.key)).toEqual(['ABC-50', 'ABC-50'])
    expect(nock.isDone()).toBe(true)
  })

  test('a group issue made before the group label: found by its summary and TODO labels', async () => {
    const jira = await port()
    searches(2, (jql) =>
      jql.includes(prLabel(PR)) ? [groupIssue([prLabel(PR), label('one')])] : []
    )
    nock(SITE)
      .get('/rest/api/3/issue/ABC-50/properties/gitar-jira.follow-up-added')
      .reply(404, { errorMessages: ['not found'] })
    const facts = pushed('two')
    const extra = await followUps.gather!({ jira, github }, facts, s)
    expect(extra.group?.key).toBe('ABC-50')
    const plan = followUps.plan(facts, extra, s)
    expect(plan.actions).toEqual([
      expect.objectContaining({
        type: 'jira.addToIssue',
        issueKey: 'ABC-50',
        labels: [label('two'), groupLabel(PR)]
      })
    ])
  })

  test('within the search lag, the group issue the state remembers gets the new TODO; no second group', async () => {
    const jira = await port()
    const allLabels = [prLabel(PR), groupLabel(PR), label('one')]
    // Neither search returns ABC-50 yet: it was created seconds ago.
    const asked = searches(2, () => [])
    const read: string[][] = []
    nock(SITE)
      .post(
        '/rest/api/3/issue/bulkfetch',
        (body: { issueIdsOrKeys: string[]; fields: string[] }) => {
          read.push(body.issueIdsOrKeys)
          return body.fields.includes('issuelinks')
        }
      )
      .reply(200, {
        // ABC-60 is no follow-up of this PR (someone edited the state): it counts for nothing.
        issues: [
          groupIssue(allLabels),
          { ...groupIssue([label('two')]), id: '10060', key: 'ABC-60' }
        ],
        issueErrors: []
      })
      .get('/rest/api/3/issue/ABC-50/properties/gitar-jira.follow-up-added')
      .reply(404, { errorMessages: ['not found'] })
    const facts = {
      ...pushed('one', 'two'),
      previous: { ...EMPTY_STATE, followUps: ['ABC-50', 'OPS-1', 'ABC-60'] }
    }
    const inAbc = { ...s, jira: { projects: ['ABC'] } }

    const extra = await followUps.gather!({ jira, github }, facts, inAbc)
    const plan = followUps.plan(facts, extra, inAbc)

    expect(asked).toHaveLength(2)
    // One bulk fetch, of the keys of jira.projects only.
    expect(read).toEqual([['ABC-50', 'ABC-60']])
    expect(plan.actions).toEqual([
      expect.objectContaining({
        type: 'jira.addToIssue',
        issueKey: 'ABC-50',
        labels: [label('two')]
      })
    ])
    expect(plan.followUps?.found.map((f) => f.key)).toEqual(['ABC-50'])
    expect(nock.isDone()).toBe(true)
  })

  test('once the search finds every label, nothing the state remembers is read by key', async () => {
    const jira = await port()
    const allLabels = [prLabel(PR), groupLabel(PR), label('one')]
    // ABC-50 is returned; ABC-60 (a follow-up whose TODO left the PR) is not, and is not asked
    // for: no bulk fetch is answered here, so reading it would fail the gather.
    const asked = searches(1, () => [groupIssue(allLabels)])
    const facts = {
      ...pushed('one'),
      previous: { ...EMPTY_STATE, followUps: ['ABC-50', 'ABC-60'] }
    }

    const plan = followUps.plan(facts, await followUps.gather!({ jira, github }, facts, s), s)

    expect(asked).toEqual([
      `labels = "${prLabel(PR)}" AND labels = "${label('one')}" ORDER BY created ASC`
    ])
    expect(plan.actions).toEqual([])
    expect(plan.followUps?.found.map((f) => f.key)).toEqual(['ABC-50'])
    expect(nock.isDone()).toBe(true)
  })
})
