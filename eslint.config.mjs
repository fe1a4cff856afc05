// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import globals from 'globals'

/** Patterns that name a module in another layer (ARCHITECTURE.md §2, "who may import what"). */
const ELECTRON = {
  group: ['electron', 'electron/*'],
  message: 'Only main/index, main/window, main/services and main/preload may touch Electron.',
}
const NODE_BUILTINS = {
  group: ['node:*'],
  message: 'This layer is shared with the renderer: no Node built-ins.',
}
const UP_TO_IPC = {
  group: ['**/ipc/*', '**/ipc'],
  message: 'main/core must not depend on the IPC layer.',
}
const UP_TO_SERVICES = {
  group: ['**/services/*', '**/services'],
  message: 'main/core must not depend on services.',
}
const TO_RENDERER = {
  group: ['**/renderer/**'],
  message: 'The main process never imports renderer code.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'coverage/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['*.config.ts', '*.config.mjs', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Layer: everything under main/core runs under plain Node, never Electron.
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [ELECTRON, UP_TO_IPC, UP_TO_SERVICES, TO_RENDERER] },
      ],
    },
  },
  // Layer: shared with the renderer (types and schemas only).
  {
    files: ['main/core/model/**/*.ts', 'main/ipc/channels.ts', 'main/ipc/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ELECTRON,
            NODE_BUILTINS,
            {
              group: ['better-sqlite3', '@litko/*', 'file-type'],
              message: 'Shared layer: zod and model types only.',
            },
            {
              group: ['**/core/*/**', '!**/core/model/**'],
              message: 'Shared layer: zod and model types only.',
            },
            TO_RENDERER,
          ],
        },
      ],
    },
  },
  // Layer: the preload bridge sees Electron's renderer APIs and the channel list, nothing else.
  {
    files: ['main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_BUILTINS,
            {
              group: [
                '../core/**',
                '../services/**',
                '../ipc/handlers',
                '../ipc/register',
                '../ipc/contract',
              ],
              message: 'The preload only knows the channel names.',
            },
            TO_RENDERER,
          ],
        },
      ],
    },
  },
  // Layer: the renderer is DOM code: only type imports from main/.
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, react, 'jsx-a11y': jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: '19' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
      'react/no-danger': 'error',
      'react/jsx-no-target-blank': 'error',
      'react/jsx-no-script-url': 'error',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...ELECTRON, allowTypeImports: false },
            { ...NODE_BUILTINS, allowTypeImports: false },
            {
              group: ['**/main/**'],
              allowTypeImports: true,
              message: 'The renderer imports only types from main/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
