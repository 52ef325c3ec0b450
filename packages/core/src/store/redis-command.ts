/**
 * How the Redis stores talk to Redis without depending on a client library: pass a function that
 * sends one command, e.g. with ioredis `(...args) => redis.call(...args)` or with node-redis
 * `(...args) => client.sendCommand(args)`.
 */
export type RedisSendCommand = (...args: string[]) => Promise<unknown>;
