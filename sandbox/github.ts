/** The simulated GitHub REST API (api.github.com shapes); GraphQL lives in graphql.ts. */
import type { OpenApi, Problem } from './openapi.js'
import type { Ctx, Reply } from './server.js'
import type {
  GhCommitRec,
  GhTokenRec,
  GhUserRec,
  IssueCommentRec,
  PullRec,
  RepoRec,
  SandboxState
} from './state.js'

export const WEB = 'https://github.com'
const DOCS = 'https://docs.github.com/rest'

export const ghError = (
  status: number,
  message: string,
  extra: Record<string, unknown> = {}
): Reply => ({
  status,
  body: { message, ...extra, documentation_url: DOCS, status: String(status) }
})
const NOT_FOUND = () => ghError(404, 'Not Found')
const NOT_COLLABORATOR = (repo: RepoRec) =>
  ghError(
    422,
    `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`
  )

/** GitHub's wording for a body that does not match the operation's schema. */
function invalidRequest(problems: Problem[]): Reply {
  const lines = problems.map((p) => {
    const field = p.at.replace(/^(body|query)\.?/, '')
    if (p.kind === 'missing') return `"${field}" wasn't supplied.`
    if (p.kind === 'unknown' && p.at.startsWith('query'))
      return `Unknown query parameter "${field}".`
    return `For 'properties/${field}', ${p.message}`
  })
  return ghError(422, `Invalid request.\n\n${lines.join('\n')}`)
}

export interface GitHubDeps {
  state: SandboxState
  now: () => number
  spec: OpenApi
  url: () => string
}

interface Call {
  ctx: Ctx
  token: GhTokenRec
  repo: RepoRec
  params: Record<string, string>
  body: Record<string, unknown>
}

