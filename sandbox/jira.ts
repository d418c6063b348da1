/** The simulated Jira Cloud REST API v3: strict about what it accepts, Jira-shaped in what it answers. */
import { ADF_MAX_CHARS, adfProblem, adfToText, type AdfDoc } from './adf.js'
import { JqlError, parseJql, runJql, type JqlIssue } from './jql.js'
import type { OpenApi } from './openapi.js'
import type { Ctx, Reply } from './server.js'
import type {
  JiraCommentRec,
  JiraIssueRec,
  JiraUserRec,
  ProjectRec,
  RemoteLinkRec,
  SandboxState,
  ScreenFieldRec
} from './state.js'

export type Caller = { kind: 'user'; accountId: string } | { kind: 'anonymous'; failed: boolean }

export interface JiraDeps {
  state: SandboxState
  now: () => number
  spec: OpenApi
  /** `data-center`: REST v2 only (wiki-markup text, users by key/name, search with startAt). */
  flavour?: 'cloud' | 'data-center'
}

interface Call {
  ctx: Ctx
  caller: Caller
  /** Base of `self` links: the site URL, or `${apiUrl}/ex/jira/${cloudId}` under OAuth. */
  base: string
  params: Record<string, string>
}

export const jiraError = (
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {}
): Reply => ({
  status,
  body: { errorMessages, errors }
})

/** Whether the request's `expand` asks for `what`. */
const expands = (call: Call, what: string) =>
  (call.ctx.query.get('expand') ?? '').split(',').some((e) => e.trim() === what)

/** A screen field as `expand=transitions.fields` shows it (FieldMetadata). */
function screenFieldJson(api: string, f: ScreenFieldRec) {
  const resolution = f.key === 'resolution'
  return {
    required: f.required,
    schema: resolution ? { type: 'resolution', system: 'resolution' } : { type: 'string' },
    name: f.name,
    key: f.key,
    hasDefaultValue: (f.hasDefault ?? false) || f.default !== undefined,
    ...(f.default === undefined
      ? {}
      : {
          defaultValue: {
            id: String(10000 + (f.allowed ?? []).indexOf(f.default)),
            name: f.default
          }
        }),
    operations: ['set'],
    ...(f.allowed
      ? {
          allowedValues: f.allowed.map((name, i) => ({
            self: `${api}/resolution/${10000 + i}`,
            id: String(10000 + i),
            name
          }))
        }
      : {})
  }
}

/** What Jira says of a transition request's `fields` against the transition's screen. */
function screenProblems(
  screen: readonly ScreenFieldRec[],
  fields: Record<string, unknown>
): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const [key, value] of Object.entries(fields)) {
    const field = screen.find((f) => f.key === key)
    if (!field) {
      problems[key] =
        `Field '${key}' cannot be set. It is not on the appropriate screen, or unknown.`
      continue
    }
    const name = (value as { name?: unknown } | null)?.name
    if (field.allowed && !field.allowed.includes(String(name))) {
      problems[key] = `Could not find valid 'id' or 'name' in ${key} object.`
    }
  }
  for (const field of screen) {
    if (field.required && !field.hasDefault && !field.default && fields[field.key] === undefined) {
      problems[field.key] = `${field.name} is required.`
    }
  }
  return problems
}

const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.'
const TOO_LONG = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.'
const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' }
}
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest']
const CREATABLE = new Set([
  'project',
  'issuetype',
  'summary',
  'description',
  'labels',
  'assignee',
  'reporter',
  'components',
  'priority'
])

const withoutNulls = (obj: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(obj)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [
        k,
        v && typeof v === 'object' && !Array.isArray(v)
          ? withoutNulls(v as Record<string, unknown>)
          : v
      ])
  )

/** Jira's timestamp format: 2026-11-20T12:00:00.000+0000 */
const jiraTime = (iso: string): string => iso.replace(/Z$/, '+0000')

