import sodium from 'libsodium-wrappers'
import { ACME } from '../../sandbox/scenarios/acme.js'
import { call, GH_AUTH, useSandbox } from './client.js'

const { sandbox, gh } = useSandbox()
const pr = () => sandbox().state.github.repos[0]!.pulls.find((p) => p.number === 42)!

test('the PR and its files, with patches and Link-header paging', async () => {
  const p = await gh('/repos/acme/shop/pulls/42')
  expect(p.body).toMatchObject({
    number: 42,
    state: 'open',
    merged: false,
    user: { login: 'benok' },
    head: { ref: 'feature/SHOP-12-cart-rounding' },
    base: { ref: 'main' },
    html_url: 'https://github.com/acme/shop/pull/42'
  })

  const page1 = await gh('/repos/acme/shop/pulls/42/files?per_page=4')
  expect(page1.body).toHaveLength(4)
  const link = page1.headers.get('link')!
  expect(link).toContain('rel="next"')
  expect(link).toContain('rel="last"')
  const next = /<([^>]+)>; rel="next"/.exec(link)![1]!
  const page2 = await call(next, { auth: GH_AUTH })
  expect(page2.body.map((f: { filename: string }) => f.filename)).toEqual([
    'test/cart/total.test.ts',
    'docs/img/rounding.png'
  ])
  expect(page2.body[1].patch).toBeUndefined()
  expect(page2.headers.get('link')).toContain('rel="prev"')
  expect(page1.body[0]).toMatchObject({
    filename: 'src/cart/total.ts',
    additions: 7,
    deletions: 2,
    patch: expect.stringContaining('TODO')
  })

  const commits = await gh('/repos/acme/shop/pulls/42/commits')
  expect(
    commits.body.map((c: { commit: { message: string } }) => c.commit.message.split('\n')[0])
  ).toHaveLength(3)
  expect(commits.body[2].author).toBeNull()
  const reviews = await gh('/repos/acme/shop/pulls/42/reviews')
  expect(reviews.body.map((r: { state: string }) => r.state)).toEqual(['APPROVED', 'COMMENTED'])
})

describe('requested reviewers', () => {
  const path = '/repos/acme/shop/pulls/42/requested_reviewers'

  test('a non-collaborator fails the whole request with 422', async () => {
    const r = await gh(path, { method: 'POST', body: { reviewers: ['chenwei', 'fay-n'] } })
    expect(r.status).toBe(422)
    expect(r.body.message).toMatch(/^Reviews may only be requested from collaborators/)
    expect(pr().requestedReviewers).toEqual([])
  })

  test('the author cannot be requested', async () => {
    const r = await gh(path, { method: 'POST', body: { reviewers: ['benok'] } })
    expect(r).toMatchObject({
      status: 422,
      body: { message: 'Review cannot be requested from pull request author.' }
    })
  })

  test('an unknown login is 422 too; an empty body is refused', async () => {
    expect((await gh(path, { method: 'POST', body: { reviewers: ['ghost-user'] } })).status).toBe(
      422
    )
    expect((await gh(path, { method: 'POST', body: {} })).status).toBe(422)
  })

  test('collaborators are requested, listed and removed', async () => {
    const r = await gh(path, { method: 'POST', body: { reviewers: ['dana-k', 'chenwei'] } })
    expect(r.status).toBe(201)
    expect(r.body.requested_reviewers.map((u: { login: string }) => u.login)).toEqual([
      'dana-k',
      'chenwei'
    ])
    expect((await gh(path)).body).toMatchObject({
      users: [{ login: 'dana-k' }, { login: 'chenwei' }],
      teams: []
    })
    expect((await gh(path, { method: 'DELETE', body: { reviewers: ['dana-k'] } })).status).toBe(200)
    expect(pr().requestedReviewers).toEqual(['chenwei'])
  })
})

test('issue comments: create, page, edit; 65,536 characters at most', async () => {
  for (let i = 0; i < 3; i++)
    expect(
      (await gh('/repos/acme/shop/issues/42/comments', { method: 'POST', body: { body: `c${i}` } }))
        .status
    ).toBe(201)
  const page = await gh('/repos/acme/shop/issues/42/comments?per_page=2&page=2')
  expect(page.body.map((c: { body: string }) => c.body)).toEqual(['c2'])
  expect(page.body[0].user.login).toBe('github-actions[bot]')
  const id = page.body[0].id
  expect(
    (
      await gh(`/repos/acme/shop/issues/comments/${id}`, {
        method: 'PATCH',
        body: { body: 'edited' }
      })
    ).body.body
  ).toBe('edited')
  expect(
    (await gh('/repos/acme/shop/issues/comments/1', { method: 'PATCH', body: { body: 'x' } }))
      .status
  ).toBe(404)
  expect(
    (
      await gh('/repos/acme/shop/issues/42/comments', {
        method: 'POST',
        body: { body: 'x'.repeat(65_537) }
      })
    ).status
  ).toBe(422)
  expect(
    (await gh('/repos/acme/shop/issues/999/comments', { method: 'POST', body: { body: 'x' } }))
      .status
  ).toBe(404)
})

