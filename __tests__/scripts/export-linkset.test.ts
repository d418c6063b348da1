/**
 * `npm run linkset:export` as a user runs it, against the sandbox: a linkset folder of the
 * repository's merged PRs that name an issue, their keys taken out, that `npm run eval:link`
 * measures; it only reads, and a dead credential is one message without the token.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { ACME, acmePlus, startSandbox, type Sandbox } from '../../sandbox/index.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

let sb: Sandbox
beforeEach(async () => {
  sb = await startSandbox({ seed: acmePlus() })
  sb.mergePullRequest('acme/shop', 42, 'ana-lima')
})
afterEach(() => sb.close())

/** The script in a child process: the sandbox answers from this one, so never block it. */
async function exportLinkset(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/export-linkset.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        JIRA_URL: sb.jiraUrl,
        JIRA_EMAIL: ACME.jiraEmail,
        JIRA_API_TOKEN: ACME.jiraApiToken,
        GITHUB_TOKEN: ACME.githubToken,
        GITHUB_API_URL: sb.githubUrl,
        ...env
      }
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

test('merged PRs that name an issue become records, keys out of their text; eval:link measures them', async () => {
  const out = mkdtempSync(join(tmpdir(), 'linkset-'))
  const result = await exportLinkset(['--repo', 'acme/shop', '--project', 'SHOP', '--out', out])
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('SHOP: 1 PRs, a pool of')
  expect(result.stdout).not.toContain('::') // no workflow commands in a terminal

  const [record, ...more] = lines(join(out, 'SHOP-links.jsonl'))
  expect(more).toEqual([]) // #43 names no issue; #44-#47 are not merged
  expect(record).toMatchObject({
    project: 'SHOP',
    keys: ['SHOP-12', 'SHOP-23', 'SHOP-15'],
    pr: { number: 42, title: 'Fix cart total rounding for discounted lines', merged: true }
  })
  expect(JSON.stringify(record?.pr)).not.toMatch(/SHOP-\d/i)
  const pool = lines(join(out, 'SHOP-issues.jsonl'))
  expect(pool.map((i) => i.key)).toEqual(expect.arrayContaining(['SHOP-12', 'SHOP-23', 'SHOP-15']))
  expect(pool.find((i) => i.key === 'SHOP-12')).toMatchObject({
    summary: 'Cart total off by one cent when a discount applies',
    description: expect.any(String),
    created: expect.any(String)
  })

  // Only reads: GETs, and the searches Jira and GitHub take as POSTs.
  const writes = sb.requests.filter(
    (r) => r.method !== 'GET' && !/\/search\/jql$|\/issue\/bulkfetch$|^\/graphql$/.test(r.path)
  )
  expect(writes).toEqual([])

  const evaluated = await run(process.execPath, ['scripts/eval-link.ts', out, '--json'], {
    cwd: ROOT
  })
  const { projects } = JSON.parse(evaluated.stdout) as { projects: Record<string, unknown> }
  expect(projects.SHOP).toMatchObject({ records: 1 })
}, 60_000)

test('issues a PR names that are older than the pool are read once, with their details', async () => {
  const out = mkdtempSync(join(tmpdir(), 'linkset-'))
  const result = await exportLinkset([
    ...['--repo', 'acme/shop', '--project', 'SHOP', '--out', out, '--pool', '1']
  ])
  expect(result.code).toBe(0)
  const pool = lines(join(out, 'SHOP-issues.jsonl'))
  for (const key of ['SHOP-12', 'SHOP-23', 'SHOP-15']) {
    expect(pool.filter((i) => i.key === key)).toEqual([
      expect.objectContaining({ summary: expect.any(String), description: expect.any(String) })
    ])
  }
  const searches = sb.requests.filter((r) => r.path.endsWith('/search/jql'))
  expect(searches).toHaveLength(1) // the pool; the older issues come by key
}, 60_000)

test('Jira Data Center with a personal access token: the same records, read over REST v2', async () => {
  await sb.close()
  sb = await startSandbox({ seed: acmePlus(), flavour: 'data-center' })
  sb.mergePullRequest('acme/shop', 42, 'ana-lima')
  const out = mkdtempSync(join(tmpdir(), 'linkset-'))
  const result = await exportLinkset(['--repo', 'acme/shop', '--project', 'SHOP', '--out', out], {
    JIRA_EMAIL: '',
    JIRA_API_TOKEN: ACME.jiraPat
  })
  expect(result.code).toBe(0)
  const [record] = lines(join(out, 'SHOP-links.jsonl'))
  expect(record).toMatchObject({ keys: ['SHOP-12', 'SHOP-23', 'SHOP-15'] })
  const pool = lines(join(out, 'SHOP-issues.jsonl'))
  expect(pool.find((i) => i.key === 'SHOP-12')).toMatchObject({
    summary: 'Cart total off by one cent when a discount applies'
  })
  expect(sb.requests.some((r) => r.path.startsWith('/rest/api/2/search'))).toBe(true)
}, 60_000)

test('a dead Jira token: one message naming the credential, never the token', async () => {
  const out = mkdtempSync(join(tmpdir(), 'linkset-'))
  const secret = 'ATATT-dead-token-never-print'
  const result = await exportLinkset(['--repo', 'acme/shop', '--project', 'SHOP', '--out', out], {
    JIRA_API_TOKEN: secret
  })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(
    'the credential in JIRA_EMAIL and JIRA_API_TOKEN was not accepted'
  )
  expect(result.stderr).not.toMatch(/\n\s+at /) // no stack
  expect(result.stdout + result.stderr).not.toContain(secret)
}, 30_000)

test('usage: what is missing, and exit 2', async () => {
  const result = await exportLinkset(['--repo', 'acme/shop', '--out', '/tmp/x'])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('--project must be a Jira project key')
  expect(result.stderr).toContain('usage: npm run linkset:export')
  const noToken = await exportLinkset(
    ['--repo', 'acme/shop', '--project', 'SHOP', '--out', '/tmp/x'],
    {
      GITHUB_TOKEN: ''
    }
  )
  expect(noToken.code).toBe(2)
  expect(noToken.stderr).toContain('GITHUB_TOKEN is not set')
})
