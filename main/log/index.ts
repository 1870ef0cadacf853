export {
  createLogger,
  createNullLogger,
  logFilePath,
  logLevels,
  redactCensor,
  redactedKeys,
  redactPaths,
  type FileLogger,
  type Logger,
  type LoggerOptions,
  type LogLevel,
} from './logger.js';
