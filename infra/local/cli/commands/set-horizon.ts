import { CONFIG_KEY } from '../../../../functions/adapters/configuration-store.js';
import type { EmbeddedAws } from '../../runtime/index.js';
import { storeHorizonDays } from '../stored-configuration.js';

/** `--horizon-days`: stored in the configuration file, so later runs and the nightly rescore keep it. */
export async function setHorizon(aws: EmbeddedAws, horizonDays: number, log: (line: string) => void): Promise<void> {
  await storeHorizonDays(aws.s3, aws.bucket, horizonDays);
  log(`Horizon: ${horizonDays} days (scoring.horizonDays in ${CONFIG_KEY}; later runs and the nightly rescore use it, and a model for it is trained when none is current)`);
}
