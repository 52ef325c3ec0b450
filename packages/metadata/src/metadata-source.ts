import type { GatewayContext } from '@signalbox/core';

/** The parts of the context the shapes are computed from (a plain object in tests). */
export type MetadataSource = Pick<
  GatewayContext,
  'request' | 'generationId' | 'attempts' | 'resolved' | 'routing' | 'cost'
>;
