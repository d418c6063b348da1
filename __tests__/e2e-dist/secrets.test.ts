/**
 * Secrets: the Jira API token, the GitHub token (and the basic-auth credential made of them)
 * never appear in the log (outside `::add-mask::`, which the runner consumes), stderr, outputs,
 * the summary, a comment, a remote link or any request the sandbox logged (path, query, body).
 */
import type { Sandbox } from '../../sandbox/index.js'
import type { ActionRun } from '../../sandbox/run-action.js'
import {
  ACME,
  SHOP_ONLY,
  TIMEOUT,
  commands,
  expectSuccess,
  requireBundle,
  runPr,
  sandbox,
  setConfig
} from './helpers.js'
import { dropShop23 } from './stories.js'

const WRONG_TOKEN = 'sbx-wrong-jira-token-0123456789'
const SECRETS = [
  ACME.jiraApiToken,
  ACME.githubToken,
  WRONG_TOKEN,
  Buffer.from(`${ACME.jiraEmail}:${ACME.jiraApiToken}`).toString('base64'),
  Buffer.from(`${ACME.jiraEmail}:${WRONG_TOKEN}`).toString('base64')
]

/** The log as a reader sees it: the runner consumes `::add-mask::` lines. */
const shown = (stdout: string) => stdout.replace(/^::add-mask::.*$/gm, '')

function expectNoSecret(sb: Sandbox, runs: ActionRun[]): void {
  const places: Record<string, string> = {
    requests: JSON.stringify(sb.requests.map((r) => [r.path, r.query, r.body, r.headers])),
    state: JSON.stringify({
      comments: sb.state.github.repos.map((r) => r.issueComments),
      issues: sb.state.jira.issues.map((i) => [i.remoteLinks, i.comments, i.properties])
    })
  }
  runs.forEach((run, n) => {
    places[`stdout ${n}`] = shown(run.stdout)
    places[`stderr ${n}`] = run.stderr
    places[`outputs ${n}`] = JSON.stringify(run.outputs)
    places[`summary ${n}`] = run.summary
  })
  for (const [where, text] of Object.entries(places))
    for (const secret of SECRETS)
      expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false })
}

beforeAll(requireBundle)

test(
  'no secret anywhere: PR opened, edited, key-less, and a rejected token',
  async () => {
    const sb = await sandbox()
    try {
      const runs = [await runPr(sb, ACME.pr, 'opened')]
      dropShop23(sb)
      runs.push(await runPr(sb, ACME.pr, 'edited'))
      setConfig(sb, SHOP_ONLY)
      runs.push(await runPr(sb, ACME.inferencePr, 'opened'))
      runs.forEach(expectSuccess)
      // The tokens were masked, so the runner would hide them even if printed.
      expect(runs[0]!.stdout).toContain(`::add-mask::${ACME.jiraApiToken}`)
      expect(runs[0]!.stdout).toContain(`::add-mask::${ACME.githubToken}`)

      const rejected = await runPr(sb, ACME.pr, 'opened', {
        inputs: { 'jira-api-token': WRONG_TOKEN }
      })
      expect(rejected.exitCode).toBe(1)
      expect(commands(rejected, 'error')).toHaveLength(1)
      runs.push(rejected)

      expectNoSecret(sb, runs)
    } finally {
      await sb.close()
    }
  },
  TIMEOUT
)
