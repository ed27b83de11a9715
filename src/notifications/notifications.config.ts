import { integer, type Env } from '../config/config.js';

/** When an interrupted send is tried again, and how often a message is tried; read once at boot. */
export interface NotificationsConfig {
  /** A send that started this long ago and never finished lost its worker: send it again. */
  retryGraceSeconds: number;
  /** Sends of one message before it is given up as failed. */
  maxAttempts: number;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export function loadNotificationsConfig(env: Env = process.env): NotificationsConfig {
  return {
    retryGraceSeconds: integer(env, 'MAIL_RETRY_GRACE_SECONDS', 300, 1, 86_400),
    maxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 5, 1, 50),
  };
}
