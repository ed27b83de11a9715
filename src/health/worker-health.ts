import { Inject, Injectable } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { WorkerHost } from '../queue/worker.host.js';

/**
 * Worker mode serves no API, so a container runtime or an orchestrator has nothing to probe. With
 * WORKER_HEALTH_PORT set, a worker answers GET /health/live there: 200 while every queue has a
 * running worker, 503 once one has stopped. Like the API's liveness it leaves the database and the
 * queue backend out: an outage there is no reason to restart the worker, which reconnects.
 */
@Injectable()
export class WorkerHealthListener {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workers: WorkerHost,
  ) {}

  async start(): Promise<void> {
    if (this.config.workerHealthPort === undefined || this.server) return;
    const server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(this.config.workerHealthPort, this.config.host, () => listening());
    });
    this.server = server;
  }

  /** Where it listens, once started. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (request.method !== 'GET' || request.url !== '/health/live') {
      response.writeHead(404, headers).end(JSON.stringify({ status: 'not_found' }));
      return;
    }
    const live = this.workers.running();
    response.writeHead(live ? 200 : 503, headers).end(JSON.stringify({ status: live ? 'ok' : 'stopped' }));
  }
}
