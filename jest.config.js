/** Tests run from TypeScript sources through ts-jest; the suite lives in test/. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testTimeout: 30000,
};
