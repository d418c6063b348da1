/**
 * Runs the bundled action (dist/index.js) as a GitHub runner runs a JavaScript action: a child
 * `node` process with INPUT_* and GITHUB_* in its environment, the event payload in a file, and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files it writes to. Used by `npm run demo`, the
 * end-to-end tests of the bundle and the benchmarks.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Sandbox } from './index.js'
import { ACME } from './scenarios/acme.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const BUNDLE = join(ROOT, 'dist', 'index.js')

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Wall time of the child process, in milliseconds. */
  ms: number
  /** Peak resident memory of the action's process, in bytes. */
  maxRssBytes: number | null
}

/**
 * The inputs a maintainer would set for the sandbox's Jira site: Cloud API token mode, or in
 * Data Center mode a personal access token alone (sent as Bearer).
 */
export function sandboxInputs(sandbox: Sandbox): Record<string, string> {
  const dataCenter = sandbox.flavour === 'data-center'
  return {
    'jira-url': sandbox.jiraUrl,
    'jira-email': dataCenter ? '' : ACME.jiraEmail,
    'jira-api-token': dataCenter ? ACME.jiraPat : ACME.jiraApiToken,
    'github-token': ACME.githubToken
  }
}

export async function runAction(options: {
  sandbox: Sandbox
  eventName: string
  payload: unknown
  inputs?: Record<string, string>
  env?: Record<string, string>
  bundle?: string
}): Promise<ActionRun> {
  const { sandbox } = options
  const dir = mkdtempSync(join(tmpdir(), 'gitar-jira-run-'))
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output.txt'),
    summary: join(dir, 'summary.md'),
    rss: join(dir, 'rss.txt')
  }
  writeFileSync(files.event, JSON.stringify(options.payload))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const inputs = { ...defaultInputs(), ...sandboxInputs(sandbox), ...options.inputs }
  const repository =
    (options.payload as { repository?: { full_name?: string } }).repository?.full_name ?? ACME.repo
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: sandbox.githubUrl,
    GITHUB_GRAPHQL_URL: sandbox.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    ATLASSIAN_AUTH_URL: sandbox.authUrl,
    ATLASSIAN_API_URL: sandbox.apiUrl,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    ),
    NODE_OPTIONS: `--import=${join(ROOT, 'sandbox', 'rss-probe.mjs')}`,
    GITAR_JIRA_RSS_FILE: files.rss,
    ...options.env
  }
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [options.bundle ?? process.env.GITAR_JIRA_BUNDLE ?? BUNDLE],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)))
  const ms = performance.now() - started
  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    ms,
    maxRssBytes: existsSync(files.rss) ? Number(readFileSync(files.rss, 'utf8')) : null
  }
}

/** action.yml's defaults, as the runner passes them when a workflow leaves an input unset. */
function defaultInputs(): Record<string, string> {
  return {
    'jira-oauth-refresh-token-secret': 'JIRA_OAUTH_REFRESH_TOKEN',
    'config-path': '.github/gitar-jira.yml',
    'dry-run': 'false',
    'fail-on-error': 'true'
  }
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const match of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[match[1]!] = match[3]!
  return outputs
}
