/** The JSON Schema that ships for editors: generated from the zod schema, never stale. */
import { readFileSync } from 'node:fs'
import {
  buildJsonSchema,
  renderJsonSchema,
  SCHEMA_FILE,
  SCHEMA_URL
} from '../../../src/config/json-schema.js'

const committed = (): string =>
  readFileSync(new URL(`../../../${SCHEMA_FILE}`, import.meta.url), 'utf8')

/** The value at a path of keys and indexes, or undefined. */
function dig(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined),
    value
  )
}

describe('schema/gitar-jira.schema.json', () => {
  it('is what `npm run schema` writes today (run it and commit the file if this fails)', () => {
    expect(committed()).toBe(renderJsonSchema())
  })

  it('names itself for editors', () => {
    expect(buildJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: SCHEMA_URL,
      title: 'gitar-jira configuration',
      type: 'object',
      additionalProperties: false
    })
  })

  it('describes the keys users write, with the built-in defaults and no unknown keys', () => {
    const rules = dig(buildJsonSchema(), 'properties', 'rules', 'anyOf', 0)
    const autoLink = dig(rules, 'properties', 'auto-link', 'anyOf', 0)
    expect(Object.keys(dig(rules, 'properties') ?? {})).toEqual([
      'auto-link',
      'transitions',
      'merge-summary',
      'suggest-reviewers',
      'follow-ups'
    ])
    expect(dig(autoLink, 'additionalProperties')).toBe(false)
    expect(dig(autoLink, 'properties', 'min-confidence')).toMatchObject({
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.8
    })
    const onOpen = dig(rules, 'properties', 'transitions', 'anyOf', 0, 'properties', 'on-open')
    expect(dig(onOpen, 'default')).toBe('In Review')
  })
})
