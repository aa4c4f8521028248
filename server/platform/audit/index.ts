export { checkpoint, verifyChain, canonical, eventHash, checkpointLogFile, GENESIS, type VerifyResult, type CheckpointResult } from './chain';
