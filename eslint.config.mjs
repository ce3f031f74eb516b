// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read loosely typed JSON from the API over HTTP.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain stays pure: the framework is wired in apps/, never imported here.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*'], message: 'libs/domain must not depend on NestJS.' }] },
      ],
    },
  },
  {
    // What the API and the command line share lives in libs/application: the command line never
    // reaches into apps/api, nor does a library into an app. (libs/domain is left out: a later
    // entry would replace its own rule above, which keeps NestJS out.)
    files: [
      'apps/cli/**/*.ts',
      'libs/application/**/*.ts',
      'libs/event-store/**/*.ts',
      'libs/projections/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', '**/api/src/**'],
              message: 'Share code through @app/application.',
            },
          ],
        },
      ],
    },
  },
);