export function createJira({ state, now, spec, flavour = 'cloud' }: JiraDeps) {
  const jira = state.jira
  const dc = flavour === 'data-center'
  /** Data Center's username and user key (the state's accountId unless the seed says otherwise). */
  const dcName = (u: JiraUserRec) => u.username ?? u.accountId
  const dcKey = (u: JiraUserRec) => u.userKey ?? dcName(u)
  const API = dc ? '/rest/api/2' : '/rest/api/3'
  const iso = () => new Date(now()).toISOString()

  const authenticate = (ctx: Ctx): Caller => {
    const header = ctx.headers.authorization
    if (!header) return { kind: 'anonymous', failed: false }
    const [scheme, value = ''] = header.split(' ', 2)
    let user: JiraUserRec | undefined
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      const email = decoded.slice(0, colon)
      const token = decoded.slice(colon + 1)
      user = jira.users.find(
        (u) =>
          u.email?.toLowerCase() === email.toLowerCase() &&
          u.apiToken !== undefined &&
          u.apiToken === token
      )
    } else if (scheme?.toLowerCase() === 'bearer') {
      user = jira.users.find((u) => u.pat !== undefined && u.pat === value)
    }
    return user?.active
      ? { kind: 'user', accountId: user.accountId }
      : { kind: 'anonymous', failed: true }
  }

  // --- serialisation --------------------------------------------------------------------------

  const userJson = (accountId: string | null, base: string, self = false) => {
    const u = jira.users.find((x) => x.accountId === accountId)
    if (!u) return null
    if (dc)
      return {
        self: `${base}${API}/user?username=${encodeURIComponent(dcName(u))}`,
        key: dcKey(u),
        name: dcName(u),
        ...(u.email && (u.emailVisible || self) ? { emailAddress: u.email } : {}),
        avatarUrls: {
          '48x48': `${base}/secure/useravatar?ownerId=${encodeURIComponent(dcKey(u))}`
        },
        displayName: u.displayName,
        active: u.active,
        deleted: false,
        timeZone: u.timeZone,
        locale: 'en_US'
      }
    return {
      self: `${base}${API}/user?accountId=${encodeURIComponent(u.accountId)}`,
      accountId: u.accountId,
      accountType: u.accountType,
      ...(u.email && (u.emailVisible || self) ? { emailAddress: u.email } : {}),
      avatarUrls: { '48x48': `https://avatar.example/${u.accountId}/48` },
      displayName: u.displayName,
      active: u.active,
      timeZone: u.timeZone
    }
  }

  const projectOf = (issue: JiraIssueRec): ProjectRec =>
    jira.projects.find((p) => p.key === issue.projectKey)!
  const workflowOf = (project: ProjectRec) => jira.workflows[project.workflow]!
  const statusOf = (issue: JiraIssueRec) =>
    workflowOf(projectOf(issue)).statuses.find((s) => s.name === issue.status)!

  const statusJson = (issue: JiraIssueRec, base: string) => {
    const s = statusOf(issue)
    return {
      self: `${base}${API}/status/${s.id}`,
      description: '',
      iconUrl: `${base}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: {
        self: `${base}${API}/statuscategory/${CATEGORY[s.category].id}`,
        ...CATEGORY[s.category]
      }
    }
  }

  const projectJson = (p: ProjectRec, base: string) => ({
    self: `${base}${API}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: p.workflow === 'simplified',
    style: p.workflow === 'simplified' ? 'next-gen' : 'classic',
    avatarUrls: { '48x48': `${base}${API}/universal_avatar/view/type/project/avatar/${p.id}` }
  })

  const commentJson = (c: JiraCommentRec, issue: JiraIssueRec, base: string) => ({
    self: `${base}${API}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: userJson(c.author, base),
    // Data Center answers text as wiki markup: a seeded ADF body is served as its text.
    body: dc ? adfToText(c.body) : c.body,
    updateAuthor: userJson(c.updateAuthor, base),
    created: jiraTime(c.created),
    updated: jiraTime(c.updated),
    jsdPublic: true,
    ...(c.visibility ? { visibility: c.visibility } : {})
  })

  const issueLinksJson = (issue: JiraIssueRec, base: string) =>
    jira.issueLinks
      .filter((l) => l.inward === issue.key || l.outward === issue.key)
      .map((l) => {
        const type = jira.issueLinkTypes.find((t) => t.name === l.type)!
        const other = l.inward === issue.key ? l.outward : l.inward
        const o = jira.issues.find((i) => i.key === other)!
        const side = l.inward === issue.key ? 'outwardIssue' : 'inwardIssue'
        return {
          id: l.id,
          type: { ...type, self: `${base}${API}/issueLinkType/${type.id}` },
          [side]: {
            id: o.id,
            key: o.key,
            self: `${base}${API}/issue/${o.id}`,
            fields: { summary: o.summary, status: statusJson(o, base) }
          }
        }
      })

  const ALL_FIELDS = [
    'summary',
    'description',
    'status',
    'issuetype',
    'project',
    'assignee',
    'reporter',
    'creator',
    'labels',
    'components',
    'priority',
    'created',
    'updated',
    'watches',
    'comment',
    'issuelinks'
  ]

  /** Resolves a `fields` selection (`*all`, `*navigable`, `-x`, names) to a list of field names. */
  const selectFields = (raw: string[] | undefined, fallback: string): string[] => {
    const items = (raw && raw.length ? raw : [fallback])
      .flatMap((f) => f.split(','))
      .map((f) => f.trim())
      .filter(Boolean)
    const chosen = new Set<string>()
    for (const f of items) {
      if (f === '*all' || f === '*navigable') ALL_FIELDS.forEach((x) => chosen.add(x))
      else if (!f.startsWith('-')) chosen.add(f)
    }
    if (items.every((f) => f.startsWith('-'))) ALL_FIELDS.forEach((x) => chosen.add(x))
    for (const f of items) if (f.startsWith('-')) chosen.delete(f.slice(1))
    return [...chosen]
  }

  /** `properties`: the issue property keys asked for; those set come back under `properties`. */
  const issueJson = (
    issue: JiraIssueRec,
    base: string,
    fields: string[],
    caller: Caller,
    properties?: string[]
  ) => {
    if (fields.length === 1 && fields[0] === 'id') return { id: issue.id }
    const all: Record<string, () => unknown> = {
      summary: () => issue.summary,
      description: () =>
        dc && issue.description !== null ? adfToText(issue.description) : issue.description,
      status: () => statusJson(issue, base),
      issuetype: () => ({
        id: String(10001 + projectOf(issue).issueTypes.indexOf(issue.issueType)),
        name: issue.issueType,
        subtask: false
      }),
      project: () => projectJson(projectOf(issue), base),
      assignee: () => userJson(issue.assignee, base),
      reporter: () => userJson(issue.reporter, base),
      creator: () => userJson(issue.reporter, base),
      labels: () => issue.labels,
      components: () =>
        issue.components.map((name, n) => ({
          id: String(10100 + n),
          name,
          self: `${base}${API}/component/${10100 + n}`
        })),
      priority: () => ({
        name: issue.priority,
        id: String(PRIORITIES.indexOf(issue.priority) + 1)
      }),
      created: () => jiraTime(issue.created),
      updated: () => jiraTime(issue.updated),
      watches: () => ({
        self: `${base}${API}/issue/${issue.key}/watchers`,
        watchCount: issue.watchers.length,
        isWatching: caller.kind === 'user' && issue.watchers.includes(caller.accountId)
      }),
      comment: () => ({
        comments: issue.comments.map((c) => commentJson(c, issue, base)),
        self: `${base}${API}/issue/${issue.id}/comment`,
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0
      }),
      issuelinks: () => issueLinksJson(issue, base)
    }
    const out: Record<string, unknown> = {}
    for (const f of fields) if (all[f]) out[f] = all[f]()
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${base}${API}/issue/${issue.id}`,
      key: issue.key,
      fields: out,
      ...(properties
        ? {
            properties: Object.fromEntries(
              properties.filter((k) => k in issue.properties).map((k) => [k, issue.properties[k]])
            )
          }
        : {})
    }
  }

  /** Property keys, given as a list or comma-separated (Jira takes both). */
  const propertyKeys = (given: string[] | undefined) =>
    given?.flatMap((k) => k.split(',')).filter((k) => k !== '')

  // --- lookups --------------------------------------------------------------------------------

  const findIssue = (idOrKey: string): JiraIssueRec | undefined =>
    jira.issues.find((i) => i.id === idOrKey || i.key.toUpperCase() === idOrKey.toUpperCase())

  const jqlView = (i: JiraIssueRec): JqlIssue => {
    const p = projectOf(i)
    return {
      id: i.id,
      key: i.key,
      projectKey: p.key,
      projectId: p.id,
      projectName: p.name,
      status: i.status,
      statusCategory: statusOf(i).category,
      issueType: i.issueType,
      assignee: i.assignee,
      reporter: i.reporter,
      labels: i.labels,
      components: i.components,
      summary: i.summary,
      description: adfToText(i.description),
      comments: i.comments.map((c) => adfToText(c.body)),
      created: Date.parse(i.created),
      updated: Date.parse(i.updated)
    }
  }

  const touch = (issue: JiraIssueRec) => (issue.updated = iso())

  /** Checks an ADF body the way Jira does for comments and descriptions. */
  const adfErrors = (field: string, body: unknown): Record<string, string> => {
    if (dc) {
      // Data Center: wiki markup, a plain string.
      if (typeof body !== 'string') return { [field]: `The ${field} must be a string.` }
      return body.length > ADF_MAX_CHARS ? { [field]: TOO_LONG } : {}
    }
    const problem = adfProblem(body)
    if (problem) return { [field]: problem }
    if (JSON.stringify(body).length > ADF_MAX_CHARS) return { [field]: TOO_LONG }
    return {}
  }

  const visibilityErrors = (v: unknown): Record<string, string> => {
    if (v === undefined || v === null) return {}
    const vis = v as { type?: string; value?: string }
    if (vis.type === 'role' && !jira.roles.includes(vis.value ?? ''))
      return { commentLevel: `You are currently not a member of the project role: ${vis.value}.` }
    if (vis.type === 'group' && !jira.groups.includes(vis.value ?? ''))
      return { commentLevel: `You are currently not a member of the group: ${vis.value}.` }
    if (vis.type !== 'role' && vis.type !== 'group')
      return { commentLevel: 'Visibility type must be role or group.' }
    return {}
  }

  const callerId = (call: Call): string =>
    call.caller.kind === 'user' ? call.caller.accountId : ''

  /** Pagination token for /search/jql: the offset, bound to the query it belongs to. */
  const pageToken = (jql: string, offset: number) =>
    Buffer.from(JSON.stringify({ jql, offset })).toString('base64url')
  const readToken = (jql: string, token: string | undefined): number | null => {
    if (!token) return 0
    try {
      const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        jql: string
        offset: number
      }
      return t.jql === jql && Number.isInteger(t.offset) ? t.offset : null
    } catch {
      return null
    }
  }

  const search = (
    call: Call,
    p: {
      jql?: string
      nextPageToken?: string
      maxResults?: number
      fields?: string[]
      properties?: string[]
    }
  ): Reply => {
    const jql = p.jql ?? ''
    const offset = readToken(jql, p.nextPageToken)
    if (offset === null)
      return jiraError(400, ['The provided next page token is invalid or expired.'])
    const matches = matchJql(call, jql)
    if (!Array.isArray(matches)) return matches
    const fields = selectFields(p.fields, 'id')
    const cap = fields.every((f) => f === 'id' || f === 'key') ? 5000 : 100
    const size = Math.max(1, Math.min(p.maxResults ?? 50, cap))
    const page = matches.slice(offset, offset + size)
    const more = offset + size < matches.length
    return {
      status: 200,
      body: {
        issues: page.map((i) =>
          issueJson(i, call.base, fields, call.caller, propertyKeys(p.properties))
        ),
        ...(more ? { nextPageToken: pageToken(jql, offset + size) } : {}),
        isLast: !more
      }
    }
  }

  /** Data Center's `/rest/api/2/search`: startAt/maxResults/total, default fields `*navigable`. */
  const searchV2 = (
    call: Call,
    p: { jql?: string; startAt?: number; maxResults?: number; fields?: string[] }
  ): Reply => {
    const matches = matchJql(call, p.jql ?? '')
    if (!Array.isArray(matches)) return matches
    const startAt = Math.max(0, p.startAt ?? 0)
    const maxResults = Math.max(0, Math.min(p.maxResults ?? 50, 1000))
    const fields = selectFields(p.fields, '*navigable')
    return {
      status: 200,
      body: {
        expand: 'schema,names',
        startAt,
        maxResults,
        total: matches.length,
        issues: matches
          .slice(startAt, startAt + maxResults)
          .map((i) => issueJson(i, call.base, fields, call.caller))
      }
    }
  }

  const matchJql = (call: Call, jql: string): JiraIssueRec[] | Reply => {
    let matches: JiraIssueRec[]
    try {
      if (call.caller.kind === 'anonymous') {
        // A dead token is served as an anonymous user who sees nothing: 200, empty.
        if (!parseJql(jql).where)
          throw new JqlError([
            'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
          ])
        matches = []
      } else {
        const env = {
          currentUser: call.caller.accountId,
          now: now(),
          issues: jira.issues.map(jqlView),
          statuses: Object.values(jira.workflows).flatMap((w) => w.statuses.map((s) => s.name)),
          users: jira.users.map((u) => ({
            accountId: u.accountId,
            email: u.emailVisible ? u.email : undefined,
            ...(dc ? { username: dcName(u) } : {})
          })),
          // Data Center's JQL names users by username (or email), never by user key.
          byUsername: dc
        }
        const keys = runJql(jql, env).map((i) => i.key)
        matches = keys.map((k) => findIssue(k)!)
      }
    } catch (error) {
      if (error instanceof JqlError) return jiraError(400, error.messages)
      throw error
    }
    return matches
  }

  // --- operations -----------------------------------------------------------------------------

  type Op = (call: Call, issue: JiraIssueRec | undefined) => Reply
  const body = (call: Call) => (call.ctx.body ?? {}) as Record<string, unknown>
  const list = (call: Call, name: string) =>
    call.ctx.query.has(name) ? call.ctx.query.getAll(name) : undefined
  const int = (call: Call, name: string) =>
    call.ctx.query.has(name) ? Number(call.ctx.query.get(name)) : undefined

  const operations: Record<string, Op> = {
    getCurrentUser: (call) =>
      call.caller.kind === 'user'
        ? { status: 200, body: userJson(call.caller.accountId, call.base, true) }
        : jiraError(401, [
            'You are not authenticated. Authentication required to perform this operation.'
          ]),

    getServerInfo: (call) => ({
      status: 200,
      body: {
        baseUrl: call.base,
        displayUrl: call.base,
        ...(dc
          ? { version: '9.12.15', versionNumbers: [9, 12, 15], deploymentType: 'DataCenter' }
          : {
              version: '1001.0.0-SNAPSHOT',
              versionNumbers: [1001, 0, 0],
              deploymentType: 'Cloud'
            }),
        buildNumber: 100300,
        buildDate: '2026-11-01T00:00:00.000+0000',
        serverTime: jiraTime(iso()),
        scmInfo: '0000000000000000000000000000000000000000',
        serverTitle: 'Jira',
        serverTimeZone: 'Etc/UTC'
      }
    }),

    bulkFetchIssues: (call) => {
      const b = body(call) as {
        issueIdsOrKeys: string[]
        fields?: string[]
        properties?: string[]
      }
      if (b.issueIdsOrKeys.length > 100)
        return jiraError(400, ['The number of issues requested exceeds the limit of 100.'])
      const fields = selectFields(b.fields, '*navigable')
      const issues: unknown[] = []
      const issueErrors: unknown[] = []
      for (const k of b.issueIdsOrKeys) {
        const issue = call.caller.kind === 'user' ? findIssue(k) : undefined
        if (issue)
          issues.push(issueJson(issue, call.base, fields, call.caller, propertyKeys(b.properties)))
        else issueErrors.push({ id: k, errorMessage: NO_ISSUE })
      }
      return { status: 200, body: { issues, issueErrors } }
    },

    searchAndReconsileIssuesUsingJql: (call) =>
      search(call, {
        jql: call.ctx.query.get('jql') ?? undefined,
        nextPageToken: call.ctx.query.get('nextPageToken') ?? undefined,
        maxResults: int(call, 'maxResults'),
        fields: list(call, 'fields'),
        properties: list(call, 'properties')
      }),

    searchAndReconsileIssuesUsingJqlPost: (call) =>
      search(call, body(call) as Parameters<typeof search>[1]),

    getIssue: (call, issue) => ({
      status: 200,
      body: issueJson(issue!, call.base, selectFields(list(call, 'fields'), '*all'), call.caller)
    }),

    getRemoteIssueLinks: (call, issue) => {
      // Stored fields left out of the last POST are null; Jira leaves them out of its answers.
      const json = (l: RemoteLinkRec) =>
        withoutNulls({
          ...l,
          self: `${call.base}${API}/issue/${issue!.key}/remotelink/${l.id}`
        })
      const globalId = call.ctx.query.get('globalId')
      if (globalId === null) return { status: 200, body: issue!.remoteLinks.map(json) }
      const link = issue!.remoteLinks.find((l) => l.globalId === globalId)
      return link
        ? { status: 200, body: json(link) }
        : jiraError(404, [`No remote link with global id '${globalId}' found.`])
    },

    createOrUpdateRemoteIssueLink: (call, issue) => {
      const b = body(call) as {
        globalId?: string
        application?: Record<string, unknown>
        relationship?: string
        object: Record<string, unknown>
      }
      const errors: Record<string, string> = {}
      if (typeof b.object.url !== 'string' || b.object.url === '') errors.url = "'url' is required."
      if (typeof b.object.title !== 'string' || b.object.title === '')
        errors.title = "'title' is required."
      if (b.globalId !== undefined && b.globalId.length > 255)
        errors.globalId = 'The globalId must be 255 characters or fewer.'
      if (Object.keys(errors).length) return jiraError(400, [], errors)
      const existing = b.globalId
        ? issue!.remoteLinks.find((l) => l.globalId === b.globalId)
        : undefined
      // A POST with a known globalId replaces the whole link: whatever it leaves out becomes null.
      const record: RemoteLinkRec = {
        id: existing?.id ?? jira.nextId++,
        globalId: b.globalId ?? null,
        application: b.application ?? null,
        relationship: b.relationship ?? null,
        object: {
          url: b.object.url as string,
          title: b.object.title as string,
          summary: (b.object.summary as string | undefined) ?? null,
          icon: (b.object.icon as Record<string, unknown> | undefined) ?? null,
          status: (b.object.status as Record<string, unknown> | undefined) ?? null
        }
      }
      if (existing) issue!.remoteLinks[issue!.remoteLinks.indexOf(existing)] = record
      else issue!.remoteLinks.push(record)
      touch(issue!)
      return {
        status: existing ? 200 : 201,
        body: {
          id: record.id,
          self: `${call.base}${API}/issue/${issue!.key}/remotelink/${record.id}`
        }
      }
    },

    deleteRemoteIssueLinkByGlobalId: (call, issue) => {
      const globalId = call.ctx.query.get('globalId')!
      const index = issue!.remoteLinks.findIndex((l) => l.globalId === globalId)
      if (index < 0) return jiraError(404, [`No remote link with global id '${globalId}' found.`])
      issue!.remoteLinks.splice(index, 1)
      touch(issue!)
      return { status: 204 }
    },

    getTransitions: (call, issue) => {
      const wf = workflowOf(projectOf(issue!))
      const only = call.ctx.query.get('transitionId')
      const transitions = wf.transitions
        .filter((t) => t.to !== issue!.status && (t.from === '*' || t.from.includes(issue!.status)))
        .filter((t) => only === null || t.id === only)
        .map((t) => {
          const to = wf.statuses.find((s) => s.name === t.to)!
          return {
            id: t.id,
            name: t.name,
            to: {
              self: `${call.base}${API}/status/${to.id}`,
              description: '',
              name: to.name,
              id: to.id,
              statusCategory: CATEGORY[to.category]
            },
            hasScreen: (t.screen ?? []).length > 0,
            isGlobal: t.from === '*',
            isInitial: false,
            isAvailable: true,
            isConditional: false,
            isLooped: false,
            ...(expands(call, 'transitions.fields')
              ? {
                  fields: Object.fromEntries(
                    (t.screen ?? []).map((f) => [f.key, screenFieldJson(`${call.base}${API}`, f)])
                  )
                }
              : {})
          }
        })
      return { status: 200, body: { expand: 'transitions', transitions } }
    },

    doTransition: (call, issue) => {
      const b = body(call) as {
        transition?: { id?: string; name?: string }
        fields?: Record<string, unknown>
      }
      const wanted = b.transition?.id
      if (!wanted) return jiraError(400, ["Missing 'transition' identifier"])
      const wf = workflowOf(projectOf(issue!))
      const t = wf.transitions.find(
        (x) =>
          x.id === String(wanted) &&
          x.to !== issue!.status &&
          (x.from === '*' || x.from.includes(issue!.status))
      )
      if (!t) return jiraError(400, [`Transition id '${wanted}' is not valid for this issue.`])
      const problems = screenProblems(t.screen ?? [], b.fields ?? {})
      if (Object.keys(problems).length > 0) return jiraError(400, [], problems)
      jira.transitionsDone.push({
        issue: issue!.key,
        transitionId: t.id,
        from: issue!.status,
        to: t.to,
        ...(b.fields ? { fields: b.fields } : {}),
        by: callerId(call),
        at: iso()
      })
      issue!.status = t.to
      touch(issue!)
      return { status: 204 }
    },

    getComments: (call, issue) => {
      const startAt = int(call, 'startAt') ?? 0
      const maxResults = Math.min(int(call, 'maxResults') ?? 5000, 5000)
      const sorted = [...issue!.comments]
      if (call.ctx.query.get('orderBy') === '-created') sorted.reverse()
      return {
        status: 200,
        body: {
          startAt,
          maxResults,
          total: sorted.length,
          comments: sorted
            .slice(startAt, startAt + maxResults)
            .map((c) => commentJson(c, issue!, call.base))
        }
      }
    },

    getComment: (call, issue) => {
      const c = issue!.comments.find((x) => x.id === call.params.id)
      return c
        ? { status: 200, body: commentJson(c, issue!, call.base) }
        : jiraError(404, [`Can not find a comment for key: ${call.params.id}.`])
    },

    addComment: (call, issue) => {
      const b = body(call) as { body?: unknown; visibility?: JiraCommentRec['visibility'] }
      const errors = { ...adfErrors('comment', b.body), ...visibilityErrors(b.visibility) }
      if (b.body === undefined) errors.comment = 'Comment body can not be empty!'
      if (Object.keys(errors).length) return jiraError(400, [], errors)
      const c: JiraCommentRec = {
        id: String(jira.nextId++),
        author: callerId(call),
        updateAuthor: callerId(call),
        body: b.body as AdfDoc | string,
        created: iso(),
        updated: iso(),
        ...(b.visibility ? { visibility: b.visibility } : {})
      }
      issue!.comments.push(c)
      touch(issue!)
      return { status: 201, body: commentJson(c, issue!, call.base) }
    },

    updateComment: (call, issue) => {
      const c = issue!.comments.find((x) => x.id === call.params.id)
      if (!c) return jiraError(404, [`Can not find a comment for key: ${call.params.id}.`])
      const b = body(call) as { body?: unknown; visibility?: JiraCommentRec['visibility'] }
      const errors = { ...adfErrors('comment', b.body), ...visibilityErrors(b.visibility) }
      if (Object.keys(errors).length) return jiraError(400, [], errors)
      c.body = b.body as AdfDoc | string
      c.updateAuthor = callerId(call)
      c.updated = iso()
      if (b.visibility !== undefined) c.visibility = b.visibility ?? undefined
      touch(issue!)
      return { status: 200, body: commentJson(c, issue!, call.base) }
    },

    deleteComment: (call, issue) => {
      const at = issue!.comments.findIndex((x) => x.id === call.params.id)
      if (at < 0) return jiraError(404, [`Can not find a comment for key: ${call.params.id}.`])
      issue!.comments.splice(at, 1)
      touch(issue!)
      return { status: 204 }
    },

    getIssueWatchers: (call, issue) => ({
      status: 200,
      body: {
        self: `${call.base}${API}/issue/${issue!.key}/watchers`,
        isWatching: issue!.watchers.includes(callerId(call)),
        watchCount: issue!.watchers.length,
        watchers: issue!.watchers.map((w) => userJson(w, call.base))
      }
    }),

    getIssueProperty: (call, issue) => {
      const key = call.params.propertyKey!
      if (!(key in issue!.properties))
        return jiraError(404, [`The property with key '${key}' does not exist.`])
      return { status: 200, body: { key, value: issue!.properties[key] } }
    },

    setIssueProperty: (call, issue) => {
      const key = call.params.propertyKey!
      if (call.ctx.body === undefined)
        return jiraError(400, ['The property value must be valid JSON.'])
      if (key.length > 255)
        return jiraError(400, ['The property key cannot be longer than 255 characters.'])
      if (call.ctx.rawBody.length > 32_768)
        return jiraError(400, ['The property value cannot be longer than 32768 bytes.'])
      const existed = key in issue!.properties
      issue!.properties[key] = call.ctx.body
      return { status: existed ? 200 : 201, body: {} }
    },

    createIssue: (call) => createIssue(call),

    editIssue: (call, issue) => editIssue(call, issue!),

    searchV2: (call) => {
      if (call.ctx.method === 'POST')
        return searchV2(call, body(call) as Parameters<typeof searchV2>[1])
      return searchV2(call, {
        jql: call.ctx.query.get('jql') ?? undefined,
        startAt: int(call, 'startAt'),
        maxResults: int(call, 'maxResults'),
        fields: list(call, 'fields')
      })
    },

    linkIssues: (call) => {
      const b = body(call) as {
        type: { id?: string; name?: string }
        inwardIssue: { id?: string; key?: string }
        outwardIssue: { id?: string; key?: string }
        comment?: { body?: unknown }
      }
      const type = jira.issueLinkTypes.find((t) => t.id === b.type.id || t.name === b.type.name)
      if (!type)
        return jiraError(404, [`No issue link type with name '${b.type.name ?? b.type.id}' found.`])
      const inward = findIssue(b.inwardIssue.key ?? b.inwardIssue.id ?? '')
      const outward = findIssue(b.outwardIssue.key ?? b.outwardIssue.id ?? '')
      if (!inward || !outward) return jiraError(404, ['The issue no longer exists.'])
      if (b.comment) {
        const errors = adfErrors('comment', b.comment.body)
        if (Object.keys(errors).length) return jiraError(400, [], errors)
      }
      addLink(type.name, inward, outward)
      return { status: 201 }
    },

    getIssueLinkTypes: (call) => ({
      status: 200,
      body: {
        issueLinkTypes: jira.issueLinkTypes.map((t) => ({
          ...t,
          self: `${call.base}${API}/issueLinkType/${t.id}`
        }))
      }
    }),

    searchProjects: (call) => {
      const keys = (list(call, 'keys') ?? []).flatMap((k) => k.split(','))
      const q = call.ctx.query.get('query')?.toLowerCase()
      const startAt = int(call, 'startAt') ?? 0
      const maxResults = Math.min(int(call, 'maxResults') ?? 50, 100)
      const all = call.caller.kind === 'user' ? jira.projects : []
      const matching = all.filter(
        (p) =>
          (!keys.length || keys.includes(p.key)) &&
          (!q || p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q))
      )
      const values = matching
        .slice(startAt, startAt + maxResults)
        .map((p) => projectJson(p, call.base))
      return {
        status: 200,
        body: {
          self: call.ctx.url,
          maxResults,
          startAt,
          total: matching.length,
          isLast: startAt + maxResults >= matching.length,
          values
        }
      }
    },

    getUserV2: (call) => {
      const username = call.ctx.query.get('username')
      const key = call.ctx.query.get('key')
      if (username === null && key === null)
        return jiraError(400, [
          'Either the username or the key query parameters need to be provided'
        ])
      // Usernames are case-insensitive on Data Center; keys are compared as stored.
      const u = jira.users.find((x) =>
        username !== null ? dcName(x).toLowerCase() === username.toLowerCase() : dcKey(x) === key
      )
      return u
        ? { status: 200, body: userJson(u.accountId, call.base) }
        : jiraError(404, [
            username !== null
              ? `The user named '${username}' does not exist`
              : `The user with the key '${key}' does not exist`
          ])
    },

    getUser: (call) => {
      if (call.ctx.query.has('username') || call.ctx.query.has('key')) {
        return jiraError(400, [
          "The query parameter 'username' is not supported in GDPR strict mode."
        ])
      }
      const accountId = call.ctx.query.get('accountId')
      if (!accountId) return jiraError(400, ['The accountId query parameter needs to be provided'])
      const json = userJson(accountId, call.base)
      return json
        ? { status: 200, body: json }
        : jiraError(404, ['Specified user does not exist or you do not have required permissions'])
    }
  }

  const addLink = (type: string, inward: JiraIssueRec, outward: JiraIssueRec) => {
    const dup = jira.issueLinks.some(
      (l) => l.type === type && l.inward === inward.key && l.outward === outward.key
    )
    if (!dup)
      jira.issueLinks.push({
        id: String(jira.nextId++),
        type,
        inward: inward.key,
        outward: outward.key
      })
  }

  /** Jira's check of labels given to create or edit: strings, none empty, blank or too long. */
  const labelProblem = (labels: unknown): string | undefined => {
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string'))
      return 'Labels must be an array of strings.'
    const bad = (labels as string[]).find((l) => /\s/.test(l) || l.length > 255 || l === '')
    return bad === undefined ? undefined : `The label '${bad}' contains spaces which is invalid.`
  }

  const NOT_ON_SCREEN = (k: string) =>
    `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`

  /**
   * `PUT issue/{key}` (editIssue): `labels` through `fields` (set) or `update` (`add`, `remove`,
   * `set`, in order), and `properties`. Any other field is answered as a field missing from the
   * edit screen; a transition inside an edit is not simulated (400 saying so).
   */
  const editIssue = (call: Call, issue: JiraIssueRec): Reply => {
    const b = body(call) as {
      fields?: Record<string, unknown>
      update?: Record<string, unknown>
      properties?: Array<{ key?: unknown; value?: unknown }>
      transition?: unknown
    }
    const q = call.ctx.query
    if (q.get('overrideScreenSecurity') === 'true' || q.get('overrideEditableFlag') === 'true')
      return jiraError(403, [
        'Only Connect and Forge app users with Administer Jira global permission can override screen security.'
      ])
    if (b.transition !== undefined)
      return jiraError(400, ['The sandbox does not simulate a transition inside an issue edit.'])
    const fields = b.fields ?? {}
    const update = b.update ?? {}
    // Data Center has no schema check here: the handler checks the shapes itself.
    if (typeof fields !== 'object' || Array.isArray(fields) || fields === null)
      return jiraError(400, ["Can not deserialize the 'fields' of the request."])
    if (typeof update !== 'object' || Array.isArray(update) || update === null)
      return jiraError(400, ["Can not deserialize the 'update' of the request."])
    const errors: Record<string, string> = {}
    for (const k of Object.keys(fields)) if (k !== 'labels') errors[k] = NOT_ON_SCREEN(k)
    for (const k of Object.keys(update)) {
      if (k !== 'labels') errors[k] = NOT_ON_SCREEN(k)
      else if (k in fields)
        errors[k] = `Field '${k}' cannot be set both in 'fields' and in 'update'.`
    }
    let labels = [...issue.labels]
    if ('labels' in fields) {
      const problem = labelProblem(fields.labels)
      if (problem) errors.labels = problem
      else labels = [...new Set(fields.labels as string[])]
    }
    if ('labels' in update && !errors.labels) {
      const ops = update.labels
      if (!Array.isArray(ops)) errors.labels = "The operations on 'labels' must be a list."
      for (const op of Array.isArray(ops) ? (ops as unknown[]) : []) {
        const entries = op && typeof op === 'object' ? Object.entries(op) : []
        if (entries.length !== 1) {
          errors.labels = 'Each operation on labels must name exactly one of add, remove, set.'
          break
        }
        const [verb, value] = entries[0]!
        const values = verb === 'set' ? value : [value]
        const problem = labelProblem(values)
        if (problem || !['add', 'remove', 'set'].includes(verb)) {
          errors.labels = problem ?? `The operation '${verb}' is not supported for labels.`
          break
        }
        const given = values as string[]
        if (verb === 'add') labels = labels.includes(given[0]!) ? labels : [...labels, given[0]!]
        else if (verb === 'remove') labels = labels.filter((l) => l !== given[0])
        else labels = [...new Set(given)]
      }
    }
    const properties = b.properties ?? []
    if (
      !Array.isArray(properties) ||
      properties.some((p) => typeof p?.key !== 'string' || p.key === '' || p.key.length > 255)
    )
      errors.properties = 'Each property needs a key of at most 255 characters.'
    if (Object.keys(errors).length) return jiraError(400, [], errors)
    const changed =
      labels.length !== issue.labels.length || labels.some((l, n) => l !== issue.labels[n])
    issue.labels = labels
    for (const p of properties) issue.properties[p.key as string] = p.value
    if (changed) touch(issue)
    if (q.get('returnIssue') === 'true')
      return {
        status: 200,
        body: issueJson(issue, call.base, selectFields(undefined, '*all'), call.caller)
      }
    return { status: 204 }
  }

  const createIssue = (call: Call): Reply => {
    const b = body(call) as { fields?: Record<string, unknown>; update?: Record<string, unknown> }
    const f = b.fields ?? {}
    const errors: Record<string, string> = {}
    const ref = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {})
    const project = jira.projects.find(
      (p) => p.key === ref(f.project).key || p.id === ref(f.project).id
    )
    if (!project) errors.project = 'Specify a valid project ID or key'
    const it = ref(f.issuetype)
    const issueType = project?.issueTypes.find(
      (t, n) => t === it.name || String(10001 + n) === it.id
    )
    if (!f.issuetype) errors.issuetype = 'Specify an issue type'
    else if (project && !issueType) errors.issuetype = 'Specify a valid issue type'
    const summary = f.summary
    if (typeof summary !== 'string' || summary.trim() === '')
      errors.summary = 'You must specify a summary of the issue.'
    else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.'
    else if (/[\r\n]/.test(summary))
      errors.summary = 'The summary is invalid because it contains newline characters.'
    if (f.description !== undefined && f.description !== null)
      Object.assign(errors, adfErrors('description', f.description))
    const labels = f.labels ?? []
    const labelError = labelProblem(labels)
    if (labelError) errors.labels = labelError
    const person = (name: 'assignee' | 'reporter') => {
      const v = f[name]
      if (v === undefined || v === null) return null
      // Data Center names a user by `name` (username), Cloud by `accountId`.
      const id = dc
        ? jira.users.find((u) => dcName(u).toLowerCase() === ref(v).name?.toLowerCase())?.accountId
        : ref(v).accountId
      if (!jira.users.some((u) => u.accountId === id && u.active))
        errors[name] = `User '${id}' cannot be assigned issues.`
      return id ?? null
    }
    const assignee = person('assignee')
    const reporter = person('reporter') ?? callerId(call)
    const components = ((f.components as Array<Record<string, string>> | undefined) ?? []).map(
      (c) => c.name ?? ''
    )
    const badComponent = components.find((c) => !project?.components.includes(c))
    if (badComponent !== undefined)
      errors.components = `Component name '${badComponent}' is not valid`
    const priority = f.priority ? ref(f.priority).name : 'Medium'
    if (!PRIORITIES.includes(priority ?? '')) errors.priority = 'Specify a valid priority'
    for (const k of Object.keys(f)) {
      if (!CREATABLE.has(k))
        errors[k] = `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`
    }
    const links: Array<{ type: string; other: JiraIssueRec; outward: boolean }> = []
    for (const [k, ops] of Object.entries(b.update ?? {})) {
      if (k !== 'issuelinks') {
        errors[k] = `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`
        continue
      }
      for (const op of ops as Array<{
        add?: {
          type?: { name?: string }
          outwardIssue?: { key?: string }
          inwardIssue?: { key?: string }
        }
      }>) {
        const type = jira.issueLinkTypes.find((t) => t.name === op.add?.type?.name)
        const other = findIssue(op.add?.outwardIssue?.key ?? op.add?.inwardIssue?.key ?? '')
        if (!type || !other) errors.issuelinks = 'Issue link type or issue not found.'
        else links.push({ type: type.name, other, outward: !!op.add?.outwardIssue })
      }
    }
    if (Object.keys(errors).length) return jiraError(400, [], errors)
    const p = project!
    const issue: JiraIssueRec = {
      id: String(jira.nextId++),
      key: `${p.key}-${p.counter++}`,
      projectKey: p.key,
      issueType: issueType!,
      summary: summary as string,
      description: (f.description as AdfDoc | string | undefined) ?? null,
      status: workflowOf(p).statuses[0]!.name,
      priority: priority!,
      labels: labels as string[],
      components,
      assignee,
      reporter,
      watchers: reporter ? [reporter] : [],
      created: iso(),
      updated: iso(),
      comments: [],
      remoteLinks: [],
      properties: {}
    }
    jira.issues.push(issue)
    jira.createdIssues.push(issue.key)
    for (const l of links) addLink(l.type, l.outward ? issue : l.other, l.outward ? l.other : issue)
    return {
      status: 201,
      body: { id: issue.id, key: issue.key, self: `${call.base}${API}/issue/${issue.id}` }
    }
  }

  /** Operations an anonymous caller may reach: they answer as Jira does for nobody. */
  const ANONYMOUS_OK = new Set([
    'getServerInfo',
    'bulkFetchIssues',
    'searchAndReconsileIssuesUsingJql',
    'searchAndReconsileIssuesUsingJqlPost',
    'getIssueLinkTypes',
    'searchProjects',
    'searchV2'
  ])

  /** Data Center's REST v2 routes: method, path pattern (named groups are the params), operation. */
  const V2_ROUTES: Array<[string, RegExp, string]> = [
    ['GET', /^serverInfo$/, 'getServerInfo'],
    ['GET', /^myself$/, 'getCurrentUser'],
    ['GET', /^user$/, 'getUserV2'],
    ['GET', /^search$/, 'searchV2'],
    ['POST', /^search$/, 'searchV2'],
    ['POST', /^issue$/, 'createIssue'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)$/, 'getIssue'],
    ['PUT', /^issue\/(?<issueIdOrKey>[^/]+)$/, 'editIssue'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)\/remotelink$/, 'getRemoteIssueLinks'],
    ['POST', /^issue\/(?<issueIdOrKey>[^/]+)\/remotelink$/, 'createOrUpdateRemoteIssueLink'],
    ['DELETE', /^issue\/(?<issueIdOrKey>[^/]+)\/remotelink$/, 'deleteRemoteIssueLinkByGlobalId'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)\/transitions$/, 'getTransitions'],
    ['POST', /^issue\/(?<issueIdOrKey>[^/]+)\/transitions$/, 'doTransition'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)\/comment$/, 'getComments'],
    ['POST', /^issue\/(?<issueIdOrKey>[^/]+)\/comment$/, 'addComment'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)\/comment\/(?<id>[^/]+)$/, 'getComment'],
    ['PUT', /^issue\/(?<issueIdOrKey>[^/]+)\/comment\/(?<id>[^/]+)$/, 'updateComment'],
    ['DELETE', /^issue\/(?<issueIdOrKey>[^/]+)\/comment\/(?<id>[^/]+)$/, 'deleteComment'],
    ['GET', /^issue\/(?<issueIdOrKey>[^/]+)\/watchers$/, 'getIssueWatchers'],
    [
      'GET',
      /^issue\/(?<issueIdOrKey>[^/]+)\/properties\/(?<propertyKey>[^/]+)$/,
      'getIssueProperty'
    ],
    [
      'PUT',
      /^issue\/(?<issueIdOrKey>[^/]+)\/properties\/(?<propertyKey>[^/]+)$/,
      'setIssueProperty'
    ],
    ['POST', /^issueLink$/, 'linkIssues'],
    ['GET', /^issueLinkType$/, 'getIssueLinkTypes']
  ]

  /** Matches a Data Center request (no OpenAPI spec for v2: nothing beyond the handlers checks it). */
  const matchV2 = (
    ctx: Ctx,
    path: string
  ):
    | { kind: 'found'; operationId: string; params: Record<string, string> }
    | { kind: 'not-found' }
    | { kind: 'method-not-allowed'; allowed: string[] } => {
    const rest = path.startsWith(`${API}/`) ? path.slice(API.length + 1).replace(/\/$/, '') : null
    if (rest === null) return { kind: 'not-found' }
    const hits = V2_ROUTES.filter(([, re]) => re.test(rest))
    const hit = hits.find(([method]) => method === ctx.method)
    if (hit) {
      const params = Object.fromEntries(
        Object.entries(hit[1].exec(rest)!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])
      )
      return { kind: 'found', operationId: hit[2], params }
    }
    return hits.length
      ? { kind: 'method-not-allowed', allowed: hits.map(([m]) => m) }
      : { kind: 'not-found' }
  }

  const handle = (ctx: Ctx, caller: Caller, base: string, path: string): Reply => {
    const reply = route(ctx, caller, base, path)
    if (caller.kind === 'anonymous' && caller.failed)
      reply.headers = { ...reply.headers, 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' }
    return reply
  }

  const route = (ctx: Ctx, caller: Caller, base: string, path: string): Reply =>
    dc ? routeV2(ctx, caller, base, path) : routeV3(ctx, caller, base, path)

  /** Jira's answer to a path it does not serve, or to a method the path does not take. */
  const unroutedReply = (
    ctx: Ctx,
    match: { kind: 'not-found' } | { kind: 'method-not-allowed'; allowed: string[] }
  ): Reply =>
    match.kind === 'not-found'
      ? { status: 404, body: { message: `null for uri: ${ctx.url}`, 'status-code': 404 } }
      : {
          status: 405,
          headers: { allow: match.allowed.join(',') },
          body: { message: 'Method Not Allowed', 'status-code': 405 }
        }

  const routeV2 = (ctx: Ctx, caller: Caller, base: string, path: string): Reply => {
    const match = matchV2(ctx, path)
    if (match.kind !== 'found') return unroutedReply(ctx, match)
    return dispatch(ctx, caller, base, match.operationId, match.params)
  }

  const routeV3 = (ctx: Ctx, caller: Caller, base: string, path: string): Reply => {
    if (/^\/rest\/api\/[23]\/search\/?$/.test(path)) {
      return jiraError(410, [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046'
      ])
    }
    const match = spec.match(ctx.method, path)
    if (match.kind !== 'match') return unroutedReply(ctx, match)
    const { operation, params } = match.route
    ctx.operationId = operation.operationId
    if (ctx.badBody)
      return jiraError(400, ['Unexpected character: was expecting a valid JSON value.'])
    const problems = [
      ...spec.checkQuery(operation, ctx.query),
      ...spec.checkBody(operation, ctx.body)
    ]
    if (problems.length)
      return jiraError(
        400,
        problems.map((p) => p.message)
      )
    return dispatch(ctx, caller, base, operation.operationId, params)
  }

  const dispatch = (
    ctx: Ctx,
    caller: Caller,
    base: string,
    operationId: string,
    params: Record<string, string>
  ): Reply => {
    ctx.operationId = operationId
    if (ctx.badBody)
      return jiraError(400, ['Unexpected character: was expecting a valid JSON value.'])
    const call: Call = { ctx, caller, base, params }
    if (caller.kind === 'anonymous' && !ANONYMOUS_OK.has(operationId)) {
      if (!params.issueIdOrKey || operationId === 'createIssue') {
        return jiraError(401, [
          'You are not authenticated. Authentication required to perform this operation.'
        ])
      }
      return jiraError(404, [NO_ISSUE])
    }
    let issue: JiraIssueRec | undefined
    if (params.issueIdOrKey !== undefined) {
      issue = findIssue(params.issueIdOrKey)
      if (!issue) return jiraError(404, [NO_ISSUE])
    }
    return operations[operationId]!(call, issue)
  }

  // Every operation of the trimmed spec must have a handler (checked by the tests too).
  for (const ops of Object.values(spec.doc.paths)) {
    for (const op of Object.values(ops))
      if (!operations[op.operationId]) throw new Error(`no Jira handler for ${op.operationId}`)
  }

  return { authenticate, handle }
}
