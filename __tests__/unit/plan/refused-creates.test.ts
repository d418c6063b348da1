/**
 * Creates Jira refuses for their project or issue type, at the HTTP boundary (Cloud and Data
 * Center): the first refusal spares Jira the other creates with the same project and issue type,
 * which fail with its message; a refusal naming another field, or another project, does not.
 */
import nock from 'nock'
import { recorder } from '../../helpers/recorder.js'
import { connectedJira, PAT, SITE } from '../jira/helpers.js'

const { connectJira } = await import('../../../src/jira/client.js')
const { applyActions } = await import('../../../src/plan/apply.js')
const { paragraph, text } = await import('../../../src/richtext/model.js')
const { ruleFailures } = await import('../../../src/report/model.js')
const { failureLines } = await import('../../../src/report/failures.js')
type Action = import('../../../src/plan/actions.js').Action
type JiraPort = import('../../../src/jira/port.js').JiraPort

const DC = 'https://jira.acme.test'

interface CreateBody {
  fields: { project: { key: string }; issuetype: { name: string } }
}

/** The follow-up of the TODO on line `line`, in `projectKey` as a `issueType`. */
function create(line: number, projectKey = 'NOPE', issueType = 'Task'): Action {
  return {
    type: 'jira.createIssue',
    rule: 'follow-ups',
    what: `the TODO at src/cart.ts:${line}`,
    issue: {
      projectKey,
      issueType,
      summary: `TODO ${line}`,
      description: { blocks: [paragraph(text(`TODO ${line}`))] },
      labels: [`gitar-jira-todo-${line}`]
    },
    relatesTo: null,
    reply: null
  }
}

function apply(actions: Action[], jira: JiraPort) {
  return applyActions(actions, { jira, github: {} as never }, { dryRun: false })
}

/** The creates Jira receives in `projectKey` (every one when absent), answered `status`, `body`. */
function creates(
  site: string,
  path: string,
  reply: { status: number; body: object },
  projectKey?: string
) {
  const sent = recorder<CreateBody>()
  nock(site)
    .post(path, (body: CreateBody) =>
      projectKey === undefined || body.fields.project.key === projectKey ? sent.match(body) : false
    )
    .times(3)
    .reply(reply.status, reply.body)
  return sent.sent
}

const created = (n: number) => ({
  status: 201,
  body: { id: `1010${n}`, key: `SHOP-10${n}`, self: `${SITE}/rest/api/3/issue/1010${n}` }
})

describe('a create Jira refuses for its project or issue type (Cloud)', () => {
  test.each([
    ['project', { project: 'Specify a valid project ID or key' }],
    ['issue type', { issuetype: 'Specify a valid issue type' }]
  ])(
    'a wrong %s: one POST reaches Jira; all three fail with its message, as one report line',
    async (_wrong, errors) => {
      const jira = await connectedJira()
      const sent = creates(SITE, '/rest/api/3/issue', {
        status: 400,
        body: { errorMessages: [], errors }
      })

      const applied = await apply([create(1), create(2), create(3)], jira)

      expect(sent).toHaveLength(1)
      const [field, words] = Object.entries(errors)[0]!
      const message = `POST /rest/api/3/issue: 400 Bad Request - ${field}: ${words}`
      expect(applied.map((a) => [a.status, a.error, a.created])).toEqual([
        ['failed', message, undefined],
        ['failed', message, undefined],
        ['failed', message, undefined]
      ])
      expect(failureLines(ruleFailures(applied))).toEqual([
        `follow-ups: ${message} (3 times: the TODO at src/cart.ts:1, the TODO at src/cart.ts:2, the TODO at src/cart.ts:3)`
      ])
    }
  )

  test.each([
    [
      'a 400 naming another field (a required custom field)',
      400,
      { customfield_10010: 'Team is required.' }
    ],
    ['a 500', 500, {}]
  ])('%s: each create is still sent', async (_failure, status, errors) => {
    const jira = await connectedJira()
    const sent = creates(SITE, '/rest/api/3/issue', {
      status,
      body: { errorMessages: [], errors }
    })

    const applied = await apply([create(1), create(2), create(3)], jira)

    expect(sent).toHaveLength(3)
    expect(applied.map((a) => a.status)).toEqual(['failed', 'failed', 'failed'])
  })

  test('only the refused project is spared: the creates in the other one are sent and made', async () => {
    const jira = await connectedJira()
    const refused = creates(
      SITE,
      '/rest/api/3/issue',
      {
        status: 400,
        body: { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } }
      },
      'NOPE'
    )
    const made = recorder<CreateBody>()
    nock(SITE)
      .post('/rest/api/3/issue', (body: CreateBody) =>
        body.fields.project.key === 'SHOP' ? made.match(body) : false
      )
      .reply(created(2).status, created(2).body)
      .post('/rest/api/3/issue', (body: CreateBody) =>
        body.fields.project.key === 'SHOP' ? made.match(body) : false
      )
      .reply(created(4).status, created(4).body)

    const applied = await apply(
      [create(1, 'NOPE'), create(2, 'SHOP'), create(3, 'NOPE'), create(4, 'SHOP')],
      jira
    )

    expect(refused).toHaveLength(1)
    expect(made.sent).toHaveLength(2)
    expect(applied.map((a) => [a.status, a.created?.key])).toEqual([
      ['failed', undefined],
      ['done', 'SHOP-102'],
      ['failed', undefined],
      ['done', 'SHOP-104']
    ])
  })
})

test('Data Center: a wrong project, one POST /rest/api/2/issue; all three fail with its message', async () => {
  nock(DC)
    .get('/rest/api/2/serverInfo')
    .reply(200, { deploymentType: 'DataCenter', version: '9.12.0' })
    .get('/rest/api/2/myself')
    .reply(200, { key: 'JIRAUSER10100', name: 'jdoe', displayName: 'Jane Doe', active: true })
  const jira = await connectJira({
    auth: { mode: 'bearer', siteUrl: DC, token: PAT },
    onSchemaMismatch: 'throw',
    retry: { sleep: async () => {} }
  })
  const sent = creates(DC, '/rest/api/2/issue', {
    status: 400,
    body: { errorMessages: [], errors: { project: 'valid project is required' } }
  })

  const applied = await apply([create(1), create(2), create(3)], jira)

  expect(sent).toHaveLength(1)
  const message = 'POST /rest/api/2/issue: 400 Bad Request - project: valid project is required'
  expect(applied.map((a) => [a.status, a.error])).toEqual([
    ['failed', message],
    ['failed', message],
    ['failed', message]
  ])
})
