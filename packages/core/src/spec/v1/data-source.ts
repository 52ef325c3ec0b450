/** Where the bytes of an image or file come from. */
export type DataSource =
  | { type: 'base64'; data: string }
  | { type: 'url'; url: string }
  | { type: 'file-id'; fileId: string }
  | { type: 'text'; text: string };
