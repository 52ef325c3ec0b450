export { DEFAULT_BODY_LIMIT, parseByteSize, readNodeBody } from './read-body.js';
export {
  clientAbortSignal,
  flattenHeaders,
  toGatewayRequest,
  type NodeRequestParts,
} from './node-request.js';
export { writeNodeResponse } from './write-response.js';
