/**
 * A small validator over the subset of OpenAPI 3 the trimmed specs use: it finds the operation for
 * a method and a path, and checks query parameters and JSON bodies against the schemas.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Schema {
  $ref?: string
  type?: string
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  required?: string[]
  items?: Schema
  enum?: unknown[]
  allOf?: Schema[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  nullable?: boolean
  readOnly?: boolean
  maxLength?: number
  minLength?: number
  maxItems?: number
  minimum?: number
  maximum?: number
  pattern?: string
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}

export interface Operation {
  operationId: string
  parameters: Parameter[]
  requestBody?: { required: boolean; schema: Schema }
  responses: Record<string, { schema?: Schema }>
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export interface RouteMatch {
  operation: Operation
  method: string
  template: string
  params: Record<string, string>
}

export type MatchResult =
  | { kind: 'match'; route: RouteMatch }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' }

export interface Problem {
  /** JSON-pointer-like location: `body.fields.summary`, `query.maxResults`. */
  at: string
  /** `missing` for absent required values, `unknown` for names the API does not know. */
  kind: 'missing' | 'unknown' | 'invalid'
  message: string
}

const here = dirname(fileURLToPath(import.meta.url))

export function loadSpec(name: 'jira' | 'github'): OpenApiDoc {
  return JSON.parse(readFileSync(join(here, 'specs', `${name}.trimmed.json`), 'utf8')) as OpenApiDoc
}

interface CompiledPath {
  template: string
  regex: RegExp
  names: string[]
  operations: Record<string, Operation>
}

export class OpenApi {
  private readonly compiled: CompiledPath[]

  readonly doc: OpenApiDoc

