import {
  api,
  bodies,
  clone,
  makeGitHub,
  openapi,
  REPO_PATH,
  servePages,
  webhookPullRequest
} from './helpers.js'
import type nock from 'nock'

const PR = `${REPO_PATH}/pulls/2`

const fileExample = openapi['diff-entry-items'][0]
const commitExample = openapi['commit-items'][0]
const reviewExample = openapi['pull-request-review-items'][0]

function files(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...clone(fileExample),
    filename: `src/file-${i}.ts`
  }))
}

function commits(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const c = clone(commitExample)
    c.sha = `${i}`.padStart(40, 'a')
    c.commit.message = `feat: change ${i}`
    return c
  })
}

interface ThreadSpec {
  id: string
  resolved?: boolean
  line?: number | null
  /** The side of the diff it is on (RIGHT unless said). */
  side?: 'LEFT' | 'RIGHT'
  author?: string | null
  /** How many comments the thread has (1 unless said). */
  comments?: number
}

/** The n-th comment of a thread (from 1): the first asks, the others answer. */
function threadComment(t: ThreadSpec, n: number) {
  return {
    id: `${t.id}-c${n}`,
    author: t.author === null ? null : { login: n === 1 ? (t.author ?? 'octocat') : 'monalisa' },
    body: n === 1 ? 'Could this be simpler?' : `Reply ${n}`,
    url: `https://github.com/Codertocat/Hello-World/pull/2#discussion_r${t.id}${n}`,
    createdAt: '2019-05-15T15:20:33Z'
  }
}

/**
 * A page of `repository.pullRequest.reviewThreads` as GitHub's GraphQL API answers the action's
 * query: each thread's first comment with the count, and its latest 50.
 */
function threadsPage(threads: ThreadSpec[], endCursor: string | null) {
  return {
    data: {
      repository: {
        pullRequest: {
          reviewThreads: {
            pageInfo: { hasNextPage: endCursor !== null, endCursor },
            nodes: threads.map((t) => {
              const all = Array.from({ length: t.comments ?? 1 }, (_, i) => threadComment(t, i + 1))
              return {
                id: t.id,
                isResolved: t.resolved ?? false,
                isOutdated: false,
                path: 'README.md',
                line: t.line === undefined ? 3 : t.line,
                diffSide: t.side ?? 'RIGHT',
                opening: { totalCount: all.length, nodes: all.slice(0, 1) },
                latest: { nodes: all.slice(-50) }
              }
            })
          }
        }
      }
    }
  }
}

interface GraphqlBody {
  query: string
  variables: Record<string, unknown>
}

/** Answers the GraphQL calls in order, recording what was asked. */
function serveThreads(scope: nock.Scope, pages: ReturnType<typeof threadsPage>[]) {
  const { sent, match } = bodies<GraphqlBody>()
  for (const page of pages) scope.post('/graphql', match).reply(200, page)
  return sent
}

/** The PR, with no files, commits or reviews: a test of its review threads. */
function serveEmptyLists(scope: nock.Scope) {
  scope.get(PR).reply(200, webhookPullRequest())
  servePages(scope, `${PR}/files`, [])
  servePages(scope, `${PR}/commits`, [])
  servePages(scope, `${PR}/reviews`, [])
}

function serveSmallPr(
  scope: nock.Scope,
  pr: Record<string, unknown> = webhookPullRequest(),
  lists: { files?: unknown[]; commits?: unknown[]; reviews?: unknown[] } = {}
) {
  scope.get(PR).reply(200, pr)
  servePages(scope, `${PR}/files`, lists.files ?? files(1))
  servePages(scope, `${PR}/commits`, lists.commits ?? commits(1))
  servePages(scope, `${PR}/reviews`, lists.reviews ?? [])
  return serveThreads(scope, [threadsPage([], null)])
}

