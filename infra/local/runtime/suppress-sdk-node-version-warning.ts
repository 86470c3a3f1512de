/**
 * The AWS SDK warns once per process that it will soon need Node 22. The project pins Node 20,
 * so locally that warning is noise. The SDK's own switch silences only this warning.
 */
export const SDK_NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export function suppressSdkNodeVersionWarning(): void {
  process.env[SDK_NODE_VERSION_WARNING_SWITCH] ??= 'true';
}
