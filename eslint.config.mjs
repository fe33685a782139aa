// ESLint flat config. The workflow sandbox is fenced here: code under workflows/ is replayed
// deterministically by Temporal, so it must not reach I/O, Node builtins or the Customs client.
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'test/replay/histories/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...[
              'undici',
              'jose',
              'fastify',
              'pino',
              '@temporalio/client',
              '@temporalio/worker',
              '@temporalio/activity',
            ].map((name) => ({
              name,
              message: 'Workflows are replayed deterministically: no I/O libraries here.',
            })),
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflows must not use Node builtins.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'Workflows must not use Node builtins.' },
            {
              group: [
                '**/src/digitoll',
                '**/src/digitoll/**',
                '**/src/auth',
                '**/src/auth/**',
                '**/src/emulator/**',
              ],
              message: 'Workflows talk to Customs only through activities (import activity types only).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/digitoll', '**/digitoll/**', '**/domain', '**/domain/**'],
              message: 'The twin is written from DOMAIN.md, not from the client.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
