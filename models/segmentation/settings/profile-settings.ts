import type { SegmentationSettings } from './segmentation-settings.js';

export type ProfileColumnType = 'number' | 'category' | 'boolean' | 'date';

/** An extra column of the customers extract with the type the configuration declares (`profile.columns`). */
export interface DeclaredProfileColumn {
  name: string;
  type: ProfileColumnType;
  description?: string;
}

/**
 * What segmentation knows of the configuration's `profile` section: the declared extra columns
 * rules may read, and what to assume about marketing consent where the extract does not say (as
 * audiences do). Not written under `segments`: the configuration parser attaches it
 * (withProfile), and the population statistics carry it with the rest of the settings, so every
 * shard reads the same columns.
 */
export interface SegmentationProfile {
  columns: readonly DeclaredProfileColumn[];
  consentDefault: 'granted' | 'denied';
}

/** The settings with the profile section they are read with. */
export const withProfile = <S extends SegmentationSettings>(settings: S, profile: SegmentationProfile): S => ({ ...settings, profile });
