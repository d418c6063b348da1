/**
 * `npm run demo`: the bundled action (dist/index.js) doing its job against the local sandbox,
 * as a runner would run it, through a short story. After each step: what a reviewer sees on the
 * PR, and what a watcher sees on the Jira issues. No configuration, no network.
 */
import { createHash } from 'node:crypto'
import { startSandbox, type Sandbox } from './index.js'
import { runAction, type ActionRun } from './run-action.js'
import { plainText } from '../src/jira/map.js'
import { ACME } from './scenarios/acme.js'
import type { PullRec, RepoRec } from './state.js'

const tty = process.stdout.isTTY
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s)
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s)
const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n')

function repo(sandbox: Sandbox): RepoRec {
  return sandbox.state.github.repos.find((r) => `${r.owner}/${r.name}` === ACME.repo)!
}

function pull(sandbox: Sandbox, number: number): PullRec {
  return repo(sandbox).pulls.find((p) => p.number === number)!
}

/** The PR comment as a reviewer reads it: hidden markers left out. */
function reviewerView(sandbox: Sandbox, number: number): string {
  const comments = repo(sandbox).issueComments.filter((c) => c.issueNumber === number)
  if (comments.length === 0) return dim('(no comment)')
  const shown = comments.map((c) =>
    c.body
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<\/?sub>/g, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
  const count = comments.length === 1 ? '1 bot comment' : `${comments.length} bot comments (!)`
  return `${dim(count)}\n${shown.join('\n\n---\n\n')}`
}

/** The Jira issues that link to a PR, as a watcher sees them. */
function watcherView(sandbox: Sandbox, number: number): string {
  const url = `https://github.com/${ACME.repo}/pull/${number}`
  const lines: string[] = []
  for (const issue of sandbox.state.jira.issues) {
    const links = issue.remoteLinks.filter((l) => l.object.url === url)
    const removed = issue.remoteLinks.length === 0 && touched.has(`${issue.key}#${number}`)
    if (links.length === 0 && !removed) continue
    touched.add(`${issue.key}#${number}`)
    lines.push(`${bold(issue.key)} [${issue.status}] ${issue.summary}`)
    if (links.length === 0) lines.push(dim('    (no link to the PR any more)'))
    for (const link of links) {
      const resolved = (link.object.status as { resolved?: boolean } | null)?.resolved
      lines.push(
        `    ↳ ${link.relationship}: ${link.object.title}${resolved ? ' (resolved)' : ''}`,
        dim(`      ${link.object.summary ?? ''}`)
      )
    }
    const summary = issue.comments.find((c) => plainText(c.body).includes(`#${number}`))
    if (summary) {
      const text = plainText(summary.body).split('\n').filter(Boolean)
      // The first summary in full; the others are the same text, so their first lines only.
      const shown = summariesShown++ === 0 ? 60 : 2
      lines.push(
        `    💬 comment by ${summary.author}:`,
        ...text.slice(0, shown).map((l) => `       ${l}`)
      )
      if (text.length > shown) lines.push(dim(`       … ${text.length - shown} more lines`))
    }
  }
  return lines.length > 0 ? lines.join('\n') : dim('(no issue links to this PR)')
}
const touched = new Set<string>()
let summariesShown = 0

function writes(sandbox: Sandbox, since: number): string {
  const written = sandbox.requests
    .slice(since)
    .filter((r) => r.method !== 'GET' && !/bulkfetch|search\/jql|graphql/.test(r.path))
    .map((r) => `${r.method} ${r.path}`)
  return written.length > 0 ? written.join(', ') : 'none'
}

async function step(
  sandbox: Sandbox,
  title: string,
  number: number,
  run: () => Promise<ActionRun>
): Promise<void> {
  console.log(`\n${bold(`▶ ${title}`)}`)
  const before = sandbox.requests.length
  const result = await run()
  const annotations = result.stdout
    .split('\n')
    .filter((l) => /^::(error|warning|notice)/.test(l))
    .map((l) => l.replace(/^::(\w+)[^:]*::/, '$1: '))
  console.log(
    dim(
      `  exit ${result.exitCode} · ${Math.round(result.ms)} ms · ${sandbox.requests.length - before} requests · writes: ${writes(sandbox, before)}`
    )
  )
  for (const a of annotations) console.log(`  ${a}`)
  console.log(`  outputs: linked-issues=${result.outputs['linked-issues'] ?? '-'}`)
  console.log(`\n  ${bold('What a reviewer sees on the PR')}`)
  console.log(indent(reviewerView(sandbox, number)))
  console.log(`\n  ${bold('What a watcher sees in Jira')}`)
  console.log(indent(watcherView(sandbox, number)))
}

function pushCommit(sandbox: Sandbox, number: number, message: string): void {
  const r = repo(sandbox)
  const pr = pull(sandbox, number)
  const sha = createHash('sha1').update(`${number}:${message}`).digest('hex')
  r.commits.push({
    sha,
    message,
    author: {
      name: 'Ben Okafor',
      email: 'ben@acme.test',
      login: 'benok',
      date: new Date().toISOString()
    },
    parents: [pr.head.sha]
  })
  pr.commits.push(sha)
  pr.head.sha = sha
}

/** A maintainer edits the bot comment: one box flipped, sent as the issue_comment event GitHub sends. */
async function toggleBox(sandbox: Sandbox, number: number, key: string, what: 'ticks' | 'unticks') {
  const comment = repo(sandbox).issueComments.find((c) => c.issueNumber === number)
  const box = `<!-- gitar-jira:key ${key} -->`
  if (!comment?.body.includes(box)) return
  const previous = comment.body
  const [from, to] = what === 'ticks' ? ['- [ ] ', '- [x] '] : ['- [x] ', '- [ ] ']
  comment.body = previous.replace(`${from}${box}`, `${to}${box}`)
  const payload = {
    action: 'edited',
    issue: {
      number,
      pull_request: { url: `${sandbox.githubUrl}/repos/${ACME.repo}/pulls/${number}` }
    },
    comment: {
      id: comment.id,
      body: comment.body,
      user: { login: 'github-actions[bot]', type: 'Bot' }
    },
    changes: { body: { from: previous } },
    repository: { name: 'shop', full_name: ACME.repo, owner: { login: 'acme' } },
    sender: { login: 'ana-lima', type: 'User' }
  }
  await step(sandbox, `A maintainer ${what} the box of ${key} in the bot comment`, number, () =>
    runAction({ sandbox, eventName: 'issue_comment', payload })
  )
}

const sandbox = await startSandbox()
try {
  console.log(bold('gitar-jira demo'))
  console.log(
    dim(
      `Jira ${sandbox.jiraUrl} · GitHub ${sandbox.githubUrl} · repository ${ACME.repo} · config .github/gitar-jira.yml on main (projects SHOP, OPS)`
    )
  )
  const onPr = (number: number, action: string, sender?: string) => () =>
    runAction({
      sandbox,
      eventName: 'pull_request_target',
      payload: sandbox.pullRequestEvent(ACME.repo, number, action, sender)
    })

  await step(
    sandbox,
    'PR #42 is opened: "Fixes SHOP-12" (moves to In Review), "Relates to SHOP-23", a commit names SHOP-15',
    42,
    onPr(42, 'opened')
  )

  pushCommit(sandbox, 42, 'test(cart): cover three discounted lines')
  await step(
    sandbox,
    'A commit without a key is pushed (synchronize): the same links, not written again (unchanged), nothing duplicated',
    42,
    onPr(42, 'synchronize')
  )

  pull(sandbox, 42).body = pull(sandbox, 42).body.replace(/Relates to SHOP-23[^\n]*\n?/, '')
  await step(
    sandbox,
    'The description is edited and no longer names SHOP-23: its link goes',
    42,
    onPr(42, 'edited')
  )

  sandbox.mergePullRequest(ACME.repo, 42, 'ana-lima')
  await step(
    sandbox,
    'PR #42 is merged: SHOP-12 moves to Done, every linked issue gets a summary',
    42,
    onPr(42, 'closed')
  )

  await step(
    sandbox,
    'PR #43 is opened and names no issue: gitar-jira looks for it',
    43,
    onPr(43, 'opened')
  )

  // The maintainer's side: boxes in the bot comment. Untick the key-less link (as if it were a
  // wrong guess), then tick it again: each edit is an issue_comment event the action handles.
  const first = repo(sandbox)
    .issueComments.find((c) => c.issueNumber === 43)
    ?.body.match(/- \[x\] <!-- gitar-jira:key ([A-Z]+-\d+) -->/)?.[1]
  if (first) {
    await toggleBox(sandbox, 43, first, 'unticks')
    await toggleBox(sandbox, 43, first, 'ticks')
  }
  console.log(
    `\n${dim(`${sandbox.requests.length} requests in all. Everything above ran dist/index.js as a GitHub runner runs it.`)}`
  )
} finally {
  await sandbox.close()
}
