import { JqlError, parseJql, runJql, type JqlEnv, type JqlIssue } from '../../sandbox/jql.js'

const NOW = Date.parse('2026-11-20T12:00:00Z')
const issue = (n: number, over: Partial<JqlIssue>): JqlIssue => ({
  id: String(10000 + n),
  key: `SHOP-${n}`,
  projectKey: 'SHOP',
  projectId: '10000',
  projectName: 'Web Shop',
  status: 'To Do',
  statusCategory: 'new',
  issueType: 'Task',
  assignee: null,
  reporter: 'u-eli',
  labels: [],
  components: [],
  summary: '',
  description: '',
  comments: [],
  created: NOW - 30 * 86_400_000,
  updated: NOW - n * 86_400_000,
  ...over
})

const env: JqlEnv = {
  currentUser: 'u-ben',
  now: NOW,
  statuses: ['To Do', 'In Progress', 'In Review', 'Done'],
  users: [
    { accountId: 'u-ben' },
    { accountId: 'u-ana', email: 'ana@acme.test' },
    { accountId: 'u-eli' }
  ],
  issues: [
    issue(1, {
      summary: 'Cart total off by one cent',
      labels: ['bug', 'money'],
      assignee: 'u-ben',
      status: 'In Progress',
      statusCategory: 'indeterminate'
    }),
    issue(2, {
      summary: 'Share wishlist with a link',
      description: 'Friends open a read-only link',
      assignee: 'u-ana'
    }),
    issue(3, {
      summary: 'Search returns no results for plural terms',
      labels: ['bug'],
      status: 'Done',
      statusCategory: 'done'
    }),
    issue(4, {
      summary: 'Quote "handling" in titles',
      description: 'C:\\path and 50% off',
      comments: ['rounding discussion']
    }),
    {
      ...issue(5, { summary: 'Rotate keys' }),
      key: 'OPS-1',
      projectKey: 'OPS',
      projectId: '10001',
      projectName: 'Operations'
    }
  ]
}

const keys = (jql: string) => runJql(jql, env).map((i) => i.key)

describe('matching', () => {
  test.each([
    ['project = SHOP', ['SHOP-4', 'SHOP-3', 'SHOP-2', 'SHOP-1']],
    ['project = "Web Shop" AND labels = bug', ['SHOP-3', 'SHOP-1']],
    [
      'project in (SHOP, OPS) AND statusCategory != Done ORDER BY key ASC',
      ['OPS-1', 'SHOP-1', 'SHOP-2', 'SHOP-4']
    ],
    ['project = SHOP AND statusCategory = "In Progress"', ['SHOP-1']],
    ['status = "in progress"', ['SHOP-1']],
    ['key = shop-2', ['SHOP-2']],
    ['issuekey in (SHOP-1, SHOP-3) order by key desc', ['SHOP-3', 'SHOP-1']],
    ['issue in (SHOP-1,SHOP-2) AND NOT labels = bug', ['SHOP-2']],
    ['assignee = currentUser()', ['SHOP-1']],
    ['assignee = "ana@acme.test"', ['SHOP-2']],
    ['project = SHOP AND assignee is EMPTY order by key', ['SHOP-3', 'SHOP-4']],
    // As in Jira: a negative clause never matches an empty field.
    ['project = SHOP AND assignee != u-ben', ['SHOP-2']],
    ['labels not in (money)', ['SHOP-3']],
    ['text ~ "cart cent"', ['SHOP-1']],
    ['text ~ "CART  Cent!"', ['SHOP-1']],
    ['text ~ "cart wishlist"', []],
    ['summary ~ "shares" ', ['SHOP-2']],
    ['description ~ "read-only"', ['SHOP-2']],
    ['text ~ "round*"', ['SHOP-4']],
    ['summary ~ "\\"plural terms\\""', ['SHOP-3']],
    ['summary ~ "\\"terms plural\\""', []],
    ['text ~ "rounding" AND project = SHOP', ['SHOP-4']],
    ['project = SHOP AND (labels = money OR status = Done) ORDER BY key', ['SHOP-1', 'SHOP-3']],
    ['project = SHOP AND updated >= -2d order by key', ['SHOP-1', 'SHOP-2']],
    ['project = SHOP AND updated >= "2026-11-18 12:00" order by key', ['SHOP-1', 'SHOP-2']],
    ['project = SHOP AND updated <= "2026/11/17" order by key', ['SHOP-4']],
    ['project = SHOP && labels = bug || key = OPS-1 order by key', ['OPS-1', 'SHOP-1', 'SHOP-3']],
    ['summary ~ \'Quote \\"handling\\"\'', ['SHOP-4']],
    ['text ~ "C:\\\\path"', ['SHOP-4']],
    ['summary ~ "\\u0043art"', ['SHOP-1']]
  ])('%s', (jql, expected) => {
    expect(keys(jql)).toEqual(expected)
  })
})

