// The names of the channels an item is found on, for the documents and the Temporal UI.
import { labelsOf } from '../labels';
import type { Channel } from '../model/schema';

export const CHANNEL_LABELS: Record<Channel, string> = labelsOf('channel');
