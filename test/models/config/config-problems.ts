import { ConfigurationError, parseSegmentsConfig } from '../../../models/config/index.js';

export const parse = (yaml: string) => parseSegmentsConfig(yaml, 'segments.config.yaml');

/** The `path: message` of each issue the file is refused for; throws when it is accepted. */
export const problemsOf = (yaml: string): string[] => {
  try {
    parse(yaml);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected the file to be refused');
};
