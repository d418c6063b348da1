/**
 * A small builder for seeds. Every method fills in what a real site would have (ids, keys, shas,
 * timestamps) so a scenario only says what matters to its story:
 *
 *   scenario()
 *     .jiraUser({ accountId: 'u-ana', displayName: 'Ana', email: 'ana@acme.test' })
 *     .jiraProject({ key: 'SHOP', name: 'Web shop', lead: 'u-ana' })
 *     .jiraIssue({ project: 'SHOP', summary: 'Checkout fails', status: 'In Progress' })
 *     .repo({ owner: 'acme', name: 'shop', collaborators: { ana: 'write' } })
 *     .pr('acme/shop', { number: 1, title: 'SHOP-1 fix checkout', author: 'ana' })
 *     .build()
 */
import { createHash } from 'node:crypto'
import { adfFromText, type AdfDoc } from './adf.js'
import type {
  GhCommitRec,
  JiraCommentRec,
  JiraIssueRec,
  JiraUserRec,
  OAuthClientRec,
  Permission,
  PrFileRec,
  ProjectRec,
  PullRec,
  RepoRec,
  ReviewRec,
  ReviewThreadRec,
  Scenario,
  WorkflowRec
} from './state.js'

/** The "Resolve issue" screen of company-managed workflows: a resolution, no default. */
export const RESOLVE_SCREEN = [
  {
    key: 'resolution',
    name: 'Resolution',
    required: true,
    allowed: ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce']
  }
]

/**
 * To Do → In Progress → In Review → Done, with the usual ways back; Done asks for a resolution
 * (RESOLVE_SCREEN).
 */
export const STANDARD_WORKFLOW: WorkflowRec = {
  statuses: [
    { id: '10000', name: 'To Do', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '10001', name: 'In Review', category: 'indeterminate' },
    { id: '10002', name: 'Done', category: 'done' }
  ],
  transitions: [
    { id: '11', name: 'To Do', from: ['In Progress', 'In Review'], to: 'To Do' },
    { id: '21', name: 'Start progress', from: ['To Do', 'In Review'], to: 'In Progress' },
    { id: '31', name: 'Submit for review', from: ['In Progress'], to: 'In Review' },
    {
      id: '41',
      name: 'Done',
      from: ['In Review', 'In Progress'],
      to: 'Done',
      screen: RESOLVE_SCREEN
    },
    { id: '51', name: 'Reopen', from: ['Done'], to: 'To Do' }
  ]
}

/** Jira's simplified workflow: every status reachable from every other one. */
export const SIMPLIFIED_WORKFLOW: WorkflowRec = {
  statuses: [
    { id: '10000', name: 'To Do', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '10002', name: 'Done', category: 'done' }
  ],
  transitions: [
    { id: '11', name: 'To Do', from: '*', to: 'To Do' },
    { id: '21', name: 'In Progress', from: '*', to: 'In Progress' },
    { id: '31', name: 'Done', from: '*', to: 'Done' }
  ]
}

/** A stable fake sha for a seed string. */
export const sha = (seed: string): string => createHash('sha1').update(seed).digest('hex')

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

export interface IssueInput {
  project: string
  summary: string
  /** Plain text (paragraphs split on blank lines) or an ADF document. */
  description?: string | AdfDoc | null
  status?: string
  type?: string
  priority?: string
  labels?: string[]
  components?: string[]
  assignee?: string | null
  reporter?: string | null
  watchers?: string[]
  created?: string
  updated?: string
  comments?: Array<{ author: string; body: string | AdfDoc; created?: string }>
  properties?: Record<string, unknown>
}

export interface PrInput {
  number: number
  title: string
  body?: string
  author: string
  state?: 'open' | 'closed'
  draft?: boolean
  merged?: boolean
  mergedBy?: string
  head?: { ref: string; sha?: string; repo?: string }
  base?: { ref: string; sha?: string }
  labels?: string[]
  /** `additions`/`deletions` are counted from the patch when left out. */
  files?: Array<Optional<PrFileRec, 'additions' | 'deletions' | 'sha' | 'status'>>
  commits?: Array<
    Optional<Omit<GhCommitRec, 'author'>, 'sha' | 'parents'> & {
      author: Optional<GhCommitRec['author'], 'date' | 'login'>
    }
  >
  reviews?: Array<Optional<ReviewRec, 'id' | 'body' | 'submittedAt' | 'commitId'>>
  requestedReviewers?: string[]
  threads?: Array<
    Optional<
      Omit<ReviewThreadRec, 'comments'>,
      'id' | 'isOutdated' | 'isResolved' | 'originalLine' | 'diffSide' | 'resolvedBy'
    > & {
      comments: Array<{ author: string; body: string; createdAt?: string }>
    }
  >
  createdAt?: string
}

export class ScenarioBuilder {
  private readonly s: Scenario

