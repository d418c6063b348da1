/**
 * The JSON Schema of `.github/gitar-jira.yml` that ships in `schema/` for editors
 * (`# yaml-language-server: $schema=…`), generated from the zod schema with the built-in
 * defaults filled in. `npm run schema` writes it; a test fails when the committed file is stale.
 *
 * Imports only modules that Node can load by type stripping (see scripts/json-schema.ts).
 */
import { z } from 'zod'
import { defaultSettings } from './defaults.js'
import { camelCase, configSchema } from './schema.js'

/** Where the committed schema is published; the `$id` editors see. */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/gitar-jira/gitar-jira/main/schema/gitar-jira.schema.json'

/** Relative to the repository root. */
export const SCHEMA_FILE = 'schema/gitar-jira.schema.json'

type JsonObject = { [key: string]: unknown }

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function buildJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(configSchema, { io: 'input' }) as JsonObject
  const { jira, rules } = defaultSettings()
  addDefaults(generated, { jira, rules })
  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: SCHEMA_URL,
    title: 'gitar-jira configuration',
    description:
      'Configuration of the gitar-jira GitHub Action, read from .github/gitar-jira.yml at the ' +
      'base branch. Every key is optional; the inputs of the workflow step override the rule ' +
      'toggles (enabled).',
    ...rest
  }
}

/** The file's exact text: what `npm run schema` writes and the staleness test compares. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`
}

/** Sets `default` on each property from the camelCase defaults, going into nested mappings. */
function addDefaults(schema: JsonObject, defaults: JsonObject): void {
  const properties = mappingOf(schema)?.properties
  if (!isObject(properties)) return
  for (const [key, property] of Object.entries(properties)) {
    const value = defaults[camelCase(key)]
    if (value === undefined || !isObject(property)) continue
    if (isObject(value) && mappingOf(property)?.properties !== undefined) {
      addDefaults(property, value)
    } else {
      property.default = value
    }
  }
}

/** The mapping branch of a schema: itself, or the object of `anyOf: [object, null]`. */
function mappingOf(schema: JsonObject): JsonObject | undefined {
  if (schema.type === 'object') return schema
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : []
  return branches.find(
    (branch): branch is JsonObject => isObject(branch) && branch.type === 'object'
  )
}
