/**
 * A minimal Actions cache service on 127.0.0.1 for the benchmarks: the legacy REST protocol
 * @actions/cache speaks when `ACTIONS_CACHE_URL` is set (look up by key prefix and version,
 * reserve, upload in chunks, commit, download). Keys are immutable; the newest entry of a prefix
 * wins, as on GitHub. It keeps entries in memory and counts its requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

interface Entry {
  id: number
  key: string
  version: string
  chunks: { start: number; data: Buffer }[]
  data?: Buffer
}

export interface CacheService {
  /** What a runner sets for an action: pass to runAction's `env`. */
  env: Record<string, string>
  requests: number
  saved: number
  close(): Promise<void>
}

const API = '/_apis/artifactcache/'

async function body(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

export async function startCacheService(): Promise<CacheService> {
  const entries: Entry[] = []
  const service = { requests: 0, saved: 0 }
  const json = (response: ServerResponse, status: number, value?: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(value === undefined ? undefined : JSON.stringify(value))
  }

  const server = createServer((request, response) => {
    service.requests++
    void handle(request, response).catch((error: unknown) => json(response, 500, { error }))
  })
  let base = ''

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base)
    const path = url.pathname
    if (request.method === 'GET' && path === `${API}cache`) {
      const version = url.searchParams.get('version')
      for (const prefix of (url.searchParams.get('keys') ?? '').split(',')) {
        const hit = entries
          .filter((e) => e.data && e.version === version && e.key.startsWith(prefix))
          .at(-1)
        if (hit) {
          return json(response, 200, {
            cacheKey: hit.key,
            scope: 'refs/heads/main',
            archiveLocation: `${base}/_blobs/${hit.id}`
          })
        }
      }
      return json(response, 204)
    }
    if (request.method === 'POST' && path === `${API}caches`) {
      const { key, version } = JSON.parse((await body(request)).toString()) as Entry
      if (entries.some((e) => e.key === key && e.version === version)) {
        return json(response, 409, { message: `Cache already exists: ${key}` })
      }
      const entry = { id: entries.length + 1, key, version, chunks: [] }
      entries.push(entry)
      return json(response, 201, { cacheId: entry.id })
    }
    const id = path.startsWith(`${API}caches/`) ? Number(path.slice(`${API}caches/`.length)) : NaN
    const entry = entries.find((e) => e.id === id)
    if (entry && request.method === 'PATCH') {
      const start = Number(/bytes (\d+)-/.exec(request.headers['content-range'] ?? '')?.[1] ?? 0)
      entry.chunks.push({ start, data: await body(request) })
      return json(response, 204)
    }
    if (entry && request.method === 'POST') {
      await body(request)
      entry.data = Buffer.concat(entry.chunks.sort((a, b) => a.start - b.start).map((c) => c.data))
      service.saved++
      return json(response, 204)
    }
    const blob = path.startsWith('/_blobs/')
      ? entries.find((e) => `/_blobs/${e.id}` === path)
      : null
    if (blob?.data && request.method === 'GET') {
      response.writeHead(200, { 'content-length': blob.data.length })
      return void response.end(blob.data)
    }
    json(response, 404, { message: `no route ${request.method} ${path}` })
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    env: { ACTIONS_CACHE_URL: `${base}/`, ACTIONS_RUNTIME_TOKEN: 'bench-runtime-token' },
    get requests() {
      return service.requests
    },
    get saved() {
      return service.saved
    },
    close: () => new Promise<void>((done) => server.close(() => done()))
  }
}
