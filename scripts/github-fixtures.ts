/**
 * Copies the GitHub REST examples the adapter's tests use out of GitHub's OpenAPI description
 * (npm @octokit/openapi, generated/api.github.com.json) into __tests__/fixtures/github/, so the
 * tests never read the large file at run time.
 *
 *   node --experimental-strip-types scripts/github-fixtures.ts [path/to/github-rest.openapi.json]
 */
import { readFileSync, writeFileSync } from 'node:fs'

const source = process.argv[2] ?? '../shared/specs/github-rest.openapi.json'
const target = '__tests__/fixtures/github/openapi-examples.json'

/** Example name in components.examples -> the operation whose response it shows. */
const EXAMPLES: Record<string, string> = {
  'pull-request': 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'diff-entry-items': 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'commit-items': 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
  'pull-request-review-items': 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'issue-comment-items': 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'issue-comment': 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'content-file-response-if-content-is-a-file': 'GET /repos/{owner}/{repo}/contents/{path}',
  'content-file-response-if-content-is-a-directory': 'GET /repos/{owner}/{repo}/contents/{path}',
  'private-user-response-with-public-profile-information': 'GET /user'
}

const spec = JSON.parse(readFileSync(source, 'utf8')) as {
  info: { version: string }
  components: { examples: Record<string, { value: unknown }> }
}
const out: Record<string, unknown> = {
  $comment: `From GitHub's REST OpenAPI ${spec.info.version} by scripts/github-fixtures.ts; do not edit.`
}
for (const [name, operation] of Object.entries(EXAMPLES)) {
  const example = spec.components.examples[name]
  if (!example) throw new Error(`No example ${name} (${operation}) in ${source}`)
  out[name] = example.value
}
writeFileSync(target, JSON.stringify(out, null, 2) + '\n')
console.log(`Wrote ${Object.keys(EXAMPLES).length} examples to ${target}`)