test('PATCH title', async () => {
  expect(
    (
      await gh('/repos/acme/shop/pulls/42', {
        method: 'PATCH',
        body: { title: 'SHOP-12 Fix cart total rounding' }
      })
    ).status
  ).toBe(200)
  expect(pr().title).toBe('SHOP-12 Fix cart total rounding')
})

test('contents at a ref: base64 JSON, 404 JSON when missing', async () => {
  const r = await gh('/repos/acme/shop/contents/.github/gitar-jira.yml?ref=main')
  expect(r.body).toMatchObject({ type: 'file', encoding: 'base64', path: '.github/gitar-jira.yml' })
  expect(Buffer.from(r.body.content, 'base64').toString('utf8')).toContain('projects: [SHOP, OPS]')
  const head = await gh(`/repos/acme/shop/contents/.github/gitar-jira.yml?ref=${pr().head.ref}`)
  expect(head).toMatchObject({
    status: 404,
    body: { message: 'No commit found for the ref feature/SHOP-12-cart-rounding' }
  })
  expect((await gh('/repos/acme/shop/contents/missing.yml')).body).toMatchObject({
    message: 'Not Found',
    status: '404'
  })
})

test('collaborator permissions, users and commits by author', async () => {
  const perm = async (login: string) =>
    (await gh(`/repos/acme/shop/collaborators/${login}/permission`)).body.permission
  expect(await perm('eliromero')).toBe('write')
  expect(await perm('gus-ops')).toBe('read')
  expect(await perm('fay-n')).toBe('none')
  expect((await gh('/repos/acme/shop/collaborators/ghost/permission')).status).toBe(404)
  expect((await gh('/users/ana-lima')).body).toMatchObject({
    login: 'ana-lima',
    email: 'ana@acme.test'
  })
  expect((await gh('/users/benok')).body.email).toBeNull()
  const byEmail = await gh('/repos/acme/shop/commits?author=fay%40acme.test')
  expect(byEmail.body.map((c: { author: { login: string } }) => c.author.login)).toEqual(['fay-n'])
})

test("GET /user: a personal token's account; GITHUB_TOKEN, a bot, is refused", async () => {
  expect(await gh('/user', { auth: `token ${ACME.secretsToken}` })).toMatchObject({
    status: 200,
    body: { login: 'ana-lima', type: 'User', email: 'ana@acme.test' }
  })
  expect(await gh('/user')).toMatchObject({
    status: 403,
    body: { message: 'Resource not accessible by integration' }
  })
})

test('secrets: GITHUB_TOKEN may not; a secrets token writes a sealed value the sandbox can open', async () => {
  expect((await gh('/repos/acme/shop/actions/secrets/public-key')).status).toBe(403)
  const auth = `token ${ACME.secretsToken}`
  const key = await gh('/repos/acme/shop/actions/secrets/public-key', { auth })
  await sodium.ready
  const sealed = sodium.to_base64(
    sodium.crypto_box_seal(
      sodium.from_string('rotated-refresh-token'),
      sodium.from_base64(key.body.key, sodium.base64_variants.ORIGINAL)
    ),
    sodium.base64_variants.ORIGINAL
  )
  const put = (name: string, body: Record<string, string>) =>
    gh(`/repos/acme/shop/actions/secrets/${name}`, { auth, method: 'PUT', body })
  expect(
    (await put('JIRA_OAUTH_REFRESH_TOKEN', { encrypted_value: sealed, key_id: key.body.key_id }))
      .status
  ).toBe(201)
  expect(
    (await put('JIRA_OAUTH_REFRESH_TOKEN', { encrypted_value: sealed, key_id: key.body.key_id }))
      .status
  ).toBe(204)
  expect(
    (
      await put('JIRA_OAUTH_REFRESH_TOKEN', {
        encrypted_value: 'not base64!',
        key_id: key.body.key_id
      })
    ).status
  ).toBe(422)
  expect(
    (await put('JIRA_OAUTH_REFRESH_TOKEN', { encrypted_value: sealed, key_id: 'other' })).status
  ).toBe(422)
  expect((await put('GITHUB_X', { encrypted_value: sealed, key_id: key.body.key_id })).status).toBe(
    422
  )
  expect(await sandbox().openSecret('acme/shop', 'JIRA_OAUTH_REFRESH_TOKEN')).toBe(
    'rotated-refresh-token'
  )
})

test('a pull_request event payload from the live state, before and after the merge', () => {
  const opened = sandbox().pullRequestEvent('acme/shop', 42, 'opened')
  expect(opened).toMatchObject({
    action: 'opened',
    number: 42,
    pull_request: { merged: false, head: { ref: 'feature/SHOP-12-cart-rounding' } },
    repository: { full_name: 'acme/shop' },
    sender: { login: 'benok' }
  })
  sandbox().mergePullRequest('acme/shop', 42, 'ana-lima')
  const closed = sandbox().pullRequestEvent('acme/shop', 42, 'closed', 'ana-lima')
  expect(closed.pull_request).toMatchObject({
    state: 'closed',
    merged: true,
    merged_by: { login: 'ana-lima' },
    merge_commit_sha: expect.stringMatching(/^[0-9a-f]{40}$/)
  })
})
