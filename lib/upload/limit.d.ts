export declare const DEFAULT_UPLOAD_MAX_MB: number;
export declare const FORM_OVERHEAD_BYTES: number;
export declare function uploadMaxBytes(env?: Record<string, string | undefined>): number;
export declare function requestMaxBytes(env?: Record<string, string | undefined>): number;
