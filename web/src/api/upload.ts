// Sends a photo to its presigned S3 POST with progress: fetch cannot report upload progress, XMLHttpRequest can.
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}

export class UploadError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function uploadPhoto(grant: PresignedPost, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  if (file.size > grant.maxBytes) return Promise.reject(new UploadError(413, `larger than ${Math.round(grant.maxBytes / 1_048_576)} MB`));
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new UploadError(request.status, request.responseText.slice(0, 200))));
    request.onerror = () => reject(new UploadError(0, 'network error'));
    request.open('POST', grant.url);
    request.send(form);
  });
}
