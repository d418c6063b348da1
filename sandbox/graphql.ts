/**
 * GitHub's GraphQL API, the part the action uses: a pull request's review threads (cursor paging)
 * and replies to a thread. A real (small) GraphQL parser and executor, so any query shape a client
 * writes (aliases, fragments, variables) is answered with exactly the fields it selected, and an
 * unknown field or argument gets GitHub's error.
 */
import type { Ctx, Reply } from './server.js'
import type {
  GhTokenRec,
  PullRec,
  RepoRec,
  ReviewCommentRec,
  ReviewThreadRec,
  SandboxState
} from './state.js'
import { WEB } from './github.js'

// --- parsing ------------------------------------------------------------------------------------

type Value =
  | { kind: 'var'; name: string }
  | { kind: 'const'; value: unknown }
  | { kind: 'list'; items: Value[] }
  | { kind: 'object'; fields: Record<string, Value> }

interface Loc {
  line: number
  column: number
}

type Selection =
  | {
      kind: 'field'
      alias?: string
      name: string
      args: Record<string, Value>
      selections?: Selection[]
      loc: Loc
    }
  | { kind: 'spread'; name: string }
  | { kind: 'inline'; on?: string; selections: Selection[] }

interface OperationDef {
  type: 'query' | 'mutation'
  name?: string
  variables: Record<string, Value | undefined>
  selections: Selection[]
}

class GraphQLError extends Error {
  readonly extra: Record<string, unknown>

  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message)
    this.extra = extra
  }
}

interface Tok {
  kind: 'punct' | 'name' | 'string' | 'number' | 'eof'
  value: string
  loc: Loc
}