  constructor(doc: OpenApiDoc) {
    this.doc = doc
    this.compiled = Object.entries(doc.paths).map(([template, operations]) => {
      const names: string[] = []
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part)
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(m[1]!)
          // GitHub's contents `{path}` spans slashes; every other parameter is one segment.
          return m[1] === 'path' ? '(.+)' : '([^/]+)'
        })
        .join('')
      return { template, regex: new RegExp(`^${source}$`), names, operations }
    })
    // Literal segments win over parameters (`/issue/bulkfetch` before `/issue/{issueIdOrKey}`).
    this.compiled.sort(
      (a, b) =>
        b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length
    )
  }

  match(method: string, path: string): MatchResult {
    const allowed = new Set<string>()
    for (const c of this.compiled) {
      const m = c.regex.exec(path)
      if (!m) continue
      const operation = c.operations[method.toLowerCase()]
      if (!operation) {
        Object.keys(c.operations).forEach((k) => allowed.add(k.toUpperCase()))
        continue
      }
      const params: Record<string, string> = {}
      c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)))
      const typed = operation.parameters.filter(
        (p) => p.in === 'path' && p.schema?.type === 'integer'
      )
      if (typed.some((p) => !/^\d+$/.test(params[p.name] ?? ''))) return { kind: 'not-found' }
      return {
        kind: 'match',
        route: { operation, method: method.toUpperCase(), template: c.template, params }
      }
    }
    return allowed.size
      ? { kind: 'method-not-allowed', allowed: [...allowed] }
      : { kind: 'not-found' }
  }

  /** Checks names, required-ness and scalar types of the query parameters. */
  checkQuery(op: Operation, query: URLSearchParams): Problem[] {
    const problems: Problem[] = []
    const known = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]))
    for (const name of new Set(query.keys())) {
      const param = known.get(name)
      if (!param) {
        problems.push({
          at: `query.${name}`,
          kind: 'unknown',
          message: `Unknown query parameter '${name}'.`
        })
        continue
      }
      const type = param.schema?.type === 'array' ? param.schema.items?.type : param.schema?.type
      for (const raw of query.getAll(name)) {
        const values = param.schema?.type === 'array' ? raw.split(',') : [raw]
        for (const v of values) {
          const bad =
            (type === 'integer' && !/^-?\d+$/.test(v)) ||
            (type === 'number' && Number.isNaN(Number(v))) ||
            (type === 'boolean' && v !== 'true' && v !== 'false') ||
            (param.schema?.enum && !param.schema.enum.includes(v))
          if (bad)
            problems.push({
              at: `query.${name}`,
              kind: 'invalid',
              message: `Invalid value '${v}' for query parameter '${name}'.`
            })
        }
      }
    }
    for (const p of known.values()) {
      if (p.required && !query.has(p.name)) {
        problems.push({
          at: `query.${p.name}`,
          kind: 'missing',
          message: `Query parameter '${p.name}' is required.`
        })
      }
    }
    return problems
  }

  checkBody(op: Operation, body: unknown): Problem[] {
    if (!op.requestBody) return []
    if (body === undefined) {
      return op.requestBody.required
        ? [{ at: 'body', kind: 'missing', message: 'A request body is required.' }]
        : []
    }
    return this.validate(op.requestBody.schema, body, 'body')
  }

  validate(schema: Schema, value: unknown, at: string): Problem[] {
    const s = this.deref(schema)
    const problems: Problem[] = []
    const invalid = (message: string) => problems.push({ at, kind: 'invalid', message })
    if (value === null) {
      if (!s.nullable && s.type) invalid(`${at} must not be null.`)
      return problems
    }
    for (const sub of s.allOf ?? []) problems.push(...this.validate(sub, value, at))
    const alternatives = s.anyOf ?? s.oneOf
    if (alternatives && !alternatives.some((sub) => this.validate(sub, value, at).length === 0)) {
      invalid(`${at} matches none of the allowed shapes.`)
    }
    if (s.enum && !s.enum.includes(value))
      invalid(`${at} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}.`)
    if (s.type && !hasType(s.type, value)) {
      invalid(`${at} must be of type ${s.type}, not ${describe(value)}.`)
      return problems
    }
    if (typeof value === 'string') {
      if (s.maxLength !== undefined && value.length > s.maxLength)
        invalid(`${at} is longer than ${s.maxLength} characters.`)
      if (s.minLength !== undefined && value.length < s.minLength)
        invalid(`${at} is shorter than ${s.minLength} characters.`)
      if (s.pattern && !new RegExp(s.pattern, 'u').test(value))
        invalid(`${at} does not match ${s.pattern}.`)
    }
    if (typeof value === 'number') {
      if (s.minimum !== undefined && value < s.minimum)
        invalid(`${at} must be at least ${s.minimum}.`)
      if (s.maximum !== undefined && value > s.maximum)
        invalid(`${at} must be at most ${s.maximum}.`)
    }
    if (Array.isArray(value)) {
      if (s.maxItems !== undefined && value.length > s.maxItems)
        invalid(`${at} has more than ${s.maxItems} items.`)
      if (s.items)
        value.forEach((item, i) => problems.push(...this.validate(s.items!, item, `${at}[${i}]`)))
    } else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>
      for (const name of s.required ?? []) {
        if (obj[name] === undefined)
          problems.push({
            at: `${at}.${name}`,
            kind: 'missing',
            message: `${at}.${name} is required.`
          })
      }
      for (const [name, v] of Object.entries(obj)) {
        const prop = s.properties?.[name]
        if (prop) problems.push(...this.validate(prop, v, `${at}.${name}`))
        else if (s.additionalProperties === false) {
          problems.push({
            at: `${at}.${name}`,
            kind: 'unknown',
            message: `Unrecognized field "${name}".`
          })
        } else if (typeof s.additionalProperties === 'object') {
          problems.push(...this.validate(s.additionalProperties, v, `${at}.${name}`))
        }
      }
    }
    return problems
  }

  /**
   * Adds every required property the value lacks, with a neutral value of its type (null where
   * nullable, '' / 0 / false / [] / a completed object otherwise): the GitHub answers carry the
   * dozens of `*_url` and counters a real answer has without the simulator spelling each out.
   */
  complete(schema: Schema, value: unknown): unknown {
    const s = this.deref(schema)
    if (value === null || value === undefined) return value
    for (const sub of s.allOf ?? []) value = this.complete(sub, value)
    const alternatives = s.anyOf ?? s.oneOf
    if (alternatives) {
      // Missing properties will be filled in; a wrong type or an unknown property will not.
      const cost = (alt: Schema) =>
        this.validate(alt, value, '').filter((p) => p.kind !== 'missing').length
      const best = [...alternatives].sort((a, b) => cost(a) - cost(b))[0]!
      return this.complete(best, value)
    }
    if (Array.isArray(value))
      return s.items ? value.map((item) => this.complete(s.items!, item)) : value
    if (typeof value !== 'object' || s.type !== 'object') return value
    const obj = { ...(value as Record<string, unknown>) }
    for (const name of s.required ?? []) {
      if (!(name in obj)) obj[name] = this.neutral(s.properties?.[name] ?? {})
    }
    for (const [name, v] of Object.entries(obj)) {
      const prop = s.properties?.[name]
      if (prop) obj[name] = this.complete(prop, v)
    }
    return obj
  }

  private neutral(schema: Schema): unknown {
    const s = this.deref(schema)
    if (s.nullable || s.enum?.includes(null)) return null
    if (s.enum) return s.enum[0]
    const alternatives = s.anyOf ?? s.oneOf ?? s.allOf
    const type = s.type ?? (alternatives ? this.deref(alternatives[0]!).type : undefined)
    switch (type) {
      case 'string':
        return ''
      case 'integer':
      case 'number':
        return 0
      case 'boolean':
        return false
      case 'array':
        return []
      case 'object':
        return this.complete(alternatives ? alternatives[0]! : s, {})
      default:
        return null
    }
  }

  private deref(schema: Schema): Schema {
    let s = schema
    while (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '')
      const target = this.doc.components.schemas[name]
      if (!target) throw new Error(`unresolved schema ${s.$ref}`)
      s = target
    }
    return s
  }
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    default:
      return typeof value === type
  }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value
}
