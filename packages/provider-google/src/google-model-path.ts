/** A model id as a URL path, each segment encoded but `:` kept (`gemini-2.5-flash:status-429`). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%3A/gi, ':'))
    .join('/');
}

/**
 * The Gemini API resource of a model id: `models/{id}`, or the id as is when it is already a
 * resource path (`tunedModels/my-model`, `models/gemini-2.5-flash`).
 */
export function geminiModelPath(modelId: string): string {
  return encodePath(modelId.includes('/') ? modelId : `models/${modelId}`);
}

/**
 * The Vertex AI resource of a model id under a project and location:
 * `projects/{project}/locations/{location}/publishers/google/models/{id}`, or, for an id that is
 * already a path (`endpoints/123` for a tuned model, `publishers/google/models/...`), that path
 * under the location.
 */
export function vertexModelPath(project: string, location: string, modelId: string): string {
  const resource = modelId.includes('/') ? modelId : `publishers/google/models/${modelId}`;
  return `projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/${encodePath(resource)}`;
}

/** Vertex AI's regional base URL (`https://{location}-aiplatform.googleapis.com/v1`; no region prefix for `global`). */
export function vertexBaseURL(location: string): string {
  return location === 'global'
    ? 'https://aiplatform.googleapis.com/v1'
    : `https://${location}-aiplatform.googleapis.com/v1`;
}
