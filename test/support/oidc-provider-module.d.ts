/** The parts of oidc-provider (which ships no types) that the test provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContext {
    path: string;
    method: string;
    body: unknown;
    req: IncomingMessage;
    res: ServerResponse;
    redirect(url: string): void;
    oidc: {
      provider: Provider;
      client?: { clientId: string };
      session?: { accountId: string };
    };
  }

  interface GrantInstance {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface IdTokenInstance {
    scope: string;
    set(key: string, value: unknown): void;
    issue(options: { use: 'idtoken' }): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: new (fields: { clientId: string; accountId: string }) => GrantInstance;
    IdToken: new (claims: Record<string, unknown>, options: { ctx: KoaContext; client: unknown }) => IdTokenInstance;
    Client: { find(id: string): Promise<unknown> };
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: Record<string, unknown>): Promise<string>;
  }
}
