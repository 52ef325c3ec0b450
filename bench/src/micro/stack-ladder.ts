/**
 * The example stack built up one middleware at a time, each step measured with the same stub
 * provider: what each middleware adds to `gateway.handle()`, in CPU microseconds per call, in
 * process (no sockets). Run by `pnpm bench:micro` after the stage-by-stage figures.
 *
 * @module
 */
import { auth, rateLimits } from '@signalbox/auth';
import { promptCaching, responseCache } from '@signalbox/cache';
import {
  createGateway,
  type GatewayHttpRequest,
  type GatewayMiddleware,
  type ProviderAdapter,
} from '@signalbox/core';
import { cost, createPriceCatalog, withModelPricing } from '@signalbox/cost';
import { metadata } from '@signalbox/metadata';
import { prometheusMetrics, requestLog } from '@signalbox/observability';
import { router } from '@signalbox/routing';
import { BENCH_GATEWAY_KEY } from '../requests.js';
import { measureOperation, type OperationCost } from './measure-cpu.js';

/** One step of the ladder: its name and the middleware it adds (made fresh for every stack). */
interface Rung {
  name: string;
  make: () => GatewayMiddleware;
}

const prices = createPriceCatalog();
const rungs: Rung[] = [
  { name: 'auth', make: () => auth({ keys: [BENCH_GATEWAY_KEY] }) },
  { name: 'request log + metrics', make: () => requestLog({ sinks: [prometheusMetrics()] }) },
  {
    name: 'rate limits',
    make: () => rateLimits({ defaults: { requestsPerMinute: 1e9, tokensPerMinute: 1e12 } }),
  },
  { name: 'cost', make: () => cost({ catalog: prices }) },
  { name: 'response cache (miss)', make: () => responseCache({ openrouter: true }) },
  { name: 'metadata', make: () => metadata() },
  { name: 'prompt caching', make: () => promptCaching() },
  { name: 'router', make: () => router({ catalog: { models: [] } }) },
];

/**
 * Measures the stub provider's gateway with no middleware, then with the first rung, the first
 * two, and so on; prints each step's total and what the step added.
 */
export async function runStackLadder(
  stub: ProviderAdapter,
  request: () => GatewayHttpRequest,
  settings: { runs: number; warmup: number },
): Promise<OperationCost[]> {
  const provider = withModelPricing(stub, prices);
  const costs: OperationCost[] = [];
  let previous: number | undefined;
  console.log('Each middleware of the example stack added in turn (stub provider):');
  for (let count = 0; count <= rungs.length; count += 1) {
    const included = rungs.slice(0, count);
    const gateway = createGateway({ providers: [provider], use: included.map((rung) => rung.make()) });
    const name = count === 0 ? 'no middleware' : `+ ${included[count - 1]?.name}`;
    const cost = await measureOperation(
      name,
      async () => {
        const response = await gateway.handle(request());
        if (response.status !== 200) throw new Error(`${name}: status ${response.status}`);
        if (response.body.type === 'json') JSON.stringify(response.body.value);
      },
      settings,
    );
    await gateway.close();
    const added = previous === undefined ? '' : ` (+${(cost.cpuMicros - previous).toFixed(1)})`;
    console.log(`  ${cost.cpuMicros.toFixed(2).padStart(9)} us CPU  ${name}${added}`);
    previous = cost.cpuMicros;
    costs.push(cost);
  }
  return costs;
}