function lex(source: string): Tok[] {
  const tokens: Tok[] = []
  const re =
    /([\s,]+|#[^\n]*)|(\.\.\.|[!$():=@[\]{}|&])|([_A-Za-z][_0-9A-Za-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\\n]|\\.)*")|(.)/gy
  let m: RegExpExecArray | null
  while ((m = re.exec(source))) {
    const before = source.slice(0, m.index).split('\n')
    const loc = { line: before.length, column: before[before.length - 1]!.length + 1 }
    if (m[1]) continue
    if (m[6])
      throw new GraphQLError(`Parse error on "${m[6]}" at [${loc.line}, ${loc.column}]`, {
        locations: [loc]
      })
    const kind = m[2] ? 'punct' : m[3] ? 'name' : m[4] ? 'number' : 'string'
    tokens.push({ kind, value: kind === 'string' ? (JSON.parse(m[5]!) as string) : m[0], loc })
  }
  const lines = source.split('\n')
  tokens.push({
    kind: 'eof',
    value: '',
    loc: { line: lines.length, column: lines[lines.length - 1]!.length + 1 }
  })
  return tokens
}

function parse(source: string): {
  operations: OperationDef[]
  fragments: Record<string, Selection[]>
} {
  const t = lex(source)
  let i = 0
  const peek = () => t[i]!
  const fail = (tok: Tok): never => {
    const shown = tok.kind === 'eof' ? 'end of file' : `"${tok.value}"`
    throw new GraphQLError(`Parse error on ${shown} at [${tok.loc.line}, ${tok.loc.column}]`, {
      locations: [tok.loc]
    })
  }
  const eat = (value?: string, kind?: Tok['kind']): Tok => {
    const tok = t[i]!
    if (
      (value !== undefined && tok.value !== value) ||
      (kind && tok.kind !== kind) ||
      tok.kind === 'eof'
    )
      fail(tok)
    i++
    return tok
  }
  const at = (value: string) => peek().kind === 'punct' && peek().value === value

  const parseValue = (): Value => {
    const tok = peek()
    if (at('$')) {
      eat('$')
      return { kind: 'var', name: eat(undefined, 'name').value }
    }
    if (at('[')) {
      eat('[')
      const items: Value[] = []
      while (!at(']')) items.push(parseValue())
      eat(']')
      return { kind: 'list', items }
    }
    if (at('{')) {
      eat('{')
      const fields: Record<string, Value> = {}
      while (!at('}')) {
        const name = eat(undefined, 'name').value
        eat(':')
        fields[name] = parseValue()
      }
      eat('}')
      return { kind: 'object', fields }
    }
    i++
    if (tok.kind === 'string') return { kind: 'const', value: tok.value }
    if (tok.kind === 'number') return { kind: 'const', value: Number(tok.value) }
    if (tok.kind === 'name')
      return {
        kind: 'const',
        value:
          tok.value === 'true'
            ? true
            : tok.value === 'false'
              ? false
              : tok.value === 'null'
                ? null
                : tok.value
      }
    return fail(tok)
  }

  const parseSelections = (): Selection[] => {
    eat('{')
    const out: Selection[] = []
    while (!at('}')) {
      if (at('...')) {
        eat('...')
        if (peek().value === 'on') {
          eat('on')
          const on = eat(undefined, 'name').value
          out.push({ kind: 'inline', on, selections: parseSelections() })
        } else if (at('{')) out.push({ kind: 'inline', selections: parseSelections() })
        else out.push({ kind: 'spread', name: eat(undefined, 'name').value })
        continue
      }
      const first = eat(undefined, 'name')
      let name = first.value
      let alias: string | undefined
      if (at(':')) {
        eat(':')
        alias = name
        name = eat(undefined, 'name').value
      }
      const args: Record<string, Value> = {}
      if (at('(')) {
        eat('(')
        while (!at(')')) {
          const arg = eat(undefined, 'name').value
          eat(':')
          args[arg] = parseValue()
        }
        eat(')')
      }
      out.push({
        kind: 'field',
        alias,
        name,
        args,
        loc: first.loc,
        ...(at('{') ? { selections: parseSelections() } : {})
      })
    }
    eat('}')
    if (out.length === 0) fail(t[i - 1]!)
    return out
  }

  const operations: OperationDef[] = []
  const fragments: Record<string, Selection[]> = {}
  while (peek().kind !== 'eof') {
    if (at('{')) {
      operations.push({ type: 'query', variables: {}, selections: parseSelections() })
      continue
    }
    const keyword = eat(undefined, 'name').value
    if (keyword === 'fragment') {
      const name = eat(undefined, 'name').value
      eat('on')
      eat(undefined, 'name')
      fragments[name] = parseSelections()
      continue
    }
    if (keyword !== 'query' && keyword !== 'mutation') fail(t[i - 1]!)
    const name = peek().kind === 'name' ? eat().value : undefined
    const variables: Record<string, Value | undefined> = {}
    if (at('(')) {
      eat('(')
      while (!at(')')) {
        eat('$')
        const name = eat(undefined, 'name').value
        eat(':')
        // The type: a name, lists and non-null markers; the sandbox does not check it.
        while (at('[') || at(']') || at('!') || peek().kind === 'name') i++
        variables[name] = at('=') ? (eat('='), parseValue()) : undefined
      }
      eat(')')
    }
    operations.push({
      type: keyword as 'query' | 'mutation',
      name,
      variables,
      selections: parseSelections()
    })
  }
  if (operations.length === 0) throw new GraphQLError('No operations in query document')
  return { operations, fragments }
}

/** A field's arguments as GitHub prints them in a conflict: `{first:"1"}`. */
function printArgs(args: Record<string, Value>): string {
  const literal = (v: Value): string => {
    switch (v.kind) {
      case 'var':
        return `$${v.name}`
      case 'const':
        return typeof v.value === 'string' ? JSON.stringify(v.value) : String(v.value)
      case 'list':
        return `[${v.items.map(literal).join(', ')}]`
      case 'object':
        return `{${Object.entries(v.fields)
          .map(([k, x]) => `${k}: ${literal(x)}`)
          .join(', ')}}`
    }
  }
  const entries = Object.entries(args).map(([k, v]) => `${k}:${JSON.stringify(literal(v))}`)
  return `{${entries.join(',')}}`
}

/**
 * GitHub's check that fields sharing a response key can be merged: the same field with other
 * arguments (`comments(first: 1)` beside `comments(last: 50)`) needs an alias. Type conditions
 * are not told apart (GitHub lets fields of two object types differ).
 */
function fieldConflicts(
  selections: Selection[],
  fragments: Record<string, Selection[]>
): Array<Record<string, unknown>> {
  const errors: Array<Record<string, unknown>> = []
  const fieldsOf = (
    list: Selection[],
    seen: Set<string>
  ): Array<Extract<Selection, { kind: 'field' }>> =>
    list.flatMap((s) => {
      if (s.kind === 'field') return [s]
      if (s.kind === 'inline') return fieldsOf(s.selections, seen)
      if (seen.has(s.name)) return []
      return fieldsOf(fragments[s.name] ?? [], new Set([...seen, s.name]))
    })
  const check = (list: Selection[]) => {
    const byKey = new Map<string, Array<Extract<Selection, { kind: 'field' }>>>()
    for (const field of fieldsOf(list, new Set())) {
      const key = field.alias ?? field.name
      byKey.set(key, [...(byKey.get(key) ?? []), field])
    }
    for (const [key, fields] of byKey) {
      const first = fields[0]!
      for (const other of fields.slice(1)) {
        const conflict =
          other.name !== first.name
            ? { kind: 'a field', conflicts: [first.name, other.name].sort().join(' or ') }
            : printArgs(other.args) !== printArgs(first.args)
              ? {
                  kind: 'an argument',
                  conflicts: `${printArgs(first.args)} or ${printArgs(other.args)}`
                }
              : null
        if (conflict)
          errors.push({
            path: [],
            extensions: { code: 'fieldConflict', fieldName: key, conflicts: conflict.conflicts },
            locations: [first.loc, other.loc],
            message: `Field '${key}' has ${conflict.kind} conflict: ${conflict.conflicts}?`
          })
      }
      // Fields merged under one key answer with one object: their selections must merge too.
      const nested = fields.flatMap((f) => f.selections ?? [])
      if (nested.length > 0) check(nested)
    }
  }
  check(selections)
  return errors
}

// --- schema -------------------------------------------------------------------------------------

type Resolver = (parent: Record<string, unknown>, args: Record<string, unknown>) => unknown

interface FieldDef {
  /** Object type name, or a scalar (String, Int, Boolean, ID, DateTime, URI). `[T]` is a list. */
  type: string
  args?: Record<string, { required?: boolean }>
  resolve?: Resolver
}

/** Fields read straight off the parent object: name → type. */
const plain = (fields: Record<string, string>): Record<string, FieldDef> =>
  Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, { type }]))

