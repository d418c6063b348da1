/**
 * `npm run linkset:export -- --repo <owner/name> --project <KEY> [--project <KEY>…] --out <dir>
 * [--prs 300] [--pool 5000]`: a linkset folder of your own, to measure key-less auto-linking on
 * your PRs and issues before you rely on it (`npm run eval:link -- <dir>`).
 *
 * It reads the repository's latest merged PRs (`--prs`, newest first) and keeps those that name
 * an issue of the projects: the keys they name are the right answers, and are taken out of the
 * PR's text (scripts/linkset-record.ts). The pool is the projects' latest `--pool` issues, plus
 * any issue a PR names that is older. It writes `<P>-issues.jsonl` and `<P>-links.jsonl`.
 *
 * Credentials come from the environment, as the action's inputs would: JIRA_URL, and
 * JIRA_EMAIL or JIRA_USERNAME with JIRA_API_TOKEN (or JIRA_API_TOKEN alone, a Data Center
 * personal access token), or JIRA_OAUTH_CLIENT_ID with JIRA_OAUTH_CLIENT_SECRET; GITHUB_TOKEN
 * (read access to the repository), and GITHUB_API_URL for GitHub Enterprise Server. It only reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

await import(new URL('./ts-resolve.ts', import.meta.url).href)
const { commandLine, refuse } = await import('./cli.js')
const { linksetIssue, linksetRecord } = await import('./linkset-record.js')
const { resolveJiraAuth } = await import('../src/jira/auth.js')
const { connectJira } = await import('../src/jira/client.js')
const { createGitHub } = await import('../src/github/index.js')
const { createOctokit } = await import('../src/github/client.js')
const { jqlString } = await import('../src/util/jql.js')
const { chunks } = await import('../src/util/chunks.js')
const { settleAll } = await import('../src/util/settle.js')

type LinksetRecord = import('./linkset-record.js').LinksetRecord

const USAGE =
  'usage: npm run linkset:export -- --repo <owner/name> --project <KEY> [--project <KEY>…] --out <dir> [--prs 300] [--pool 5000]'

function usage(problem: string): never {
  return refuse(USAGE, problem)
}

const { values: args } = commandLine(USAGE, {
  options: {
    repo: { type: 'string' },
    project: { type: 'string', multiple: true },
    out: { type: 'string' },
    prs: { type: 'string', default: '300' },
    pool: { type: 'string', default: '5000' }
  }
})

/**
 * The action's code speaks GitHub's workflow commands (`::debug::`, `::add-mask::<secret>`) on
 * stdout; in a terminal those are noise, and a mask would print the very secret it hides. Only
 * warnings and errors get through, as plain lines on stderr.
 */
function quietWorkflowCommands(): void {
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (!text.startsWith('::')) return write(chunk, ...(rest as []))
    const command = /^::(warning|error)[^:]*::(.*)/s.exec(text)
    if (command) process.stderr.write(`${command[1]}: ${command[2]}`)
    return true
  }) as typeof process.stdout.write
}

function count(given: string, name: string, max: number): number {
  const value = Number(given)
  if (!Number.isInteger(value) || value < 1 || value > max) {
    usage(`--${name} must be a whole number from 1 to ${max}, not "${given}"`)
  }
  return value
}

const jsonl = (rows: readonly unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('')

/** The latest merged PRs (newest first, at most `maxPrs`) that name an issue of the projects. */
async function readRecords(
  octokit: ReturnType<typeof createOctokit>,
  github: ReturnType<typeof createGitHub>,
  target: { owner: string; repo: string; projects: string[]; maxPrs: number }
): Promise<{ merged: number; closed: number; records: LinksetRecord[] }> {
  const { owner, repo, projects, maxPrs } = target
  const merged: number[] = []
  let closed = 0
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'closed',
    sort: 'created',
    direction: 'desc',
    per_page: 100
  })) {
    for (const pr of page.data) {
      closed++
      if (pr.merged_at && merged.length < maxPrs) merged.push(pr.number)
    }
    if (merged.length >= maxPrs) break
  }
  const records: LinksetRecord[] = []
  for (const batch of chunks(merged, 4)) {
    for (const facts of await Promise.all(batch.map((n) => github.loadPrFacts(n)))) {
      const record = linksetRecord(facts, projects)
      if (record) records.push(record)
    }
  }
  return { merged: merged.length, closed, records }
}

