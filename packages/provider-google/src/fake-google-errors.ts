/** A Google error body, `{error: {code, message, status, details?}}`. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The gRPC status name Google puts in `error.status` for an HTTP status. */
export function googleStatusName(status: number): string {
  return statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/** An error body for an HTTP status, worded by the caller. */
export function googleError(status: number, message: string, details?: unknown[]): GoogleErrorBody {
  return { error: { code: status, message, status: googleStatusName(status), ...(details && { details }) } };
}

/** A 400 `INVALID_ARGUMENT` as Gemini words a request it cannot read. */
export function invalidArgument(message: string, fieldViolations?: string[]): GoogleErrorBody {
  return googleError(
    400,
    message,
    fieldViolations && [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: fieldViolations.map((description) => ({ description })),
      },
    ],
  );
}

/** Gemini's answer to an API key it does not know (a 400, not a 401). */
export function apiKeyInvalid(): GoogleErrorBody {
  return googleError(400, 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}

/** Gemini's answer to a request without any key. */
export function missingApiKey(): GoogleErrorBody {
  return googleError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** Vertex's answer to a missing or unknown access token. */
export function unauthenticated(): GoogleErrorBody {
  return googleError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );
}

/** The error a fault directive asks for (`status-429`), in Google's words. */
export function faultError(status: number, model: string, retryAfter: number | undefined): GoogleErrorBody {
  switch (status) {
    case 400:
      return invalidArgument(`Fake upstream fault: status 400 for model '${model}'.`);
    case 404:
      return googleError(
        404,
        `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
      );
    case 429:
      return googleError(429, 'Resource has been exhausted (e.g. check quota).', [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
        },
        ...(retryAfter === undefined
          ? []
          : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }]),
      ]);
    case 500:
      return googleError(
        500,
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    case 503:
      return googleError(503, 'The model is overloaded. Please try again later.');
    default:
      return googleError(status, `Fake upstream fault: status ${status} for model '${model}'.`);
  }
}
