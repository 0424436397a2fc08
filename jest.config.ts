import type { Config } from 'jest';

/**
 * Three tiers, one runner: `*.spec.ts` (pure, no I/O), `*.int-spec.ts` (real PostgreSQL) and
 * `*.e2e-spec.ts` (the whole product over HTTP, with a real registry and real clients).
 * Jest runs with --experimental-vm-modules so that CommonJS test code can require NestJS 12's ES
 * modules, as Nest's own CommonJS template does.
 */
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@portcullis/api$': '<rootDir>/apps/api/src/index.ts',
    '^@portcullis/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@portcullis/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@portcullis/api-client$': '<rootDir>/libs/api-client/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
} satisfies Config;

const config: Config = {
  // Per test; end-to-end tests drive real processes. (A global option: projects cannot set it.)
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/apps/console/'],
    },
    {
      // The console's stores and forms, in jsdom, compiled as Angular compiles them. Run without
      // --experimental-vm-modules (`npm run test:console`): Angular's .mjs files are then loaded as
      // the CommonJS jest-preset-angular makes of them. Its stores talk to the built server.
      displayName: 'console',
      rootDir: '.',
      testEnvironment: '<rootDir>/apps/console/jest-environment.cjs',
      testMatch: ['<rootDir>/apps/console/src/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/console/src/test-setup.ts'],
      moduleFileExtensions: ['ts', 'html', 'js', 'mjs', 'json'],
      transform: {
        '^.+\\.(ts|js|mjs|html|svg)$': [
          'jest-preset-angular',
          { tsconfig: '<rootDir>/apps/console/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
        ],
      },
      transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
      moduleNameMapper: {
        '^@portcullis/api$': '<rootDir>/apps/api/src/index.ts',
        '^@portcullis/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
        '^@portcullis/testing$': '<rootDir>/libs/testing/src/index.ts',
        '^@portcullis/api-client$': '<rootDir>/libs/api-client/src/index.ts',
      },
      globalSetup: '<rootDir>/apps/console/test-global-setup.ts',
      globalTeardown: '<rootDir>/apps/console/test-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/e2e/container-image.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      // The container image's build takes both cores for minutes: it runs on its own, after the
      // end-to-end tier, so the timed assertions there are not measured against it.
      ...common,
      displayName: 'image',
      testMatch: ['<rootDir>/e2e/container-image.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};

export default config;