export function createGitHub({ state, now, spec, url }: GitHubDeps) {
  const gh = state.github
  const iso = () => new Date(now()).toISOString()
  const api = () => url()

  const authenticate = (ctx: Ctx): GhTokenRec | Reply => {
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(ctx.headers.authorization ?? '')
    if (!m) return ghError(401, 'Requires authentication')
    return gh.tokens.find((t) => t.token === m[1]) ?? ghError(401, 'Bad credentials')
  }

  const findUser = (login: string): GhUserRec | undefined =>
    gh.users.find((u) => u.login.toLowerCase() === login.toLowerCase())

  const userJson = (login: string | null) => {
    if (!login) return null
    const u = findUser(login) ?? { login, id: 0, type: 'User' as const, name: null, email: null }
    return {
      login: u.login,
      id: u.id,
      node_id: `U_${u.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      url: `${api()}/users/${u.login}`,
      // An app's bot has no profile page: GitHub points at the app's.
      html_url: u.login.endsWith('[bot]')
        ? `${WEB}/apps/${u.login.slice(0, -'[bot]'.length)}`
        : `${WEB}/${u.login}`,
      type: u.type,
      site_admin: false
    }
  }

  /** An account's public profile, as `GET /users/{login}` and `GET /user` answer it. */
  const profileJson = (u: GhUserRec) => ({
    ...userJson(u.login),
    name: u.name,
    email: u.email,
    company: null,
    blog: '',
    location: null,
    bio: null,
    public_repos: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z'
  })

  const repoJson = (r: RepoRec) => ({
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    private: r.private,
    owner: userJson(r.owner),
    html_url: `${WEB}/${r.owner}/${r.name}`,
    url: `${api()}/repos/${r.owner}/${r.name}`,
    default_branch: r.defaultBranch,
    visibility: r.private ? 'private' : 'public'
  })

  const findRepo = (owner = '', name = ''): RepoRec | undefined =>
    gh.repos.find(
      (r) =>
        r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase()
    )

  /** A PR as the list shows it (GitHub's "pull-request-simple"): no merge state or counts. */
  const prSimpleJson = (r: RepoRec, p: PullRec) => {
    const base = `${api()}/repos/${r.owner}/${r.name}`
    const headRepo = findRepo(...(p.head.repo.split('/') as [string, string])) ?? r
    return {
      url: `${base}/pulls/${p.number}`,
      id: p.id,
      node_id: `PR_${p.id}`,
      html_url: `${WEB}/${r.owner}/${r.name}/pull/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userJson(p.author),
      body: p.body,
      labels: p.labels.map((name, n) => ({ id: n + 1, name, color: 'ededed', default: false })),
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.closedAt,
      merged_at: p.mergedAt,
      merge_commit_sha: p.mergeCommitSha,
      draft: p.draft,
      head: {
        label: `${headRepo.owner}:${p.head.ref}`,
        ref: p.head.ref,
        sha: p.head.sha,
        user: userJson(headRepo.owner),
        repo: repoJson(headRepo)
      },
      base: {
        label: `${r.owner}:${p.base.ref}`,
        ref: p.base.ref,
        sha: p.base.sha,
        user: userJson(r.owner),
        repo: repoJson(r)
      },
      requested_reviewers: p.requestedReviewers.map(userJson),
      requested_teams: [],
      author_association: r.collaborators[p.author] ? 'COLLABORATOR' : 'CONTRIBUTOR'
    }
  }

  /** A PR as `GET …/pulls/{n}` shows it. */
  const prJson = (r: RepoRec, p: PullRec) => ({
    ...prSimpleJson(r, p),
    merged: p.merged,
    mergeable: p.state === 'open' ? true : null,
    merged_by: userJson(p.mergedBy),
    comments: r.issueComments.filter((c) => c.issueNumber === p.number).length,
    review_comments: p.threads.reduce((n, t) => n + t.comments.length, 0),
    commits: p.commits.length,
    additions: p.files.reduce((n, f) => n + f.additions, 0),
    deletions: p.files.reduce((n, f) => n + f.deletions, 0),
    changed_files: p.files.length
  })

  const commitJson = (r: RepoRec, c: GhCommitRec) => ({
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${api()}/repos/${r.owner}/${r.name}/commits/${c.sha}`,
    html_url: `${WEB}/${r.owner}/${r.name}/commit/${c.sha}`,
    commit: {
      author: { name: c.author.name, email: c.author.email, date: c.author.date },
      committer: { name: c.author.name, email: c.author.email, date: c.author.date },
      message: c.message,
      comment_count: 0
    },
    author: userJson(c.author.login),
    committer: userJson(c.author.login),
    parents: c.parents.map((sha) => ({ sha }))
  })

  const commentJson = (r: RepoRec, c: IssueCommentRec) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${api()}/repos/${r.owner}/${r.name}/issues/comments/${c.id}`,
    html_url: `${WEB}/${r.owner}/${r.name}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api()}/repos/${r.owner}/${r.name}/issues/${c.issueNumber}`,
    body: c.body,
    user: userJson(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: r.collaborators[c.user] ? 'COLLABORATOR' : 'NONE'
  })

  /** A page of `items` with GitHub's Link header (per_page ≤ 100, default 30; `cap` = list limit). */
  const paginate = <T>(ctx: Ctx, items: T[], cap = Infinity): Reply & { body: T[] } => {
    const perPage = Math.min(Math.max(Number(ctx.query.get('per_page') ?? 30), 1), 100)
    const page = Math.max(Number(ctx.query.get('page') ?? 1), 1)
    const all = items.slice(0, cap)
    const last = Math.max(Math.ceil(all.length / perPage), 1)
    const link = (n: number) => {
      const q = new URLSearchParams(ctx.query)
      q.set('per_page', String(perPage))
      q.set('page', String(n))
      return `<${api()}${ctx.path}?${q.toString()}>`
    }
    const rels: string[] = []
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) rels.push(`${link(1)}; rel="first"`)
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage),
      headers: rels.length ? { link: rels.join(', ') } : {}
    }
  }

  const pull = (call: Call): PullRec | undefined =>
    call.repo.pulls.find((p) => p.number === Number(call.params.pull_number))
  const withPull = (fn: (call: Call, p: PullRec) => Reply) => (call: Call) => {
    const p = pull(call)
    return p ? fn(call, p) : NOT_FOUND()
  }

  const fileText = (r: RepoRec, ref: string): Record<string, string> | undefined =>
    r.files[ref] ?? r.files[r.branches[ref] ?? '']
  const permissionOf = (r: RepoRec, login: string) =>
    r.collaborators[
      Object.keys(r.collaborators).find((k) => k.toLowerCase() === login.toLowerCase()) ?? ''
    ]

  const operations: Record<string, (call: Call) => Reply> = {
    'repos/get': (call) => ({ status: 200, body: repoJson(call.repo) }),

    'pulls/get': withPull((call, p) => ({ status: 200, body: prJson(call.repo, p) })),

    'pulls/list': (call) => {
      const q = call.ctx.query
      const state = q.get('state') ?? 'open'
      const sort = q.get('sort') ?? 'created'
      const desc = (q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'desc'
      const at = (p: PullRec) => Date.parse(sort === 'updated' ? p.updatedAt : p.createdAt)
      const pulls = call.repo.pulls
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !q.get('base') || p.base.ref === q.get('base'))
        .sort((a, b) => (desc ? at(b) - at(a) : at(a) - at(b)) || b.number - a.number)
      const page = paginate(call.ctx, pulls)
      return { ...page, body: page.body.map((p) => prSimpleJson(call.repo, p)) }
    },

    'pulls/update': withPull((call, p) => {
      const b = call.body as { title?: string; body?: string; state?: 'open' | 'closed' }
      if (b.title !== undefined && b.title.trim() === '') {
        return ghError(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]
        })
      }
      if (b.title !== undefined) p.title = b.title
      if (b.body !== undefined) p.body = b.body
      if (b.state !== undefined && !p.merged) {
        p.state = b.state
        p.closedAt = b.state === 'closed' ? iso() : null
      }
      p.updatedAt = iso()
      return { status: 200, body: prJson(call.repo, p) }
    }),

    'pulls/list-files': withPull((call, p) => {
      const r = call.repo
      const files = p.files.map((f) => ({
        sha: f.sha,
        filename: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        changes: f.additions + f.deletions,
        blob_url: `${WEB}/${r.owner}/${r.name}/blob/${p.head.sha}/${f.filename}`,
        raw_url: `${WEB}/${r.owner}/${r.name}/raw/${p.head.sha}/${f.filename}`,
        contents_url: `${api()}/repos/${r.owner}/${r.name}/contents/${f.filename}?ref=${p.head.sha}`,
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
        ...(f.previousFilename ? { previous_filename: f.previousFilename } : {})
      }))
      return paginate(call.ctx, files, 3000)
    }),

    'pulls/list-commits': withPull((call, p) =>
      paginate(
        call.ctx,
        p.commits.map((sha) =>
          commitJson(
            call.repo,
            call.repo.commits.find((c) => c.sha === sha)!
          )
        ),
        250
      )
    ),

    'pulls/list-reviews': withPull((call, p) =>
      paginate(
        call.ctx,
        p.reviews.map((rv) => ({
          id: rv.id,
          node_id: `PRR_${rv.id}`,
          user: userJson(rv.user),
          body: rv.body,
          state: rv.state,
          html_url: `${WEB}/${call.repo.owner}/${call.repo.name}/pull/${p.number}#pullrequestreview-${rv.id}`,
          pull_request_url: `${api()}/repos/${call.repo.owner}/${call.repo.name}/pulls/${p.number}`,
          submitted_at: rv.submittedAt,
          commit_id: rv.commitId,
          author_association: call.repo.collaborators[rv.user] ? 'COLLABORATOR' : 'NONE'
        }))
      )
    ),

    'pulls/list-requested-reviewers': withPull((_call, p) => ({
      status: 200,
      body: { users: p.requestedReviewers.map(userJson), teams: [] }
    })),

    'pulls/request-reviewers': withPull((call, p) => {
      const b = call.body as { reviewers?: string[]; team_reviewers?: string[] }
      if (b.reviewers === undefined && b.team_reviewers === undefined) {
        return ghError(
          422,
          'Invalid request.\n\nNo subschema in "anyOf" matched.\n"reviewers" wasn\'t supplied.\n"team_reviewers" wasn\'t supplied.'
        )
      }
      const reviewers = b.reviewers ?? []
      // As on GitHub, one bad login fails the whole request.
      if (reviewers.some((l) => l.toLowerCase() === p.author.toLowerCase()))
        return ghError(422, 'Review cannot be requested from pull request author.')
      if (
        (b.team_reviewers ?? []).length ||
        reviewers.some((l) => !findUser(l) || !permissionOf(call.repo, l))
      )
        return NOT_COLLABORATOR(call.repo)
      for (const l of reviewers) {
        const login = findUser(l)!.login
        if (!p.requestedReviewers.includes(login)) p.requestedReviewers.push(login)
      }
      return { status: 201, body: prJson(call.repo, p) }
    }),

    'pulls/remove-requested-reviewers': withPull((call, p) => {
      const remove = new Set(((call.body.reviewers as string[]) ?? []).map((l) => l.toLowerCase()))
      p.requestedReviewers = p.requestedReviewers.filter((l) => !remove.has(l.toLowerCase()))
      return { status: 200, body: prJson(call.repo, p) }
    }),

    'issues/list-comments': (call) => {
      const n = Number(call.params.issue_number)
      if (!call.repo.pulls.some((p) => p.number === n)) return NOT_FOUND()
      const since = call.ctx.query.get('since')
      const comments = call.repo.issueComments.filter(
        (c) => c.issueNumber === n && (!since || c.updatedAt >= since)
      )
      return paginate(
        call.ctx,
        comments.map((c) => commentJson(call.repo, c))
      )
    },

    'issues/create-comment': (call) => {
      const n = Number(call.params.issue_number)
      if (!call.repo.pulls.some((p) => p.number === n)) return NOT_FOUND()
      const text = call.body.body as string
      const tooLong = commentTooLong(text)
      if (tooLong) return tooLong
      const c: IssueCommentRec = {
        id: gh.nextId++,
        issueNumber: n,
        user: call.token.login,
        body: text,
        createdAt: iso(),
        updatedAt: iso()
      }
      call.repo.issueComments.push(c)
      return { status: 201, body: commentJson(call.repo, c) }
    },

    'issues/update-comment': (call) => {
      const c = call.repo.issueComments.find((x) => x.id === Number(call.params.comment_id))
      if (!c) return NOT_FOUND()
      const text = call.body.body as string
      const tooLong = commentTooLong(text)
      if (tooLong) return tooLong
      c.body = text
      c.updatedAt = iso()
      return { status: 200, body: commentJson(call.repo, c) }
    },

    'repos/get-content': (call) => {
      const r = call.repo
      const ref = call.ctx.query.get('ref') ?? r.defaultBranch
      const files = fileText(r, ref)
      if (!files) return ghError(404, `No commit found for the ref ${ref}`)
      const path = call.params.path!.replace(/\/+$/, '')
      const text = files[path]
      if (text === undefined) {
        const children = Object.keys(files).filter((f) => f.startsWith(`${path}/`))
        if (!children.length) return ghError(404, 'Not Found')
        const names = [...new Set(children.map((f) => f.slice(path.length + 1).split('/')[0]!))]
        return {
          status: 200,
          body: names.map((name) => ({
            type: children.includes(`${path}/${name}`) ? 'file' : 'dir',
            name,
            path: `${path}/${name}`
          }))
        }
      }
      const content = Buffer.from(text, 'utf8').toString('base64').replace(/.{60}/g, '$&\n')
      const sha = Buffer.from(`${ref}:${path}`).toString('hex').slice(0, 40).padEnd(40, '0')
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name: path.split('/').pop(),
          path,
          content,
          sha,
          url: `${api()}/repos/${r.owner}/${r.name}/contents/${path}?ref=${ref}`,
          html_url: `${WEB}/${r.owner}/${r.name}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${r.owner}/${r.name}/${ref}/${path}`
        }
      }
    },

    'repos/get-collaborator-permission-level': (call) => {
      const user = findUser(call.params.username!)
      if (!user) return ghError(404, `${call.params.username} is not a user`)
      const role = permissionOf(call.repo, user.login)
      const permission =
        role === 'admin'
          ? 'admin'
          : role === 'maintain' || role === 'write'
            ? 'write'
            : role
              ? 'read'
              : 'none'
      return {
        status: 200,
        body: { permission, role_name: role ?? 'none', user: userJson(user.login) }
      }
    },

    'repos/list-commits': (call) => {
      const author = call.ctx.query.get('author')?.toLowerCase()
      const since = call.ctx.query.get('since')
      const until = call.ctx.query.get('until')
      const commits = call.repo.commits
        .filter(
          (c) =>
            !author ||
            c.author.login?.toLowerCase() === author ||
            c.author.email.toLowerCase() === author
        )
        .filter((c) => (!since || c.author.date >= since) && (!until || c.author.date <= until))
        .reverse()
      return paginate(
        call.ctx,
        commits.map((c) => commitJson(call.repo, c))
      )
    },

    /**
     * `base...head` of a PR (its base and head shas): the merge base is the parent of the PR's
     * first commit, which the seeds branch from the base. Other pairs: 404, as for a head gone.
     */
    'repos/compare-commits-with-basehead': (call) => {
      const [base, head] = (call.params.basehead ?? '').split('...')
      const pull = call.repo.pulls.find((p) => p.head.sha === head || p.commits.at(-1) === head)
      const first = call.repo.commits.find((c) => c.sha === pull?.commits[0])
      if (!pull || !base) return ghError(404, 'Not Found')
      const mergeBaseSha = first?.parents[0] ?? base
      const mergeBase = call.repo.commits.find((c) => c.sha === mergeBaseSha) ?? {
        sha: mergeBaseSha,
        message: 'base',
        author: { name: 'base', email: 'base@example.test', login: null, date: pull.createdAt },
        parents: []
      }
      const commits = pull.commits.map((sha) => call.repo.commits.find((c) => c.sha === sha)!)
      return {
        status: 200,
        body: {
          url: `${api()}/repos/${call.repo.owner}/${call.repo.name}/compare/${base}...${head}`,
          status: 'ahead',
          ahead_by: commits.length,
          behind_by: 0,
          total_commits: commits.length,
          base_commit: commitJson(call.repo, mergeBase),
          merge_base_commit: commitJson(call.repo, mergeBase),
          commits: commits.slice(0, 1).map((c) => commitJson(call.repo, c)),
          files: pull.files.map((f) => ({ filename: f.filename, status: f.status, sha: f.sha }))
        }
      }
    },

    'users/get-by-username': (call) => {
      const u = findUser(call.params.username!)
      if (!u) return NOT_FOUND()
      return { status: 200, body: profileJson(u) }
    },

    'users/get-authenticated': (call) => {
      const u = findUser(call.token.login)
      // GITHUB_TOKEN and GitHub App installation tokens act as a bot: GitHub refuses them here.
      if (!u || u.type === 'Bot') return ghError(403, 'Resource not accessible by integration')
      return { status: 200, body: profileJson(u) }
    },

    'actions/get-repo-public-key': (call) => {
      if (!call.token.canWriteSecrets) return ghError(403, 'Resource not accessible by integration')
      return {
        status: 200,
        body: { key_id: call.repo.secretsKey.keyId, key: call.repo.secretsKey.publicKey }
      }
    },

    'actions/create-or-update-repo-secret': (call) => {
      if (!call.token.canWriteSecrets) return ghError(403, 'Resource not accessible by integration')
      const name = call.params.secret_name!
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
        return ghError(
          422,
          'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), and must not start with GITHUB_.'
        )
      }
      const b = call.body as { encrypted_value: string; key_id: string }
      if (b.key_id !== call.repo.secretsKey.keyId)
        return ghError(422, "Bad request: key_id doesn't match the repository public key")
      const existed = name in call.repo.secrets
      call.repo.secrets[name] = {
        encryptedValue: b.encrypted_value,
        keyId: b.key_id,
        updatedAt: iso()
      }
      return existed ? { status: 204 } : { status: 201, body: {} }
    }
  }

  const commentTooLong = (text: string): Reply | null =>
    text.length > 65_536
      ? ghError(422, 'Validation Failed', {
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)'
            }
          ]
        })
      : null

  for (const ops of Object.values(spec.doc.paths)) {
    for (const op of Object.values(ops))
      if (!operations[op.operationId]) throw new Error(`no GitHub handler for ${op.operationId}`)
  }

  const handle = (ctx: Ctx, graphql: (ctx: Ctx, token: GhTokenRec) => Reply): Reply => {
    const token = authenticate(ctx)
    if ('status' in token) return token
    if (ctx.path === '/graphql') {
      if (ctx.method !== 'POST') return NOT_FOUND()
      return graphql(ctx, token)
    }
    const match = spec.match(ctx.method, ctx.path)
    if (match.kind !== 'match') return NOT_FOUND()
    const { operation, params } = match.route
    ctx.operationId = operation.operationId
    if (ctx.badBody) return ghError(400, 'Problems parsing JSON')
    const repo = params.owner !== undefined ? findRepo(params.owner, params.repo) : gh.repos[0]
    if (!repo) return NOT_FOUND()
    const problems = [
      ...spec.checkQuery(operation, ctx.query),
      ...spec.checkBody(operation, ctx.body)
    ]
    if (problems.length) return invalidRequest(problems)
    const body = (ctx.body ?? {}) as Record<string, unknown>
    const reply = operations[operation.operationId]!({ ctx, token, repo, params, body })
    const schema = operation.responses[String(reply.status)]?.schema
    if (schema && reply.status < 300 && reply.body !== undefined)
      reply.body = spec.complete(schema, reply.body)
    return reply
  }

  /** A `pull_request` webhook payload for a PR as it is now, shaped as GitHub sends it. */
  const pullRequestEvent = (full: string, number: number, action: string, sender?: string) => {
    const [owner, name] = full.split('/') as [string, string]
    const repo = findRepo(owner, name)
    const p = repo?.pulls.find((x) => x.number === number)
    if (!repo || !p) throw new Error(`no pull request ${full}#${number}`)
    const completed = (path: string, method: string, body: unknown) => {
      const match = spec.match(method, path)
      const schema =
        match.kind === 'match' ? match.route.operation.responses['200']?.schema : undefined
      return schema ? spec.complete(schema, body) : body
    }
    return {
      action,
      number,
      pull_request: completed(`/repos/${owner}/${name}/pulls/${number}`, 'GET', prJson(repo, p)),
      repository: completed(`/repos/${owner}/${name}`, 'GET', repoJson(repo)),
      sender: userJson(sender ?? p.author)
    }
  }

  return { handle, pullRequestEvent }
}
