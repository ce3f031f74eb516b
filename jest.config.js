/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Some dependencies ship only ES modules; they are compiled to CommonJS for the test runner.
  transformIgnorePatterns: ['/node_modules/(?!(edtf)/)'],
  moduleNameMapper: {
    '^@app/(domain|event-store|projections|application)$': '<rootDir>/libs/$1/src',
    '^@app/(domain|event-store|projections|application)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  // End-to-end tests start servers and command-line processes; on a loaded machine each start
  // takes seconds. The limit only matters when a test hangs.
  testTimeout: 120000,
};
