export { PasswordHasher, passwordProblem, PRODUCTION_HASH, TEST_HASH, type HashParams } from './passwords';
export { authenticate, checkCsrf, SESSION_COOKIE } from './authenticate';
export { newTotpSecret, totpUri, checkTotp, newRecoveryCodes, hashRecoveryCode } from './totp';
