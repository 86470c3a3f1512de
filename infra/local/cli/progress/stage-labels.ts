/** How progress names each stage of the scoring run. */
export const STAGE_LABELS: Record<string, string> = {
  Prepare: 'prepare (snapshot, day, shards)',
  Train: 'train',
  Score: 'score',
  Segment: 'segment (population statistics)',
  Write: 'write (delta writes per shard)',
  Publish: 'publish (catalogue, audiences, report, pointer)',
};
