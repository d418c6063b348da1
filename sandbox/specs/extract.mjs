#!/usr/bin/env node
/**
 * Trims the official OpenAPI descriptions down to the operations the action and the sandbox use,
 * with every schema they reference, so the sandbox can check request shapes on a clone that has
 * no ../shared. Rerun after changing OPERATIONS:
 *
 *   node sandbox/specs/extract.mjs [/work/shared/specs]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

const here = dirname(fileURLToPath(import.meta.url))
const source = process.argv[2] ?? join(here, '..', '..', '..', 'shared', 'specs')

/** method path, as in the source documents. */
const OPERATIONS = {
  jira: {
    file: 'jira-cloud-platform.openapi.json',
    ops: [
      'get /rest/api/3/myself',
      'get /rest/api/3/serverInfo',
      'post /rest/api/3/issue/bulkfetch',
      'get /rest/api/3/search/jql',
      'post /rest/api/3/search/jql',
      'post /rest/api/3/issue',
      'get /rest/api/3/issue/{issueIdOrKey}',
      'put /rest/api/3/issue/{issueIdOrKey}',
      'get /rest/api/3/issue/{issueIdOrKey}/remotelink',
      'post /rest/api/3/issue/{issueIdOrKey}/remotelink',
      'delete /rest/api/3/issue/{issueIdOrKey}/remotelink',
      'get /rest/api/3/issue/{issueIdOrKey}/transitions',
      'post /rest/api/3/issue/{issueIdOrKey}/transitions',
      'get /rest/api/3/issue/{issueIdOrKey}/comment',
      'post /rest/api/3/issue/{issueIdOrKey}/comment',
      'get /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
      'put /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
      'delete /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
      'get /rest/api/3/issue/{issueIdOrKey}/watchers',
      'get /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      'put /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      'post /rest/api/3/issueLink',
      'get /rest/api/3/issueLinkType',
      'get /rest/api/3/project/search',
      'get /rest/api/3/user'
    ]
  },
  github: {
    file: 'github-rest.openapi.json',
    ops: [
      'get /repos/{owner}/{repo}',
      'get /repos/{owner}/{repo}/pulls',
      'get /repos/{owner}/{repo}/pulls/{pull_number}',
      'patch /repos/{owner}/{repo}/pulls/{pull_number}',
      'get /repos/{owner}/{repo}/pulls/{pull_number}/files',
      'get /repos/{owner}/{repo}/pulls/{pull_number}/commits',
      'get /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'get /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'post /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'delete /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'get /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'post /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'patch /repos/{owner}/{repo}/issues/comments/{comment_id}',
      'get /repos/{owner}/{repo}/contents/{path}',
      'get /repos/{owner}/{repo}/collaborators/{username}/permission',
      'get /repos/{owner}/{repo}/commits',
      'get /repos/{owner}/{repo}/compare/{basehead}',
      'get /user',
      'get /users/{username}',
      'get /repos/{owner}/{repo}/actions/secrets/public-key',
      'put /repos/{owner}/{repo}/actions/secrets/{secret_name}'
    ]
  }
}

/** Keys that only document; dropping them keeps the copies small. */
const DROP = new Set(['description', 'example', 'examples', 'summary', 'externalDocs', 'title'])

function strip(node) {
  if (Array.isArray(node)) return node.map(strip)
  if (node === null || typeof node !== 'object') return node
  const out = {}
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) || k.startsWith('x-')) continue
    // `properties` maps names to schemas: a property may well be called `title` or `description`.
    out[k] = k === 'properties' && v && typeof v === 'object' ? mapValues(v, strip) : strip(v)
  }
  return out
}

const mapValues = (obj, fn) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]))

function trim(doc, ops) {
  const resolve = (ref) =>
    ref
      .slice(2)
      .split('/')
      .reduce((n, part) => n[part], doc)
  const schemas = {}
  const collect = (node) => {
    if (Array.isArray(node)) return node.forEach(collect)
    if (node === null || typeof node !== 'object') return
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/schemas/')) {
      const name = node.$ref.slice('#/components/schemas/'.length)
      if (!(name in schemas)) {
        schemas[name] = strip(resolve(node.$ref))
        collect(schemas[name])
      }
    }
    Object.values(node).forEach(collect)
  }
  const deref = (node) =>
    node && typeof node.$ref === 'string' && !node.$ref.includes('/schemas/')
      ? deref(resolve(node.$ref))
      : node
  const jsonSchema = (content) => {
    const media = content?.['application/json'] ?? content?.['application/scim+json']
    return media?.schema ? strip(media.schema) : undefined
  }

  const paths = {}
  for (const entry of ops) {
    const [method, path] = entry.split(' ')
    const item = doc.paths[path]
    const op = item?.[method]
    if (!op) throw new Error(`operation not found in source: ${entry}`)
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
      strip(deref(p))
    )
    const out = { operationId: op.operationId, parameters }
    if (op.requestBody) {
      const body = deref(op.requestBody)
      out.requestBody = { required: body.required ?? false, schema: jsonSchema(body.content) ?? {} }
    }
    out.responses = {}
    for (const [code, response] of Object.entries(op.responses ?? {})) {
      const schema = jsonSchema(deref(response).content)
      out.responses[code] = schema ? { schema } : {}
    }
    collect(out)
    paths[path] = { ...paths[path], [method]: out }
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]])
  )
  return {
    openapi: doc.openapi,
    info: {
      title: doc.info.title,
      version: doc.info.version,
      trimmedBy: 'sandbox/specs/extract.mjs'
    },
    paths,
    components: { schemas: sorted }
  }
}

for (const [name, { file, ops }] of Object.entries(OPERATIONS)) {
  const doc = JSON.parse(readFileSync(join(source, file), 'utf8'))
  const trimmed = trim(doc, ops)
  const target = join(here, `${name}.trimmed.json`)
  // Written as the project's Prettier writes JSON, so `npm run lint` and a rerun agree.
  const options = { ...(await prettier.resolveConfig(target)), filepath: target }
  writeFileSync(target, await prettier.format(JSON.stringify(trimmed), options))
  console.log(
    `${target}: ${ops.length} operations, ${Object.keys(trimmed.components.schemas).length} schemas`
  )
}
