// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import globals from 'globals'
import electronSecurity from 'eslint-plugin-electron-security'
import noUnsanitized from 'eslint-plugin-no-unsanitized'

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
/** Named exports only (STYLE.md): every `no-restricted-syntax` list must repeat it. */
const NO_DEFAULT_EXPORT = {
  selector: 'ExportDefaultDeclaration',
  message: 'Named exports only (STYLE.md).',
}
/**
 * What eslint-plugin-electron-security misses (security-checks A1, A6): it reports
 * `nodeIntegration: true` only next to a literal remote loadURL in the same file, and a
 * `file://` loadURL only on a window built in the same file.
 */
const ELECTRON_SYNTAX = [
  {
    selector: 'Property[key.name=/^nodeIntegration(InWorker|InSubFrames)?$/][value.value=true]',
    message: 'No Node.js integration in any renderer (security-checks §2.1).',
  },
  {
    selector: "CallExpression[callee.property.name='loadFile']",
    message: 'Load app://bundle/ through the protocol handler, never a file (security-checks A6).',
  },
  {
    selector:
      "CallExpression[callee.property.name='loadURL'] > :matches(Literal[value=/^file:/i], TemplateLiteral[quasis.0.value.raw=/^file:/i])",
    message: 'No file:// loads: use app://bundle/ (security-checks A6).',
  },
]
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
      '**/*.d.mts',
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
      'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT],
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
  // Electron's security checklist (security-checks A1–A6, A12) over the product code only: the
  // tests plant unsafe settings on purpose. `strict` makes the inferred rules errors too; each
  // Electron API that has one audited door may be called only there (require-factory).
  // test/security/electron/lint-config.test.ts proves that planted faults are caught.
  {
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'electron-security': electronSecurity },
    rules: {
      ...electronSecurity.configs.strict.rules,
      'electron-security/no-raw-electron-api-exposure': 'error',
      'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT, ...ELECTRON_SYNTAX],
      // The handler is installed on every session by main/security/session-hardening.ts (pinned
      // by session-hardening.test.ts), not in the file that creates the session: keep only
      // the "never grant unconditionally" half of the rule.
      'electron-security/require-permission-request-handler': ['error', { requireHandler: false }],
      'electron-security/require-factory': [
        'error',
        {
          factories: [
            { api: 'ipcMain.handle', use: 'registerIpc', allowIn: ['main/ipc/register.ts'] },
            { api: 'ipcMain.handleOnce', use: 'registerIpc', allowIn: [] },
            { api: 'ipcMain.on', use: 'registerIpc', allowIn: [] },
            { api: 'ipcMain.once', use: 'registerIpc', allowIn: [] },
            { api: 'BrowserWindow', use: 'createMainWindow', allowIn: ['main/window.ts'] },
            { api: 'BrowserView', allowIn: [] },
            { api: 'WebContentsView', allowIn: [] },
            { api: 'shell.openExternal', allowIn: [] },
            { api: 'shell.openPath', allowIn: [] },
            {
              api: 'protocol.handle',
              use: 'registerAppProtocol',
              allowIn: ['main/security/app-protocol.ts'],
            },
          ],
        },
      ],
    },
  },
  // The renderer writes no raw HTML: React escapes, and these catch the DOM sinks React does not.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
    },
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
      'react/no-danger-with-children': 'error',
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
