export { readConfig, type GatewayConfig } from './config.js';
export { createExampleGateway, type ExampleGateway } from './create-example-gateway.js';
export { createAppServer, createExpressApp, createKoaApp } from './create-app.js';
export { startGateway, type RunningGateway } from './server.js';
