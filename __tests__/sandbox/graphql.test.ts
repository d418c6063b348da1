import { call, GH_AUTH, useSandbox } from './client.js'

const { sandbox } = useSandbox()

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const r = await call(sandbox().graphqlUrl, {
    method: 'POST',
    auth: GH_AUTH,
    body: { query, variables }
  })
  expect(r.status).toBe(200)
  return r.body
}

const THREADS = `
  query Threads($owner: String!, $repo: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        reviewThreads(first: 2, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes {
            id isResolved isOutdated path line
            comments(first: 10) { nodes { ...C } }
          }
        }
      }
    }
  }
  fragment C on PullRequestReviewComment { id databaseId body url author { login __typename } }
`

test('review threads page by cursor, with exactly the fields asked for', async () => {
  const vars = { owner: 'acme', repo: 'shop', number: 42 }
  const first = await gql(THREADS, vars)
  const conn = first.data.repository.pullRequest.reviewThreads
  expect(conn.totalCount).toBe(3)
  expect(conn.pageInfo.hasNextPage).toBe(true)
  expect(
    conn.nodes.map((t: { isResolved: boolean; isOutdated: boolean }) => [
      t.isResolved,
      t.isOutdated
    ])
  ).toEqual([
    [false, false],
    [true, false]
  ])
  expect(conn.nodes[0].comments.nodes[0]).toEqual({
    id: expect.any(String),
    databaseId: expect.any(Number),
    body: expect.stringContaining('shipping'),
    url: expect.stringMatching(/^https:\/\/github\.com\/acme\/shop\/pull\/42#discussion_r\d+$/),
    author: { login: 'dana-k', __typename: 'User' }
  })
  const second = await gql(THREADS, { ...vars, after: conn.pageInfo.endCursor })
  const rest = second.data.repository.pullRequest.reviewThreads
  expect(rest.pageInfo.hasNextPage).toBe(false)
  expect(rest.nodes).toHaveLength(1)
  expect(rest.nodes[0]).toMatchObject({ isOutdated: true, line: null })
})

test('aliases and inline fragments', async () => {
  const body = await gql(
    '{ r: repository(owner: "acme", name: "shop") { p: pullRequest(number: 42) { ... on PullRequest { number title } } } }'
  )
  expect(body).toEqual({
    data: { r: { p: { number: 42, title: 'Fix cart total rounding for discounted lines' } } }
  })
})

test('one connection twice: under aliases, the first and the last comments; without, GitHub’s fieldConflict', async () => {
  const thread = sandbox().state.github.repos[0]!.pulls.find((p) => p.number === 42)!.threads[1]!
  const aliased = await gql(`{ repository(owner: "acme", name: "shop") { pullRequest(number: 42) {
    reviewThreads(first: 2) { nodes {
      opening: comments(first: 1) { totalCount nodes { body } }
      latest: comments(last: 1) { nodes { body } }
    } } } } }`)
  expect(aliased.data.repository.pullRequest.reviewThreads.nodes[1]).toEqual({
    opening: { totalCount: 2, nodes: [{ body: thread.comments[0]!.body }] },
    latest: { nodes: [{ body: 'Done.' }] }
  })

  const body = await gql(`{ repository(owner: "acme", name: "shop") { pullRequest(number: 42) {
    reviewThreads(first: 2) { nodes { comments(first: 1) { totalCount } ...Latest } } } } }
    fragment Latest on PullRequestReviewThread { comments(last: 50) { totalCount } }`)
  expect(body).toEqual({
    errors: [
      {
        path: [],
        extensions: {
          code: 'fieldConflict',
          fieldName: 'comments',
          conflicts: '{first:"1"} or {last:"50"}'
        },
        locations: [
          { line: 2, column: 39 },
          { line: 3, column: 50 }
        ],
        message: `Field 'comments' has an argument conflict: {first:"1"} or {last:"50"}?`
      }
    ]
  })
  const names = await gql(
    '{ viewer { login } viewer: rateLimit { cost } r: repository(owner: "acme", name: "shop") { id } r: repository(owner: "acme", name: "web") { id } }'
  )
  expect(names.errors.map((e: { message: string }) => e.message)).toEqual([
    "Field 'viewer' has a field conflict: rateLimit or viewer?",
    `Field 'r' has an argument conflict: {owner:"\\"acme\\"",name:"\\"shop\\""} or {owner:"\\"acme\\"",name:"\\"web\\""}?`
  ])
})

test('GitHub’s errors: unknown field, missing first, too many, not found, parse error', async () => {
  const unknown = await gql(
    '{ repository(owner: "acme", name: "shop") { pullRequest(number: 42) { reviewers } } }'
  )
  expect(unknown).toEqual({
    errors: [
      expect.objectContaining({
        message: "Field 'reviewers' doesn't exist on type 'PullRequest'",
        extensions: expect.objectContaining({ code: 'undefinedField' })
      })
    ]
  })
  const noFirst = await gql(
    '{ repository(owner: "acme", name: "shop") { pullRequest(number: 42) { reviewThreads { totalCount } } } }'
  )
  expect(noFirst.errors[0].message).toBe(
    'You must provide a `first` or `last` value to properly paginate the `reviewThreads` connection.'
  )
  const tooMany = await gql(
    '{ repository(owner: "acme", name: "shop") { pullRequest(number: 42) { reviewThreads(first: 101) { totalCount } } } }'
  )
  expect(tooMany.errors[0].message).toMatch(/exceeds the `first` limit of 100 records/)
  const missing = await gql(
    '{ repository(owner: "acme", name: "shop") { pullRequest(number: 999) { id } } }'
  )
  expect(missing).toEqual({
    data: { repository: { pullRequest: null } },
    errors: [expect.objectContaining({ type: 'NOT_FOUND', path: ['repository', 'pullRequest'] })]
  })
  expect((await gql('{ repository(owner: "acme" { id } }')).errors[0].message).toMatch(
    /^Parse error on/
  )
  expect((await gql('{ repository(owner: "acme") { id } }')).errors[0].message).toBe(
    "Field 'repository' is missing required arguments: name"
  )
})

test('a reply to a thread (both mutations) lands in the thread', async () => {
  const threadId = sandbox().state.github.repos[0]!.pulls.find((p) => p.number === 42)!.threads[0]!
    .id
  const reply = await gql(
    'mutation($input: AddPullRequestReviewThreadReplyInput!) { addPullRequestReviewThreadReply(input: $input) { comment { id body author { login } } } }',
    { input: { pullRequestReviewThreadId: threadId, body: 'Tracked as SHOP-61.' } }
  )
  expect(reply.data.addPullRequestReviewThreadReply.comment).toMatchObject({
    body: 'Tracked as SHOP-61.',
    author: { login: 'github-actions[bot]' }
  })
  const firstComment = sandbox().state.github.repos[0]!.pulls[0]!.threads[0]!.comments[0]!.id
  const legacy = await gql(
    'mutation { addPullRequestReviewComment(input: { inReplyTo: "' +
      firstComment +
      '", body: "again" }) { comment { body } } }'
  )
  expect(legacy.data.addPullRequestReviewComment.comment.body).toBe('again')
  expect(
    sandbox()
      .state.github.repos[0]!.pulls[0]!.threads[0]!.comments.map((c) => c.body)
      .slice(-2)
  ).toEqual(['Tracked as SHOP-61.', 'again'])
  const bad = await gql(
    'mutation { addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: "nope", body: "x" }) { comment { id } } }'
  )
  expect(bad.errors[0].type).toBe('NOT_FOUND')
})

test("the action's review-threads query: every field it asks for exists, diffSide included", async () => {
  const { REVIEW_THREADS_QUERY } = await import('../../src/github/pr-facts.js')
  const body = await gql(REVIEW_THREADS_QUERY, {
    owner: 'acme',
    repo: 'shop',
    number: 42,
    cursor: null
  })
  expect(body.errors).toBeUndefined()
  const nodes = body.data.repository.pullRequest.reviewThreads.nodes
  expect(nodes.length).toBeGreaterThan(0)
  for (const t of nodes) expect(['LEFT', 'RIGHT']).toContain(t.diffSide)
})
