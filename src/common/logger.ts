import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

/** One JSON logger for Fastify's request logs and Nest's own messages. */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'assay' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  });
}

const QUIETER_THAN_INFO: LogLevel[] = ['warn', 'error', 'fatal', 'silent'];

/**
 * Start, stop and the first admin's password are logged whatever LOG_LEVEL says: an operator who
 * asked for warnings only still needs to know that the server listens and how to sign in.
 */
export function createLifecycleLogger(level: LogLevel): Logger {
  return createRootLogger(QUIETER_THAN_INFO.includes(level) ? 'info' : level).child({ context: 'lifecycle' });
}

/** Nest's start-up chatter (one line per route and module) is for debugging, not for operators. */
const DEBUG_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader']);

export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    const context = rest[rest.length - 1];
    this.write(typeof context === 'string' && DEBUG_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const extra = rest.find((item) => typeof item === 'string' && item !== context && item.includes('\n'));
    if (typeof message === 'object' && message !== null) {
      const text = typeof rest[0] === 'string' && rest[0] !== context ? rest[0] : undefined;
      this.root[level]({ context, ...(message as object) }, text);
      return;
    }
    this.root[level]({ context, ...(extra ? { stack: extra } : {}) }, String(message));
  }
}