const SCALARS = new Set(['String', 'Int', 'Boolean', 'ID', 'DateTime', 'URI', 'Float'])
const CONNECTION_ARGS = { first: {}, after: {}, last: {}, before: {} }

interface Sources {
  state: SandboxState
  token: GhTokenRec
  now: () => number
}

export function createGraphQL({ state, now }: Omit<Sources, 'token'>) {
  const gh = state.github

  const cursor = (n: number) => Buffer.from(`cursor:v2:${n}`).toString('base64')
  const offsetOf = (c: unknown): number => {
    if (c === undefined || c === null) return -1
    const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(c), 'base64').toString('utf8'))
    if (!m)
      throw new GraphQLError(`\`${String(c)}\` does not appear to be a valid cursor.`, {
        type: 'INVALID_CURSOR_ARGUMENTS'
      })
    return Number(m[1])
  }

  /** Relay connection paging with GitHub's rules: first or last is required, 100 at most. */
  const connection = (items: unknown[], args: Record<string, unknown>, field: string) => {
    const { first, last, after, before } = args as {
      first?: number
      last?: number
      after?: string
      before?: string
    }
    if (first === undefined && last === undefined) {
      throw new GraphQLError(
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
        { type: 'MISSING_PAGINATION_BOUNDARIES' }
      )
    }
    for (const [name, n] of [
      ['first', first],
      ['last', last]
    ] as const) {
      if (n !== undefined && n > 100) {
        throw new GraphQLError(
          `Requesting ${n} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
          { type: 'EXCESSIVE_PAGINATION' }
        )
      }
    }
    let start = offsetOf(after) + 1
    let end = before !== undefined ? offsetOf(before) : items.length
    if (first !== undefined) end = Math.min(end, start + first)
    if (last !== undefined) start = Math.max(start, end - last)
    const edges = items.slice(start, end).map((node, k) => ({ cursor: cursor(start + k), node }))
    return {
      totalCount: items.length,
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: end < items.length,
        hasPreviousPage: start > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null
      }
    }
  }

  const actor = (login: string | null) => {
    if (!login) return null
    const u = gh.users.find((x) => x.login === login)
    return { __typename: u?.type === 'Bot' ? 'Bot' : 'User', login, url: `${WEB}/${login}` }
  }

  const commentNode = (c: ReviewCommentRec, t: ReviewThreadRec) => ({
    __typename: 'PullRequestReviewComment',
    id: c.id,
    databaseId: c.databaseId,
    body: c.body,
    bodyText: c.body,
    url: c.url,
    createdAt: c.createdAt,
    author: actor(c.author),
    path: t.path,
    line: t.isOutdated ? null : t.line,
    originalLine: t.originalLine,
    outdated: t.isOutdated,
    _thread: t
  })

  const find = (
    threadId: string
  ): { repo: RepoRec; pull: PullRec; thread: ReviewThreadRec } | null => {
    for (const repo of gh.repos) {
      for (const pull of repo.pulls) {
        const thread = pull.threads.find((x) => x.id === threadId)
        if (thread) return { repo, pull, thread }
      }
    }
    return null
  }

  const reply = (threadId: string, body: string, login: string) => {
    const found = find(threadId)
    if (!found)
      throw new GraphQLError(`Could not resolve to a node with the global id of '${threadId}'`, {
        type: 'NOT_FOUND'
      })
    if (body.trim() === '') throw new GraphQLError("Body can't be blank", { type: 'UNPROCESSABLE' })
    const databaseId = gh.nextId++
    const c: ReviewCommentRec = {
      id: `PRRC_${databaseId}`,
      databaseId,
      author: login,
      body,
      createdAt: new Date(now()).toISOString(),
      url: `${WEB}/${found.repo.owner}/${found.repo.name}/pull/${found.pull.number}#discussion_r${databaseId}`
    }
    found.thread.comments.push(c)
    return commentNode(c, found.thread)
  }

  const schema = (token: GhTokenRec): Record<string, Record<string, FieldDef>> => ({
    Query: {
      repository: {
        type: 'Repository',
        args: { owner: { required: true }, name: { required: true }, followRenames: {} },
        resolve: (_p, a) => {
          const repo = gh.repos.find(
            (r) =>
              r.owner.toLowerCase() === String(a.owner).toLowerCase() &&
              r.name.toLowerCase() === String(a.name).toLowerCase()
          )
          if (!repo)
            throw new GraphQLError(
              `Could not resolve to a Repository with the name '${String(a.owner)}/${String(a.name)}'.`,
              { type: 'NOT_FOUND' }
            )
          return {
            _repo: repo,
            id: `R_${repo.id}`,
            name: repo.name,
            nameWithOwner: `${repo.owner}/${repo.name}`,
            owner: actor(repo.owner)
          }
        }
      },
      viewer: { type: 'Actor', resolve: () => actor(token.login) },
      rateLimit: {
        type: 'RateLimit',
        resolve: () => ({
          cost: 1,
          limit: 5000,
          remaining: 4999,
          used: 1,
          resetAt: new Date(now() + 3_600_000).toISOString()
        })
      }
    },
    Mutation: {
      addPullRequestReviewThreadReply: {
        type: 'ReplyPayload',
        args: { input: { required: true } },
        resolve: (_p, a) => {
          const input = a.input as {
            pullRequestReviewThreadId?: string
            body?: string
            clientMutationId?: string
          }
          if (!input.pullRequestReviewThreadId || input.body === undefined)
            throw new GraphQLError(
              "Argument 'input' on Field 'addPullRequestReviewThreadReply' has an invalid value. Expected type 'AddPullRequestReviewThreadReplyInput!'.",
              { type: 'argumentLiteralsIncompatible' }
            )
          return {
            clientMutationId: input.clientMutationId ?? null,
            comment: reply(input.pullRequestReviewThreadId, input.body, token.login)
          }
        }
      },
      addPullRequestReviewComment: {
        type: 'ReplyPayload',
        args: { input: { required: true } },
        resolve: (_p, a) => {
          const input = a.input as { inReplyTo?: string; body?: string; clientMutationId?: string }
          if (!input.inReplyTo || input.body === undefined)
            throw new GraphQLError(
              'The sandbox supports addPullRequestReviewComment only as a reply (inReplyTo and body).',
              { type: 'UNPROCESSABLE' }
            )
          const thread = gh.repos
            .flatMap((r) => r.pulls.flatMap((p) => p.threads))
            .find((t) => t.comments.some((c) => c.id === input.inReplyTo))
          if (!thread)
            throw new GraphQLError(
              `Could not resolve to a node with the global id of '${input.inReplyTo}'`,
              { type: 'NOT_FOUND' }
            )
          return {
            clientMutationId: input.clientMutationId ?? null,
            comment: reply(thread.id, input.body, token.login)
          }
        }
      }
    },
    ReplyPayload: {
      ...plain({ clientMutationId: 'String', comment: 'PullRequestReviewComment' })
    },
    Repository: {
      ...plain({ id: 'ID', name: 'String', nameWithOwner: 'String', owner: 'Actor' }),
      pullRequest: {
        type: 'PullRequest',
        args: { number: { required: true } },
        resolve: (p, a) => {
          const pull = (p._repo as RepoRec).pulls.find((x) => x.number === a.number)
          if (!pull)
            throw new GraphQLError(
              `Could not resolve to a PullRequest with the number of ${String(a.number)}.`,
              { type: 'NOT_FOUND' }
            )
          const repo = p._repo as RepoRec
          return {
            _pull: pull,
            id: `PR_${pull.id}`,
            number: pull.number,
            title: pull.title,
            url: `${WEB}/${repo.owner}/${repo.name}/pull/${pull.number}`,
            state: pull.merged ? 'MERGED' : pull.state.toUpperCase(),
            isDraft: pull.draft,
            merged: pull.merged,
            author: actor(pull.author),
            headRefName: pull.head.ref,
            baseRefName: pull.base.ref
          }
        }
      }
    },
    PullRequest: {
      ...plain({
        id: 'ID',
        number: 'Int',
        title: 'String',
        url: 'URI',
        state: 'String',
        isDraft: 'Boolean',
        merged: 'Boolean',
        author: 'Actor',
        headRefName: 'String',
        baseRefName: 'String'
      }),
      reviewThreads: {
        type: 'Connection:PullRequestReviewThread',
        args: CONNECTION_ARGS,
        resolve: (p, a) =>
          connection(
            (p._pull as PullRec).threads.map((t) => ({
              _thread: t,
              id: t.id,
              isResolved: t.isResolved,
              isOutdated: t.isOutdated,
              isCollapsed: t.isResolved,
              path: t.path,
              line: t.isOutdated ? null : t.line,
              originalLine: t.originalLine,
              startLine: null,
              originalStartLine: null,
              diffSide: t.diffSide,
              resolvedBy: actor(t.resolvedBy),
              viewerCanReply: true,
              viewerCanResolve: true
            })),
            a,
            'reviewThreads'
          )
      }
    },
    PullRequestReviewThread: {
      ...plain({
        id: 'ID',
        isResolved: 'Boolean',
        isOutdated: 'Boolean',
        isCollapsed: 'Boolean',
        path: 'String',
        line: 'Int',
        originalLine: 'Int',
        startLine: 'Int',
        originalStartLine: 'Int',
        diffSide: 'String',
        resolvedBy: 'Actor',
        viewerCanReply: 'Boolean',
        viewerCanResolve: 'Boolean'
      }),
      comments: {
        type: 'Connection:PullRequestReviewComment',
        args: CONNECTION_ARGS,
        resolve: (p, a) => {
          const t = p._thread as ReviewThreadRec
          return connection(
            t.comments.map((c) => commentNode(c, t)),
            a,
            'comments'
          )
        }
      }
    },
    PullRequestReviewComment: {
      ...plain({
        id: 'ID',
        databaseId: 'Int',
        body: 'String',
        bodyText: 'String',
        url: 'URI',
        createdAt: 'DateTime',
        author: 'Actor',
        path: 'String',
        line: 'Int',
        originalLine: 'Int',
        outdated: 'Boolean'
      })
    },
    Actor: { login: { type: 'String' }, url: { type: 'URI' } },
    RateLimit: {
      ...plain({ cost: 'Int', limit: 'Int', remaining: 'Int', used: 'Int', resetAt: 'DateTime' })
    },
    PageInfo: {
      ...plain({
        hasNextPage: 'Boolean',
        hasPreviousPage: 'Boolean',
        startCursor: 'String',
        endCursor: 'String'
      })
    }
  })

  /** Connection types are generated: `Connection:T` has totalCount, pageInfo, nodes and edges. */
  const typeDef = (
    types: Record<string, Record<string, FieldDef>>,
    name: string
  ): Record<string, FieldDef> | undefined => {
    if (!name.startsWith('Connection:')) return types[name]
    const node = name.slice('Connection:'.length)
    return {
      ...plain({ totalCount: 'Int', pageInfo: 'PageInfo' }),
      nodes: { type: `[${node}]` },
      edges: { type: `[Edge:${node}]` }
    }
  }
  const edgeDef = (name: string): Record<string, FieldDef> => ({
    cursor: { type: 'String' },
    node: { type: name.slice('Edge:'.length) }
  })
  const displayName = (type: string) =>
    type.replace(/^Connection:(.*)$/, '$1Connection').replace(/^Edge:(.*)$/, '$1Edge')

  return (ctx: Ctx, token: GhTokenRec): Reply => {
    const b = (ctx.body ?? {}) as {
      query?: unknown
      variables?: Record<string, unknown>
      operationName?: string
    }
    const answer = (body: unknown): Reply => ({ status: 200, body })
    if (typeof b.query !== 'string')
      return answer({
        errors: [{ message: 'A query attribute must be specified and must be a string.' }]
      })
    let doc: ReturnType<typeof parse>
    try {
      doc = parse(b.query)
    } catch (error) {
      if (error instanceof GraphQLError)
        return answer({ errors: [{ message: error.message, ...error.extra }] })
      throw error
    }
    const op = b.operationName
      ? doc.operations.find((o) => o.name === b.operationName)
      : doc.operations[0]
    if (!op) return answer({ errors: [{ message: `No operation named "${b.operationName}"` }] })
    const conflicts = fieldConflicts(op.selections, doc.fragments)
    if (conflicts.length) return answer({ errors: conflicts })
    const types = schema(token)
    const variables = { ...(b.variables ?? {}) }
    const errors: Array<Record<string, unknown>> = []
    let staticError = false

    const evalValue = (v: Value): unknown => {
      switch (v.kind) {
        case 'var':
          return (
            variables[v.name] ??
            (op.variables[v.name] ? evalValue(op.variables[v.name]!) : undefined)
          )
        case 'const':
          return v.value
        case 'list':
          return v.items.map(evalValue)
        case 'object':
          return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, evalValue(x)]))
      }
    }

    const flatten = (
      selections: Selection[],
      typeName: string,
      runtime: string | undefined
    ): Array<Extract<Selection, { kind: 'field' }>> =>
      selections.flatMap((s) => {
        if (s.kind === 'field') return [s]
        if (s.kind === 'spread') return flatten(doc.fragments[s.name] ?? [], typeName, runtime)
        return !s.on || s.on === typeName || s.on === runtime || s.on === 'Node'
          ? flatten(s.selections, typeName, runtime)
          : []
      })

    /** A validation error: GitHub answers these without data. */
    const refuse = (
      path: string[],
      loc: Loc,
      extensions: Record<string, unknown>,
      message: string
    ) => {
      staticError = true
      errors.push({ path, extensions, locations: [loc], message })
    }

    const execute = (
      typeName: string,
      parent: Record<string, unknown>,
      selections: Selection[],
      path: string[]
    ): Record<string, unknown> => {
      const fields = typeName.startsWith('Edge:') ? edgeDef(typeName) : typeDef(types, typeName)!
      const out: Record<string, unknown> = {}
      for (const sel of flatten(
        selections,
        displayName(typeName),
        parent.__typename as string | undefined
      )) {
        const key = sel.alias ?? sel.name
        if (sel.name === '__typename') {
          out[key] = (parent.__typename as string | undefined) ?? displayName(typeName)
          continue
        }
        const def = fields[sel.name]
        const here = [...path, key]
        if (!def) {
          refuse(
            here,
            sel.loc,
            {
              code: 'undefinedField',
              typeName: displayName(typeName),
              fieldName: sel.name
            },
            `Field '${sel.name}' doesn't exist on type '${displayName(typeName)}'`
          )
          continue
        }
        const args: Record<string, unknown> = {}
        for (const [name, v] of Object.entries(sel.args)) {
          if (!def.args || !(name in def.args)) {
            refuse(
              here,
              sel.loc,
              {
                code: 'argumentNotAccepted',
                name: sel.name,
                typeName: 'Field',
                argumentName: name
              },
              `Field '${sel.name}' doesn't accept argument '${name}'`
            )
          } else args[name] = evalValue(v)
        }
        const missing = Object.entries(def.args ?? {})
          .filter(([n, a]) => a.required && args[n] === undefined)
          .map(([n]) => n)
        if (missing.length) {
          refuse(
            here,
            sel.loc,
            {
              code: 'missingRequiredArguments',
              className: 'Field',
              name: sel.name,
              arguments: missing.join(', ')
            },
            `Field '${sel.name}' is missing required arguments: ${missing.join(', ')}`
          )
          continue
        }
        let value: unknown
        try {
          value = def.resolve ? def.resolve(parent, args) : parent[sel.name]
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error
          errors.push({ ...error.extra, path: here, locations: [sel.loc], message: error.message })
          out[key] = null
          continue
        }
        const list = def.type.startsWith('[')
        const inner = list ? def.type.slice(1, -1) : def.type
        if (SCALARS.has(inner)) {
          if (sel.selections) {
            refuse(
              here,
              sel.loc,
              {
                code: 'selectionMismatch',
                nodeName: `field '${sel.name}'`,
                typeName: inner
              },
              `Selections can't be made on scalars (field '${sel.name}' returns ${inner} but has selections [...])`
            )
          }
          out[key] = value ?? null
          continue
        }
        if (!sel.selections) {
          refuse(
            here,
            sel.loc,
            {
              code: 'selectionMismatch',
              nodeName: `field '${sel.name}'`,
              typeName: displayName(inner)
            },
            `Field must have selections (field '${sel.name}' returns ${displayName(inner)} but has no selections. Did you mean '${sel.name} { ... }'?)`
          )
          continue
        }
        const sub = (v: unknown, p: string[]) =>
          v === null || v === undefined
            ? null
            : execute(inner, v as Record<string, unknown>, sel.selections!, p)
        out[key] = list
          ? ((value as unknown[]) ?? []).map((v, n) => sub(v, [...here, String(n)]))
          : sub(value, here)
      }
      return out
    }

    const data = execute(op.type === 'mutation' ? 'Mutation' : 'Query', {}, op.selections, [])
    if (staticError)
      return answer({
        errors: errors.filter(
          (e) => typeof (e.extensions as { code?: string } | undefined)?.code === 'string'
        )
      })
    return answer(errors.length ? { data, errors } : { data })
  }
}
