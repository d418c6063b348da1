/**
 * Cold start: from process start to the first HTTP request, for dist/index.js and for a bare
 * bundled @actions/core action that makes one request. Both run as a runner runs them: node on
 * the bundle, with the runner's environment. Prints figures; asserts nothing.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.COLD_START_RUNS ?? 15)

/** Bundles a bare action (core.info + one fetch) with the same ncc, once. */
export function bareActionBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-action-'))
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  writeFileSync(
    join(dir, 'src', 'index.js'),
    [
      "import * as core from '@actions/core'",
      "core.info('bare action')",
      "await fetch(process.env.GITHUB_API_URL + '/bare').catch(() => {})"
    ].join('\n')
  )
  // Resolve @actions/core from this project.
  execFileSync('ln', ['-s', join(root, 'node_modules'), join(dir, 'node_modules')])
  execFileSync(
    join(root, 'node_modules', '.bin', 'ncc'),
    ['build', 'src/index.js', '-o', 'dist', '-q'],
    {
      cwd: dir,
      stdio: 'ignore'
    }
  )
  return join(dir, 'dist', 'index.js')
}

function listen(onRequest: () => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    onRequest()
    res.writeHead(503, { 'content-type': 'application/json' })
    res.end('{"message":"bench"}')
  })
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      done({ server, url: `http://127.0.0.1:${port}` })
    })
  })
}

/** Milliseconds from spawn to the first request the bundle makes. */
async function timeToFirstRequest(bundle: string, env: NodeJS.ProcessEnv): Promise<number> {
  let first = 0
  const { server, url } = await listen(() => {
    if (first === 0) first = performance.now()
  })
  const eventDir = mkdtempSync(join(tmpdir(), 'cold-'))
  const eventPath = join(eventDir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(prOpenedEvent()))
  const started = performance.now()
  const child = spawn(process.execPath, [bundle], {
    env: { ...env, GITHUB_API_URL: url, GITHUB_EVENT_PATH: eventPath, RUNNER_TEMP: eventDir },
    stdio: 'ignore'
  })
  await new Promise<void>((done) => {
    const poll = setInterval(() => {
      if (first !== 0) {
        clearInterval(poll)
        child.kill()
        done()
      }
    }, 1)
    child.on('exit', () => {
      clearInterval(poll)
      done()
    })
  })
  server.close()
  return first === 0 ? Number.NaN : first - started
}

function prOpenedEvent() {
  const repo = { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } }
  return {
    action: 'opened',
    pull_request: {
      number: 42,
      state: 'open',
      merged: false,
      draft: false,
      base: { ref: 'main', repo },
      head: { ref: 'feature/abc-1', repo }
    },
    repository: repo,
    sender: { login: 'octocat' }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export async function coldStart(
  ours = join(root, 'dist', 'index.js')
): Promise<{ ours: number; bare: number; bundleBytes: number }> {
  const bare = bareActionBundle()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'acme/shop',
    'INPUT_GITHUB-TOKEN': 'ghs_bench',
    'INPUT_JIRA-URL': 'http://127.0.0.1:9/',
    'INPUT_JIRA-EMAIL': 'bench@example.com',
    'INPUT_JIRA-API-TOKEN': 'bench',
    'INPUT_CONFIG-PATH': '.github/gitar-jira.yml'
  }
  const oursTimes: number[] = []
  const bareTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    oursTimes.push(await timeToFirstRequest(ours, env))
    bareTimes.push(await timeToFirstRequest(bare, env))
  }
  return { ours: median(oursTimes), bare: median(bareTimes), bundleBytes: statSync(ours).size }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ours, bare, bundleBytes } = await coldStart()
  console.log(`node ${process.version}, median of ${RUNS} runs`)
  console.log(
    `dist/index.js size: ${(bundleBytes / 1024 / 1024).toFixed(2)} MiB (${bundleBytes} bytes)`
  )
  console.log(
    `cold start to first request: gitar-jira ${ours.toFixed(1)} ms, bare @actions/core action ${bare.toFixed(1)} ms, ratio ${(ours / bare).toFixed(2)}`
  )
}
