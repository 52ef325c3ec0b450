import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { type GatewayConfig, readConfig } from './config.js';
import { createAppServer } from './create-app.js';
import { createExampleGateway, type ExampleGateway } from './create-example-gateway.js';

export interface RunningGateway extends ExampleGateway {
  server: Server;
  /** `http://host:port` */
  url: string;
  config: GatewayConfig;
  /** Stops accepting connections, lets in-flight requests finish, closes the gateway. */
  close(): Promise<void>;
}

/** Starts the example gateway (the same code `pnpm start` runs), e.g. on port 0 in tests. */
export async function startGateway(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningGateway> {
  const config = readConfig(env);
  const example = createExampleGateway(config);
  const server = createAppServer(example.gateway, config, example.mounts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    ...example,
    server,
    url,
    config,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          // Keep-alive sockets become idle when their in-flight request finishes: close them then.
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          server.close(() => {
            clearInterval(sweep);
            resolve();
          });
          server.closeIdleConnections();
        });
        await example.gateway.close();
      })();
      return closing;
    },
  };
}
