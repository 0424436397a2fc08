// Type-checked ESLint for the whole workspace (`npm run lint`, enforced in CI).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './eslint/module-boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      '.angular/',
      'apps/api/src/database/generated/',
      'libs/api-client/src/schema.ts',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The API's module graph (eslint/module-boundaries.mjs), and libs kept out of the app.
    files: ['apps/api/src/**/*.ts', 'libs/**/*.ts'],
    plugins: { portcullis: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'portcullis/module-boundaries': 'error' },
  },
  {
    // Tests assert on loosely typed JSON from real servers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Angular's validators are static functions meant to be passed around (Validators.required).
    files: ['apps/console/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