describe('loadPrFacts', () => {
  it('maps the PR, its files, commits, reviews and threads', async () => {
    const scope = api()
    const withoutPatch = { ...clone(fileExample), filename: 'logo.png', status: 'modified' }
    delete withoutPatch.patch
    const renamed = {
      ...clone(fileExample),
      filename: 'docs/new.md',
      previous_filename: 'docs/old.md',
      status: 'renamed'
    }
    serveSmallPr(scope, webhookPullRequest(), {
      files: [clone(fileExample), withoutPatch, renamed],
      commits: commits(1),
      reviews: [clone(reviewExample), { ...clone(reviewExample), id: 81, user: null }]
    })
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(facts.pr).toEqual({
      number: 2,
      title: 'Update the README with new information.',
      body: 'This is a pretty simple change that we need to pull into master.',
      htmlUrl: 'https://github.com/Codertocat/Hello-World/pull/2',
      state: 'open',
      draft: false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      author: { login: 'Codertocat', type: 'User', htmlUrl: 'https://github.com/Codertocat' },
      authorAssociation: 'OWNER',
      headRef: 'changes',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      baseRef: 'master',
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      createdAt: '2019-05-15T15:20:33Z',
      requestedReviewers: []
    })
    expect(facts.files).toEqual([
      {
        path: 'file1.txt',
        status: 'added',
        additions: 103,
        deletions: 21,
        patch: '@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test'
      },
      { path: 'logo.png', status: 'modified', additions: 103, deletions: 21 },
      {
        path: 'docs/new.md',
        previousPath: 'docs/old.md',
        status: 'renamed',
        additions: 103,
        deletions: 21,
        patch: '@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test'
      }
    ])
    expect(facts.files[1]).not.toHaveProperty('patch')
    expect(facts.commits).toEqual([
      {
        sha: 'a'.repeat(39) + '0',
        message: 'feat: change 0',
        authorLogin: 'octocat',
        authorEmail: 'support@github.com',
        authorName: 'Monalisa Octocat'
      }
    ])
    expect(facts.reviews).toEqual([
      {
        id: 80,
        user: 'octocat',
        userUrl: 'https://github.com/octocat',
        state: 'APPROVED',
        submittedAt: '2019-11-17T17:43:43Z'
      },
      { id: 81, user: 'ghost', state: 'APPROVED', submittedAt: '2019-11-17T17:43:43Z' }
    ])
    expect(facts.filesTruncated).toBe(false)
    expect(facts.commitsTruncated).toBe(false)
    expect(facts.threads).toEqual([])
    expect(scope.isDone()).toBe(true)
  })

  it('maps a merged PR (derived from the closed example, which GitHub ships unmerged)', async () => {
    const pr = webhookPullRequest('closed')
    Object.assign(pr, {
      merged: true,
      merged_at: '2019-05-15T15:20:40Z',
      merge_commit_sha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
      merged_by: {
        ...(pr.user as object),
        login: 'github-actions[bot]',
        type: 'Bot',
        html_url: 'https://github.com/apps/github-actions'
      }
    })
    const scope = api()
    const bot = {
      login: 'renovate[bot]',
      type: 'Bot',
      html_url: 'https://github.com/apps/renovate'
    }
    serveSmallPr(scope, pr, { reviews: [{ ...clone(reviewExample), user: bot }] })
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(facts.pr).toMatchObject({
      state: 'closed',
      merged: true,
      mergedAt: '2019-05-15T15:20:40Z',
      // The page GitHub gives: an app's bot has none of its own (not /github-actions[bot]).
      mergedBy: {
        login: 'github-actions[bot]',
        type: 'Bot',
        htmlUrl: 'https://github.com/apps/github-actions'
      },
      mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85'
    })
    expect(facts.reviews[0]).toMatchObject({
      user: 'renovate[bot]',
      userUrl: 'https://github.com/apps/renovate'
    })
    expect(scope.isDone()).toBe(true)
  })

  it('follows the Link headers of files and commits, 100 a page', async () => {
    const scope = api()
    const pr = { ...webhookPullRequest(), changed_files: 250, commits: 120 }
    serveSmallPr(scope, pr, { files: files(250), commits: commits(120) })
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(facts.files).toHaveLength(250)
    expect(facts.files.at(-1)?.path).toBe('src/file-249.ts')
    expect(facts.commits).toHaveLength(120)
    expect(facts.commits.at(-1)?.message).toBe('feat: change 119')
    expect(facts.filesTruncated).toBe(false)
    expect(facts.commitsTruncated).toBe(false)
    // Pages 2 and 3 of files, page 2 of commits: each interceptor matches its exact query.
    expect(scope.isDone()).toBe(true)
  })

  it("flags lists that stopped at GitHub's limits (3,000 files, 250 commits)", async () => {
    const scope = api()
    const pr = {
      ...webhookPullRequest(),
      changed_files: 3456,
      additions: 41_234,
      deletions: 5_678,
      commits: 300
    }
    serveSmallPr(scope, pr, { files: files(3000), commits: commits(250) })
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(facts.files).toHaveLength(3000)
    expect(facts.filesTruncated).toBe(true)
    // The whole PR as GitHub counts it, for the totals a merge summary shows.
    expect(facts.totals).toEqual({ files: 3456, additions: 41_234, deletions: 5_678 })
    expect(facts.commits).toHaveLength(250)
    expect(facts.commitsTruncated).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  it('does not flag a PR with exactly 250 commits', async () => {
    const scope = api()
    serveSmallPr(scope, { ...webhookPullRequest(), commits: 250 }, { commits: commits(250) })
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(facts.commitsTruncated).toBe(false)
    expect(scope.isDone()).toBe(true)
  })

  it('pages through review threads by cursor', async () => {
    const scope = api()
    serveEmptyLists(scope)
    const asked = serveThreads(scope, [
      threadsPage([{ id: 'T1' }, { id: 'T2', resolved: true }], 'Y3Vyc29yOjI='),
      threadsPage([{ id: 'T3', line: null, author: null }], null)
    ])
    // The throttling plugin spaces GraphQL calls a second apart; this test is about the cursor.
    const github = await makeGitHub({ throttle: { enabled: false } })

    const facts = await github.loadPrFacts(2)

    expect(asked.map((b) => b.variables)).toEqual([
      { owner: 'Codertocat', repo: 'Hello-World', number: 2, cursor: null },
      { owner: 'Codertocat', repo: 'Hello-World', number: 2, cursor: 'Y3Vyc29yOjI=' }
    ])
    expect(asked[0]?.query).toContain('reviewThreads(first: 100, after: $cursor)')
    expect(facts.threads.map((t) => [t.id, t.isResolved, t.line])).toEqual([
      ['T1', false, 3],
      ['T2', true, 3],
      ['T3', false, null]
    ])
    expect(facts.threads[2]?.comments).toEqual([
      {
        id: 'T3-c1',
        author: 'ghost',
        body: 'Could this be simpler?',
        url: 'https://github.com/Codertocat/Hello-World/pull/2#discussion_rT31',
        createdAt: '2019-05-15T15:20:33Z'
      }
    ])
    expect(facts.threads[2]?.commentCount).toBe(1)
    expect(scope.isDone()).toBe(true)
  })

  it('reads the side of the diff each thread is on: LEFT is a line the PR removes', async () => {
    const scope = api()
    serveEmptyLists(scope)
    const asked = serveThreads(scope, [
      threadsPage([{ id: 'T1', side: 'LEFT', line: 38 }, { id: 'T2' }], null)
    ])
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(asked[0]?.query).toMatch(/\bdiffSide\b/)
    expect(facts.threads.map((t) => [t.id, t.line, t.diffSide])).toEqual([
      ['T1', 38, 'LEFT'],
      ['T2', 3, 'RIGHT']
    ])
    expect(scope.isDone()).toBe(true)
  })

  it("reads a long thread's opening comment and its latest 50 in the one query", async () => {
    const scope = api()
    serveEmptyLists(scope)
    const asked = serveThreads(scope, [
      threadsPage(
        [
          { id: 'T1', comments: 60 },
          { id: 'T2', comments: 2 }
        ],
        null
      )
    ])
    const github = await makeGitHub()

    const facts = await github.loadPrFacts(2)

    expect(asked).toHaveLength(1)
    const query = asked[0]!.query.replace(/\s+/g, ' ')
    expect(query).toContain('opening: comments(first: 1) { totalCount nodes { ...ThreadComment } }')
    expect(query).toContain('latest: comments(last: 50) { nodes { ...ThreadComment } }')
    const [long, short] = facts.threads
    expect(long?.commentCount).toBe(60)
    expect(long?.comments.map((c) => c.id)).toEqual([
      'T1-c1',
      ...Array.from({ length: 50 }, (_, i) => `T1-c${i + 11}`)
    ])
    // Two comments: the opening one is among the latest too, and is read once.
    expect(short?.comments.map((c) => c.body)).toEqual(['Could this be simpler?', 'Reply 2'])
    expect(short?.commentCount).toBe(2)
    expect(scope.isDone()).toBe(true)
  })

  it('sends the five first requests together', async () => {
    // Each reply waits until all five requests have arrived: run one after another, they
    // would never all arrive, and the barrier gives up after two seconds.
    let arrived = 0
    let release: (together: boolean) => void = () => undefined
    const allArrived = new Promise<boolean>((resolve) => (release = resolve))
    const timer = setTimeout(() => release(false), 2000)
    const wait = async <T>(body: T): Promise<[number, T]> => {
      arrived += 1
      if (arrived === 5) release(true)
      await allArrived
      return [200, body]
    }
    const scope = api()
    scope.get(PR).reply(() => wait(webhookPullRequest()))
    for (const list of ['files', 'commits', 'reviews']) {
      scope
        .get(`${PR}/${list}`)
        .query({ per_page: '100' })
        .reply(() => wait([]))
    }
    scope.post('/graphql').reply(() => wait(threadsPage([], null)))
    const github = await makeGitHub()

    await github.loadPrFacts(2)
    clearTimeout(timer)

    expect(await allArrived).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  it('names the missing permission when GitHub refuses to show the PR', async () => {
    const scope = api()
    scope.get(PR).reply(403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
      status: '403'
    })
    servePages(scope, `${PR}/files`, [])
    servePages(scope, `${PR}/commits`, [])
    servePages(scope, `${PR}/reviews`, [])
    serveThreads(scope, [threadsPage([], null)])
    const github = await makeGitHub()

    await expect(github.loadPrFacts(2)).rejects.toMatchObject({
      name: 'UserError',
      message:
        'GitHub refused: GET /repos/Codertocat/Hello-World/pulls/2 answered 403 (Resource not ' +
        'accessible by integration); the token needs `pull-requests: read` permission: add it ' +
        'under `permissions:` in the workflow, or pass a `github-token` that has it.'
    })
  })

  it('names the permission when GraphQL answers FORBIDDEN', async () => {
    const scope = api()
    serveEmptyLists(scope)
    scope.post('/graphql').reply(200, {
      data: { repository: null },
      errors: [
        {
          type: 'FORBIDDEN',
          path: ['repository'],
          message: 'Resource not accessible by integration'
        }
      ]
    })
    const github = await makeGitHub()

    await expect(github.loadPrFacts(2)).rejects.toThrow(
      'GitHub GraphQL refused: Resource not accessible by integration; the token needs ' +
        '`pull-requests: read` permission'
    )
  })
})