async function main(): Promise<void> {
  const [owner, repo, extra] = (args.repo ?? '').split('/')
  if (!owner || !repo || extra !== undefined) usage('--repo must be <owner/name>')
  const projects = [...new Set((args.project ?? []).map((p) => p.trim().toUpperCase()))]
  if (projects.length === 0 || projects.some((p) => !/^[A-Z][A-Z0-9_]+$/.test(p))) {
    usage('--project must be a Jira project key, e.g. --project ABC (repeat it for several)')
  }
  if (!args.out) usage('--out must name the folder to write')
  const maxPrs = count(args.prs, 'prs', 5000)
  const poolMax = count(args.pool, 'pool', 20000)

  const env = process.env
  if (env.JIRA_OAUTH_REFRESH_TOKEN) {
    usage(
      'JIRA_OAUTH_REFRESH_TOKEN is set: a 3LO refresh rotates the token the action relies on. Use an API token or OAuth client credentials here.'
    )
  }
  const githubToken = env.GITHUB_TOKEN ?? ''
  if (githubToken === '') usage('GITHUB_TOKEN is not set (a token that can read the repository)')
  quietWorkflowCommands()
  const auth = resolveJiraAuth({
    jiraUrl: env.JIRA_URL || undefined,
    jiraEmail: env.JIRA_EMAIL || undefined,
    jiraUsername: env.JIRA_USERNAME || undefined,
    jiraApiToken: env.JIRA_API_TOKEN || undefined,
    jiraOauthClientId: env.JIRA_OAUTH_CLIENT_ID || undefined,
    jiraOauthClientSecret: env.JIRA_OAUTH_CLIENT_SECRET || undefined,
    jiraOauthRefreshTokenSecret: '',
    githubToken,
    rules: {},
    configPath: ''
  })
  const jira = await connectJira({ auth, owner, repo })
  const github = createGitHub({ token: githubToken, owner, repo })
  const octokit = createOctokit({ token: githubToken })

  // The PRs (GitHub) and the pool (Jira) do not wait for each other.
  const scope = `project in (${projects.map(jqlString).join(', ')})`
  const [{ merged, closed, records }, pool] = await settleAll([
    readRecords(octokit, github, { owner, repo, projects, maxPrs }),
    jira.searchIssues(`${scope} ORDER BY created DESC`, { max: poolMax, details: true })
  ])

  // An issue a PR names that is older than the pool, read by key (a moved issue answers under its
  // new key, which the pool may have).
  const inPool = new Set(pool.map((issue) => issue.key))
  const missing = [...new Set(records.flatMap((r) => r.keys))].filter((key) => !inPool.has(key))
  const older = await jira.getIssues(missing, { details: true })
  pool.push(...older.filter((issue) => !inPool.has(issue.key)))
  // A key Jira does not know (a typo, an issue moved or deleted) is no right answer.
  const known = new Set(pool.map((issue) => issue.key))
  const answered = records
    .map((r) => ({ ...r, keys: r.keys.filter((key) => known.has(key)) }))
    .filter((r) => r.keys.length > 0)
    .map((r) => ({ ...r, key: r.keys[0] as string }))

  mkdirSync(args.out, { recursive: true })
  console.log(
    `${owner}/${repo}: ${merged} merged PRs read (of ${closed} closed), ${answered.length} name an issue of ${projects.join(', ')}`
  )
  for (const project of projects) {
    const issues = pool.filter((issue) => issue.projectKey === project)
    const links = answered.filter((r) => r.project === project)
    if (links.length === 0) continue
    writeFileSync(join(args.out, `${project}-issues.jsonl`), jsonl(issues.map(linksetIssue)))
    writeFileSync(join(args.out, `${project}-links.jsonl`), jsonl(links))
    console.log(`  ${project}: ${links.length} PRs, a pool of ${issues.length} issues`)
  }
  console.log(`next: npm run eval:link -- ${args.out}`)
}

main().catch((error: unknown) => {
  // A credential or permission problem: the message says which (the action's input names, as
  // the environment variables here); no stack for it.
  const message = error instanceof Error ? error.message : String(error)
  console.error(
    message.replace(/'((?:jira|github)-[a-z-]+)'/g, (_, input: string) =>
      input.toUpperCase().replace(/-/g, '_')
    )
  )
  process.exit(1)
})
