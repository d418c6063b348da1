/**
 * Which comment syntax a file has, by its name: leasot's own table (about 80 extensions) plus the
 * aliases below, so the 20 languages most used on GitHub and their usual companions are covered.
 * Each alias names one of leasot's parsers, or `docstringParser` (ours: Python docstrings);
 * comment-parsers.ts replaces some of leasot's with ones that read whole-line comments only.
 */
import type { parse } from 'leasot'

type ExtensionsDb = NonNullable<Parameters<typeof parse>[1]['associateParser']>

const C_STYLE = { parserName: 'defaultParser' } // // and /* */
const HASH = { parserName: 'coffeeParser' } // #
const SEMICOLON = { parserName: 'clojureParser' } // ;
const DASHES = { parserName: 'haskellParser' } // --
const MARKUP = { parserName: 'twigParser' } // <!-- -->

/** Extensions leasot lacks, mapped to its parsers (leasot knows .ts, .py, .java, .go, .rs, …). */
export const EXTRA_EXTENSIONS: ExtensionsDb = {
  // C, C++, Objective-C, CUDA, shaders
  '.cc': C_STYLE,
  '.cxx': C_STYLE,
  '.c++': C_STYLE,
  '.hh': C_STYLE,
  '.hpp': C_STYLE,
  '.hxx': C_STYLE,
  '.ino': C_STYLE,
  '.cu': C_STYLE,
  '.glsl': C_STYLE,
  '.hlsl': C_STYLE,
  // JVM, .NET, mobile and others with C-style comments
  '.kts': C_STYLE,
  '.groovy': C_STYLE,
  '.gradle': C_STYLE,
  '.sc': C_STYLE,
  '.sbt': C_STYLE,
  '.dart': C_STYLE,
  '.fsx': C_STYLE,
  '.zig': C_STYLE,
  '.sol': C_STYLE,
  '.d': C_STYLE,
  '.vala': C_STYLE,
  '.jsonc': C_STYLE,
  '.json5': C_STYLE,
  // SQL dialects: -- and /* */
  '.psql': { parserName: ['defaultParser', 'haskellParser'] },
  '.pgsql': { parserName: ['defaultParser', 'haskellParser'] },
  '.plsql': { parserName: ['defaultParser', 'haskellParser'] },
  '.ddl': { parserName: ['defaultParser', 'haskellParser'] },
  '.hql': { parserName: ['defaultParser', 'haskellParser'] },
  // PHP: # comments too (leasot reads // and /* */ only)
  '.php': { parserName: ['defaultParser', 'coffeeParser'] },
  // Python: # comments and docstrings
  '.py': { parserName: ['pythonParser', 'docstringParser'] },
  '.pyi': { parserName: ['pythonParser', 'docstringParser'] },
  '.pyw': { parserName: ['pythonParser', 'docstringParser'] },
  // # comments: PowerShell, R, Ruby, Perl, shells, config and build files
  '.ps1': HASH,
  '.psm1': HASH,
  '.psd1': HASH,
  '.r': HASH,
  '.rake': HASH,
  '.gemspec': HASH,
  '.fish': HASH,
  '.ksh': HASH,
  '.toml': HASH,
  '.cfg': HASH,
  '.conf': HASH,
  '.properties': HASH,
  '.nix': HASH,
  '.cmake': HASH,
  '.mk': HASH,
  '.tcl': HASH,
  '.awk': HASH,
  '.bzl': HASH,
  '.dockerfile': HASH,
  // ; comments: Lisps, assembly, INI
  '.el': SEMICOLON,
  '.lisp': SEMICOLON,
  '.lsp': SEMICOLON,
  '.scm': SEMICOLON,
  '.rkt': SEMICOLON,
  '.edn': SEMICOLON,
  '.asm': SEMICOLON,
  '.s': SEMICOLON,
  '.ini': SEMICOLON,
  // -- comments
  '.elm': DASHES,
  '.purs': DASHES,
  '.ada': DASHES,
  '.adb': DASHES,
  '.ads': DASHES,
  '.vhd': DASHES,
  '.vhdl': DASHES,
  // <!-- --> comments
  '.xml': MARKUP,
  '.xhtml': MARKUP,
  '.svg': MARKUP,
  '.xaml': MARKUP,
  '.csproj': MARKUP,
  '.plist': MARKUP,
  '.cshtml': MARKUP,
  '.razor': MARKUP
}

/** Files known by their whole name, as the extension whose comments they use. */
const BY_NAME: Record<string, string> = {
  dockerfile: '.dockerfile',
  containerfile: '.dockerfile',
  makefile: '.mk',
  gnumakefile: '.mk',
  'cmakelists.txt': '.cmake',
  rakefile: '.rb',
  gemfile: '.rb',
  podfile: '.rb',
  vagrantfile: '.rb',
  brewfile: '.rb',
  jenkinsfile: '.groovy',
  build: '.bzl',
  'build.bazel': '.bzl',
  workspace: '.bzl',
  '.bashrc': '.sh',
  '.bash_profile': '.sh',
  '.zshrc': '.sh',
  '.profile': '.sh'
}

/**
 * The extension to hand leasot for `path`, or null when no parser knows the file's comments.
 * `known` says whether leasot (with the aliases) supports an extension.
 */
export function commentSyntaxOf(path: string, known: (ext: string) => boolean): string | null {
  const name = (path.split('/').at(-1) ?? path).toLowerCase()
  const byName = BY_NAME[name] ?? (name.startsWith('dockerfile.') ? '.dockerfile' : undefined)
  if (byName) return byName
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return null
  const original = (path.split('/').at(-1) ?? path).slice(dot)
  const ext = name.slice(dot)
  if (known(ext)) return ext
  // leasot spells R's extension `.R`.
  return known(original) ? original : null
}

/** The code block language Jira knows for an extension (its highlighter's names). */
export function codeLanguageOf(path: string): string | undefined {
  const ext = path.split('.').at(-1)?.toLowerCase() ?? ''
  return CODE_LANGUAGES[ext]
}

const CODE_LANGUAGES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  go: 'go',
  rs: 'rust',
  rb: 'ruby',
  php: 'php',
  swift: 'swift',
  scala: 'scala',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'powershell',
  sql: 'sql',
  css: 'css',
  scss: 'scss',
  less: 'less',
  html: 'html',
  xml: 'xml',
  yaml: 'yaml',
  yml: 'yaml',
  lua: 'lua',
  r: 'r',
  dart: 'dart',
  groovy: 'groovy',
  pl: 'perl',
  hs: 'haskell',
  ex: 'elixir',
  exs: 'elixir',
  m: 'objective-c'
}
