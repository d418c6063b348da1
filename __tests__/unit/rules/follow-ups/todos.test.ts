/** TODO extraction from PR patches: a table of real snippets per language, true and false positives. */
import { namedKeys, scanTodos, tracking } from '../../../../src/rules/follow-ups/todos.js'
import { newSideHunks } from '../../../../src/rules/follow-ups/patch.js'

const KEYWORDS = ['TODO', 'FIXME', 'HACK', 'XXX']

/** An added file of `lines`. */
const added = (path: string, lines: string[]) => ({
  path,
  status: 'added',
  additions: lines.length,
  deletions: 0,
  patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`
})

async function texts(path: string, lines: string[]): Promise<string[]> {
  const { todos } = await scanTodos([added(path, lines)], KEYWORDS)
  return todos.map((t) => `${t.line} ${t.tag}: ${t.text}`)
}

// [language, path, snippet, expected "line TAG: text" list]
const TABLE: [string, string, string[], string[]][] = [
  [
    'TypeScript',
    'a.ts',
    ['// TODO: cache this', 'const TODO_LIMIT = 3', 'const s = "TODO: not me"'],
    ['1 TODO: cache this']
  ],
  ['JavaScript', 'a.js', ['/* FIXME: leaks */', 'let x = 1 // a TODO list'], ['1 FIXME: leaks']],
  ['JSX block', 'a.jsx', ['/**', ' * HACK: double render', ' */'], ['2 HACK: double render']],
  [
    'Python #',
    'a.py',
    ['# XXX: remove after 3.12', "s = '# TODO not a comment'"],
    ['1 XXX: remove after 3.12']
  ],
  [
    'Python docstring',
    'a.py',
    ['def f():', '    """Reprice.', '', '    TODO: handle refunds', '    """'],
    ['4 TODO: handle refunds']
  ],
  ['Python one-line docstring', 'b.py', ['    """TODO: document me"""'], ['1 TODO: document me']],
  [
    'Java',
    'A.java',
    ['  // TODO: use a builder', '  String TODO = "x";'],
    ['1 TODO: use a builder']
  ],
  ['C#', 'A.cs', ['    // FIXME: async void'], ['1 FIXME: async void']],
  ['C++', 'a.cpp', ['// TODO: RAII'], ['1 TODO: RAII']],
  ['C++ header .hpp', 'a.hpp', ['/* TODO: inline */'], ['1 TODO: inline']],
  ['C', 'a.c', ['/* XXX: overflow */'], ['1 XXX: overflow']],
  ['Go', 'a.go', ['\t// TODO(alice): context'], ['1 TODO: context']],
  ['Rust', 'a.rs', ['    // FIXME: unwrap', '    let todo_count = 1;'], ['1 FIXME: unwrap']],
  ['Kotlin', 'A.kt', ['// TODO: coroutine'], ['1 TODO: coroutine']],
  ['Swift', 'a.swift', ['// HACK: iOS 15'], ['1 HACK: iOS 15']],
  ['PHP', 'a.php', ['# TODO: escape', '// FIXME: psr-12'], ['1 TODO: escape', '2 FIXME: psr-12']],
  ['Ruby', 'a.rb', ['# TODO: freeze'], ['1 TODO: freeze']],
  ['Shell', 'a.sh', ['# FIXME: quote "$@"', 'echo "# TODO no"'], ['1 FIXME: quote "$@"']],
  ['PowerShell', 'a.ps1', ['# TODO: -WhatIf'], ['1 TODO: -WhatIf']],
  ['Dart', 'a.dart', ['// TODO: null safety'], ['1 TODO: null safety']],
  ['Scala', 'A.scala', ['// TODO: implicit'], ['1 TODO: implicit']],
  ['Lua', 'a.lua', ['-- TODO: metatables'], ['1 TODO: metatables']],
  ['R', 'a.R', ['# TODO: vectorise'], ['1 TODO: vectorise']],
  ['SQL --', 'a.sql', ['-- XXX: backfill', "SELECT 'TODO' AS t;"], ['1 XXX: backfill']],
  ['SQL /* */', 'b.sql', ['/* TODO: index */'], ['1 TODO: index']],
  ['CSS', 'a.css', ['/* FIXME: z-index */', '.todo { color: red }'], ['1 FIXME: z-index']],
  ['HTML', 'a.html', ['<!-- TODO: alt text -->', '<p>TODO</p>'], ['1 TODO: alt text']],
  ['YAML', 'a.yml', ['# TODO: pin versions', 'todo: 1'], ['1 TODO: pin versions']],
  ['Haskell', 'A.hs', ['-- FIXME: laziness'], ['1 FIXME: laziness']],
  ['Elixir', 'a.ex', ['# TODO: GenServer'], ['1 TODO: GenServer']],
  ['Lisp ;', 'a.el', ['; TODO: autoload'], ['1 TODO: autoload']],
  ['Dockerfile', 'Dockerfile', ['# TODO: multi-stage'], ['1 TODO: multi-stage']],
  [
    'Terraform',
    'main.tf',
    ['# TODO: tags', '// FIXME: region'],
    ['1 TODO: tags', '2 FIXME: region']
  ],
  [
    'Rust doc comments',
    'lib.rs',
    ['/// TODO: doc comment', '//! FIXME: inner doc'],
    ['1 TODO: doc comment', '2 FIXME: inner doc']
  ],
  [
    'Lua block',
    'b.lua',
    ['--[[ TODO: one-line block ]]', '--[[', 'FIXME: in a block', '--]]'],
    ['1 TODO: one-line block', '3 FIXME: in a block']
  ],
  [
    'JSX comment',
    'C.jsx',
    ['  <div>', '    {/* TODO: jsx comment */}', '  </div>'],
    ['2 TODO: jsx comment']
  ],
  ['HTML block', 'b.html', ['<!--', '  TODO: alt text', '-->'], ['2 TODO: alt text']],
  // A comment at the end of a code line, or one in a string, is not read.
  [
    'block comments in strings or after code',
    'b.ts',
    [
      "const b = '/* FIXME: in single quotes */'",
      'const y = 2 /* TODO: eol block */',
      "const glob = 'src/**/*.ts /* FIXME: a string */'",
      '/* TODO: closed before code */ foo()',
      'call() /* HACK: opens after code',
      ' * TODO: so not a comment block',
      ' */'
    ],
    []
  ],
  ['SQL block in a string', 'c.sql', ["SELECT '/* HACK: sql string block */';"], []],
  [
    'CSS blocks in a string or after a rule',
    'b.css',
    ['b { content: "/* FIXME: css string */"; }', 'a { color: red; } /* TODO: eol css */'],
    []
  ],
  ['Go raw string', 'b.go', ['y := `/* FIXME: go raw string */`'], []],
  ['HTML after markup', 'c.html', ['<div>x</div> <!-- TODO: eol html -->'], []],
  ['Lua after code', 'c.lua', ['local x = 1 -- TODO: eol lua', 'f() --[[ FIXME: eol block ]]'], []],
  [
    'Python triple-quoted value, not a docstring',
    'c.py',
    [
      'HELP = """',
      'TODO: inside a triple-quoted string',
      '"""',
      '"""',
      'FIXME: a string statement',
      '"""'
    ],
    ['5 FIXME: a string statement']
  ],
  ['lowercase is not the keyword', 'a.ts', ['// todo: later'], []],
  ['keyword inside a word', 'a.ts', ['// TODOS are fine', '// XXXL size'], []],
  ['not a known language', 'a.unknownext', ['# TODO: x'], []]
]

describe.each(TABLE)('%s', (_language, path, lines, expected) => {
  test(`${path}: ${expected.length} TODO(s)`, async () => {
    expect(await texts(path, lines)).toEqual(expected)
  })
})

test('only added lines count; context lines and removed ones do not', async () => {
  const patch = '@@ -1,3 +1,3 @@\n // TODO: old\n-// FIXME: removed\n+// FIXME: new\n x\n'
  const { todos } = await scanTodos(
    [{ path: 'a.ts', status: 'modified', additions: 1, deletions: 1, patch }],
    KEYWORDS
  )
  expect(todos.map((t) => [t.line, t.text])).toEqual([[2, 'new']])
  expect(todos[0]!.context).toEqual({ start: 1, lines: ['// TODO: old', '// FIXME: new', 'x'] })
})

describe('a TODO the PR only moves is not new', () => {
  const file = (path: string, patch: string, status = 'modified') => ({
    path,
    status,
    additions: 1,
    deletions: 1,
    patch
  })

  test('to another file with its code, re-indented, or reworded in case and punctuation only', async () => {
    const { todos } = await scanTodos(
      [
        file(
          'c/old.ts',
          '@@ -1,4 +1,2 @@\n const a = 1\n-// TODO: moved between files\n-function moved() {}\n const b = 2\n'
        ),
        file(
          'c/new.ts',
          '@@ -1,2 +1,4 @@\n const c = 1\n+// TODO: moved between files\n+function moved() {}\n const d = 2\n'
        ),
        file(
          'c/indent.ts',
          '@@ -1,2 +1,4 @@\n-// TODO: reindented existing todo\n-call()\n+if (x) {\n+  // TODO: reindented existing todo\n+  call()\n+}\n'
        ),
        file('c/punct.ts', '@@ -1,1 +1,1 @@\n-// TODO: fix the thing\n+// TODO: Fix the thing.\n'),
        file(
          'c/gone.py',
          '@@ -1,2 +0,0 @@\n-# FIXME: out of a deleted file\n-def keep(): pass\n',
          'removed'
        ),
        file(
          'c/here.py',
          '@@ -0,0 +1,3 @@\n+# FIXME: out of a deleted file\n+def keep(): pass\n+# TODO: a new one\n',
          'added'
        )
      ],
      KEYWORDS
    )
    expect(todos.map((t) => `${t.path}:${t.line} ${t.text}`)).toEqual(['c/here.py:3 a new one'])
  })

  test('within a file, and in a file renamed and edited (GitHub: previous_filename)', async () => {
    const { todos } = await scanTodos(
      [
        file(
          'a.ts',
          '@@ -1,2 +1,1 @@\n-// TODO: up the file\n x()\n@@ -40,1 +39,2 @@\n y()\n+// TODO: up the file\n'
        ),
        {
          ...file(
            'src/new-name.ts',
            '@@ -1,1 +1,1 @@\n-  // TODO: keep it\n+// TODO: keep it\n',
            'renamed'
          ),
          previousPath: 'lib/old-name.ts'
        }
      ],
      KEYWORDS
    )
    expect(todos).toEqual([])
  })

  test('not a TODO removed elsewhere (done) with the same words: the new one is new', async () => {
    const { todos } = await scanTodos(
      [
        file(
          'a.ts',
          '@@ -1,2 +1,2 @@\n-// TODO: add tests\n-export const parse = 1\n+export const parse = 1\n'
        ),
        file('b.ts', '@@ -1,1 +1,2 @@\n+// TODO: add tests\n export const render = 2\n'),
        file('gone.py', '@@ -1,1 +0,0 @@\n-# FIXME: lone\n', 'removed'),
        file('here.py', '@@ -0,0 +1,1 @@\n+# FIXME: lone\n', 'added')
      ],
      KEYWORDS
    )
    expect(todos.map((t) => `${t.path}:${t.line} ${t.text}`)).toEqual([
      'b.ts:1 add tests',
      'here.py:1 lone'
    ])
  })

  test('one removed TODO accounts for one added: a second copy in the file is new', async () => {
    const { todos } = await scanTodos(
      [file('a.ts', '@@ -1,1 +1,2 @@\n-// TODO: twice\n+// TODO: twice\n+// TODO: twice\n')],
      KEYWORDS
    )
    expect(todos.map((t) => `${t.path}:${t.line} ${t.text}`)).toEqual(['a.ts:2 twice'])
  })

  test('a removed line that is no comment does not hide an added TODO', async () => {
    const { todos } = await scanTodos(
      [file('a.ts', '@@ -1,1 +1,1 @@\n-const s = "TODO: ship it"\n+// TODO: ship it\n')],
      KEYWORDS
    )
    expect(todos.map((t) => t.text)).toEqual(['ship it'])
  })
})

test('a keyword with regular expression characters is matched as written', async () => {
  const { todos } = await scanTodos(
    [added('a.ts', ['// C++: odd keyword', '// C: not it', '// TODO: normal one'])],
    ['TODO', 'C++', 'a.b']
  )
  expect(todos.map((t) => `${t.tag}: ${t.text}`)).toEqual(['C++: odd keyword', 'TODO: normal one'])
})

test('a file without patch is reported, a pure rename is not', async () => {
  const scan = await scanTodos(
    [
      { path: 'img.png', status: 'added', additions: 0, deletions: 0 },
      { path: 'b.ts', previousPath: 'a.ts', status: 'renamed', additions: 0, deletions: 0 }
    ],
    KEYWORDS
  )
  expect(scan.omitted).toEqual(['img.png'])
})

test('configured keywords: custom ones, and lowercase when configured so', async () => {
  const { todos } = await scanTodos(
    [added('a.ts', ['// todo: lower', '// NOTE: n', '// TODO: upper'])],
    ['todo', 'NOTE']
  )
  expect(todos.map((t) => t.tag)).toEqual(['todo', 'NOTE'])
})

test.each([
  ['SHOP-16', 'apply later', ['SHOP-16']],
  ['', 'SHOP-16: apply later', ['SHOP-16']],
  ['', 'SHOP-16 - apply later', ['SHOP-16']],
  ['', 'see https://acme.atlassian.net/browse/OPS-3 first', ['OPS-3']],
  ['alice', 'apply later', []],
  ['ISO-8601', 'parse dates', ['ISO-8601']],
  ['', 'SHA-256: switch hashing', ['SHA-256']],
  ['', 'support UTF-8 names', []],
  ['', 'UTF-8 handling', []],
  ['', 'after SHOP-16 lands, drop this', []]
])('named keys: ref %p, text %p → %p', (ref, text, keys) => {
  expect(namedKeys(ref, text)).toEqual(keys)
})

test('a TODO is tracked by the first key it names that Jira confirmed, else by none', async () => {
  const { todos } = await scanTodos(
    [
      added('a.ts', [
        '// TODO SHA-256: switch hashing to sha-512',
        '// TODO UTF-8: decode input properly',
        '// TODO(ISO-8601): parse dates',
        '// TODO(SHOP-9999): names a key that does not exist',
        '// TODO(NOPE-1): names a project that does not exist',
        '// TODO(SHOP-16): apply later'
      ])
    ],
    KEYWORDS
  )
  const tracked = tracking(todos, new Set(['SHOP-16']))
  expect(tracked.map((t) => [t.text, t.tracks])).toEqual([
    ['SHA-256: switch hashing to sha-512', null],
    ['UTF-8: decode input properly', null],
    ['parse dates', null],
    ['names a key that does not exist', null],
    ['names a project that does not exist', null],
    ['apply later', 'SHOP-16']
  ])
})

test('hunks: new-side line numbers, several hunks', () => {
  const hunks = newSideHunks(
    '@@ -1,2 +1,2 @@\n a\n+b\n@@ -10,1 +20,2 @@\n c\n+d\n\\ No newline at end of file'
  )
  expect(hunks.map((h) => h.map((l) => `${l.line}${l.changed ? '+' : ' '}${l.text}`))).toEqual([
    ['1 a', '2+b'],
    ['20 c', '21+d']
  ])
})