describe('hostile text stays a literal', () => {
  test.each([
    'x" OR project = OPS OR text ~ "y',
    ') OR key = SHOP-1 OR (',
    'cart\\" OR key = SHOP-2',
    '<script>alert(1)</script> @ana'
  ])('%s', (title) => {
    const quoted = `"${title.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
    expect(() => keys(`project = SHOP AND text ~ ${quoted}`)).not.toThrow()
    expect(parseJql(`project = SHOP AND text ~ ${quoted}`).where).toMatchObject({
      kind: 'and',
      items: [{ field: 'project' }, { field: 'text', operands: [{ kind: 'value', value: title }] }]
    })
  })
})

describe('errors answer as Jira does', () => {
  const error = (jql: string): string[] => {
    try {
      runJql(jql, env)
    } catch (e) {
      if (e instanceof JqlError) return e.messages
      throw e
    }
    throw new Error('no error')
  }

  test.each([
    [
      'summary ~ cart+',
      "Error in the JQL Query: The character '+' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002b' instead. (line 1, character 15)"
    ],
    [
      'text ~ 50%',
      "Error in the JQL Query: The character '%' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0025' instead. (line 1, character 10)"
    ],
    [
      'summary ~ "open',
      "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)"
    ],
    [
      'summary ~ "a\\qb"',
      "Error in the JQL Query: '\\q' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 13)"
    ],
    [
      'project SHOP',
      "Error in the JQL Query: Expecting operator but got 'SHOP'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"
    ],
    [
      'project = SHOP labels = bug',
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'labels'. (line 1, character 16)"
    ],
    [
      'project = ',
      'Error in the JQL Query: Expecting either a value, list or function before the end of the query. (line 1, character 11)'
    ],
    [
      '(project = SHOP',
      "Error in the JQL Query: Expecting either 'OR' or 'AND' or ')' before the end of the query. (line 1, character 16)"
    ],
    [
      '= SHOP',
      "Error in the JQL Query: Expecting a field name but got '='. You must surround '=' in quotation marks to use it as a field name. (line 1, character 1)"
    ],
    [
      'order by key',
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
    ],
    [
      '',
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
    ],
    [
      'flavour = vanilla',
      "Field 'flavour' does not exist or you do not have permission to view it."
    ],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['key = UTF-8', "An issue with key 'UTF-8' does not exist for field 'key'."],
    ['key = SHA256', "The issue key 'SHA256' for field 'key' is invalid."],
    ['status = Blocked', "The value 'Blocked' does not exist for the field 'status'."],
    ['summary = cart', "The operator '=' is not supported by the 'summary' field."],
    ['labels ~ bug', "The operator '~' is not supported by the 'labels' field."],
    ['assignee = nobody', "The value 'nobody' does not exist for the field 'assignee'."],
    [
      'updated >= yesterday',
      "Date value 'yesterday' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."
    ],
    ['text ~ ""', "The field 'text' does not support searching for an empty string."],
    ['assignee = membersOf(devs)', "Unable to find JQL function 'membersOf(devs)'."]
  ])('%s', (jql, message) => {
    expect(error(jql)).toEqual([message])
  })

  test('several semantic errors are reported together', () => {
    expect(error('project = NOPE AND flavour = x')).toHaveLength(2)
  })
})
