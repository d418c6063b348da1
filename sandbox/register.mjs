/**
 * Lets plain Node 24 run the sandbox's TypeScript without a build (for `npm run demo`, benchmarks,
 * scripts): the sources import `./x.js` as TypeScript projects do; this hook resolves such an
 * import to `./x.ts` when only the .ts exists. Type stripping does the rest.
 *
 *   node --import ./sandbox/register.mjs my-script.ts
 */
import { existsSync } from 'node:fs'
import { register } from 'node:module'
import { fileURLToPath } from 'node:url'

export async function resolve(specifier, context, next) {
  if (
    specifier.endsWith('.js') &&
    (specifier.startsWith('.') || specifier.startsWith('/')) &&
    context.parentURL
  ) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
    const js = new URL(specifier, context.parentURL)
    if (
      candidate.protocol === 'file:' &&
      !existsSync(fileURLToPath(js)) &&
      existsSync(fileURLToPath(candidate))
    ) {
      return next(candidate.href, context)
    }
  }
  return next(specifier, context)
}

if (!process.env.SANDBOX_REGISTER_LOADED) {
  process.env.SANDBOX_REGISTER_LOADED = '1'
  register(import.meta.url)
}