  constructor(options: { now?: string; cloudId?: string; siteName?: string } = {}) {
    this.s = {
      now: options.now ?? '2026-11-20T12:00:00.000Z',
      jira: {
        cloudId: options.cloudId ?? '11111111-2222-4333-8444-555555555555',
        siteName: options.siteName ?? 'acme',
        users: [],
        workflows: { standard: STANDARD_WORKFLOW, simplified: SIMPLIFIED_WORKFLOW },
        projects: [],
        issues: [],
        issueLinkTypes: [
          { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
          { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
          { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
          { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
        ],
        issueLinks: [],
        transitionsDone: [],
        createdIssues: [],
        roles: ['Administrators', 'Developers', 'Users'],
        groups: ['jira-software-users', 'jira-administrators', 'site-admins'],
        nextId: 10001
      },
      oauth: { clients: [], refreshTokens: [], accessTokens: [], revokedFamilies: [] },
      github: { users: [], tokens: [], repos: [], nextId: 1001 }
    }
  }

  /** Goes on building from a copy of an existing scenario: `ScenarioBuilder.from(acme()).pr(…)`. */
  static from(base: Scenario): ScenarioBuilder {
    const builder = new ScenarioBuilder()
    Object.assign(builder.s, structuredClone(base))
    return builder
  }

  private at(offsetMinutes = 0): string {
    return new Date(Date.parse(this.s.now) + offsetMinutes * 60_000).toISOString()
  }

  jiraUser(u: Optional<JiraUserRec, 'emailVisible' | 'active' | 'accountType' | 'timeZone'>): this {
    this.s.jira.users.push({
      emailVisible: true,
      active: true,
      accountType: 'atlassian',
      timeZone: 'Europe/Berlin',
      ...u
    })
    return this
  }

  jiraProject(
    p: Optional<ProjectRec, 'id' | 'workflow' | 'issueTypes' | 'components' | 'counter'>
  ): this {
    this.s.jira.projects.push({
      id: String(10000 + this.s.jira.projects.length),
      workflow: 'standard',
      issueTypes: ['Task', 'Bug', 'Story', 'Epic'],
      components: [],
      counter: 1,
      ...p
    })
    return this
  }

  jiraIssue(i: IssueInput): this {
    const project = this.s.jira.projects.find((p) => p.key === i.project)
    if (!project) throw new Error(`jiraIssue: add project ${i.project} first`)
    const created = i.created ?? this.at(-60 * 24 * 30 + this.s.jira.issues.length * 97)
    const description =
      typeof i.description === 'string' ? adfFromText(i.description) : (i.description ?? null)
    const comments: JiraCommentRec[] = (i.comments ?? []).map((c, n) => ({
      id: String(20000 + this.s.jira.issues.length * 10 + n),
      author: c.author,
      updateAuthor: c.author,
      body: typeof c.body === 'string' ? adfFromText(c.body) : c.body,
      created: c.created ?? created,
      updated: c.created ?? created
    }))
    const issue: JiraIssueRec = {
      id: String(this.s.jira.nextId++),
      key: `${project.key}-${project.counter++}`,
      projectKey: project.key,
      issueType: i.type ?? 'Task',
      summary: i.summary,
      description,
      status: i.status ?? this.s.jira.workflows[project.workflow]!.statuses[0]!.name,
      priority: i.priority ?? 'Medium',
      labels: i.labels ?? [],
      components: i.components ?? [],
      assignee: i.assignee ?? null,
      reporter: i.reporter === undefined ? project.lead : i.reporter,
      watchers: i.watchers ?? [],
      created,
      updated: i.updated ?? created,
      comments,
      remoteLinks: [],
      properties: i.properties ?? {}
    }
    this.s.jira.issues.push(issue)
    return this
  }

  oauthClient(
    c: Optional<OAuthClientRec, 'grants' | 'scopes'> & { refreshTokens?: string[] }
  ): this {
    const { refreshTokens = [], ...client } = c
    this.s.oauth.clients.push({
      grants: ['client_credentials', 'refresh_token'],
      scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
      ...client
    })
    refreshTokens.forEach((token, n) =>
      this.s.oauth.refreshTokens.push({
        token,
        clientId: c.clientId,
        family: `${c.clientId}-f${n}`,
        issuedAt: Date.parse(this.s.now)
      })
    )
    return this
  }

  githubUser(u: {
    login: string
    type?: 'User' | 'Bot'
    name?: string | null
    email?: string | null
  }): this {
    this.s.github.users.push({
      login: u.login,
      id: this.s.github.nextId++,
      type: u.type ?? 'User',
      name: u.name ?? null,
      email: u.email ?? null
    })
    return this
  }

  githubToken(t: { token: string; login: string; canWriteSecrets?: boolean }): this {
    this.s.github.tokens.push({ canWriteSecrets: false, ...t })
    return this
  }

  repo(r: {
    owner: string
    name: string
    defaultBranch?: string
    private?: boolean
    collaborators?: Record<string, Permission>
    files?: Record<string, Record<string, string>>
  }): this {
    const defaultBranch = r.defaultBranch ?? 'main'
    const repo: RepoRec = {
      owner: r.owner,
      name: r.name,
      id: this.s.github.nextId++,
      private: r.private ?? true,
      defaultBranch,
      collaborators: r.collaborators ?? {},
      branches: { [defaultBranch]: sha(`${r.owner}/${r.name}@${defaultBranch}`) },
      files: r.files ?? {},
      commits: [],
      pulls: [],
      issueComments: [],
      secrets: {},
      secretsKey: { keyId: '3380204578043523366', publicKey: '', privateKey: '' }
    }
    this.s.github.repos.push(repo)
    return this
  }

  /** A commit on the repo (e.g. history of the default branch for `GET /commits?author=`). */
  commit(repo: string, c: NonNullable<PrInput['commits']>[number]): this {
    this.findRepo(repo).commits.push(this.toCommit(c, this.findRepo(repo).commits.length))
    return this
  }

  pr(repo: string, p: PrInput): this {
    const r = this.findRepo(repo)
    const createdAt = p.createdAt ?? this.at(-60 * 24)
    const commits = (p.commits ?? []).map((c, n) => this.toCommit(c, r.commits.length + n))
    r.commits.push(...commits)
    const headSha = p.head?.sha ?? commits[commits.length - 1]?.sha ?? sha(`${repo}#${p.number}`)
    const baseSha = p.base?.sha ?? r.branches[p.base?.ref ?? r.defaultBranch] ?? sha(`${repo}@base`)
    const headRef = p.head?.ref ?? `pr-${p.number}`
    r.branches[headRef] = headSha
    let dbId = p.number * 1000
    const threads: ReviewThreadRec[] = (p.threads ?? []).map((t, n) => ({
      id: `PRRT_${p.number}_${n}`,
      isResolved: false,
      isOutdated: false,
      originalLine: t.line,
      diffSide: 'RIGHT',
      resolvedBy: null,
      ...t,
      comments: t.comments.map((c) => {
        const databaseId = ++dbId
        return {
          id: `PRRC_${databaseId}`,
          databaseId,
          author: c.author,
          body: c.body,
          createdAt: c.createdAt ?? createdAt,
          url: `https://github.com/${repo}/pull/${p.number}#discussion_r${databaseId}`
        }
      })
    }))
    const pull: PullRec = {
      number: p.number,
      id: this.s.github.nextId++,
      title: p.title,
      body: p.body ?? '',
      state: p.state ?? (p.merged ? 'closed' : 'open'),
      draft: p.draft ?? false,
      merged: p.merged ?? false,
      mergedAt: p.merged ? this.s.now : null,
      mergedBy: p.merged ? (p.mergedBy ?? p.author) : null,
      mergeCommitSha: p.merged ? sha(`${repo}#${p.number}@merge`) : null,
      author: p.author,
      head: { ref: headRef, sha: headSha, repo: p.head?.repo ?? repo },
      base: { ref: p.base?.ref ?? r.defaultBranch, sha: baseSha },
      labels: p.labels ?? [],
      files: (p.files ?? []).map((f) => ({
        status: 'modified',
        sha: sha(`${repo}:${f.filename}`),
        additions: countLines(f.patch, '+'),
        deletions: countLines(f.patch, '-'),
        ...f
      })),
      commits: commits.map((c) => c.sha),
      reviews: (p.reviews ?? []).map((rv, n) => ({
        id: p.number * 100 + n + 1,
        body: '',
        submittedAt: createdAt,
        commitId: headSha,
        ...rv
      })),
      requestedReviewers: p.requestedReviewers ?? [],
      threads,
      createdAt,
      updatedAt: createdAt,
      closedAt: p.state === 'closed' || p.merged ? this.s.now : null
    }
    r.pulls.push(pull)
    return this
  }

  build(): Scenario {
    return structuredClone(this.s)
  }

  private findRepo(full: string): RepoRec {
    const r = this.s.github.repos.find((x) => `${x.owner}/${x.name}` === full)
    if (!r) throw new Error(`add repo ${full} first`)
    return r
  }

  private toCommit(c: NonNullable<PrInput['commits']>[number], n: number): GhCommitRec {
    return {
      sha: c.sha ?? sha(`${c.message}#${n}`),
      parents: c.parents ?? [],
      message: c.message,
      author: { login: null, date: this.at(-60 * 20 + n * 7), ...c.author }
    }
  }
}

function countLines(patch: string | undefined, sign: '+' | '-'): number {
  return (patch ?? '')
    .split('\n')
    .filter((l) => l.startsWith(sign) && !l.startsWith(sign.repeat(3))).length
}

export const scenario = (
  options?: ConstructorParameters<typeof ScenarioBuilder>[0]
): ScenarioBuilder => new ScenarioBuilder(options)
