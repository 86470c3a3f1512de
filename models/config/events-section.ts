import { z } from 'zod';

/**
 * The most customers one batched event may name. The real bound is the event's size, which the
 * sender keeps within one 64 KB EventBridge billing chunk (far under the 256 KiB entry limit):
 * about 4,000 ids of 12 characters; this cap keeps a consumer's unit of work a sane size.
 */
export const MAX_CUSTOMERS_PER_EVENT = 10_000;

const MembershipChangeEvents = z
  .object({
    /**
     * false (the documented contract): one `Segment Membership Changed` event per customer entering
     * or leaving a segment. true: one `Segment Membership Changes` event per segment and change kind
     * for up to `maxCustomersPerEvent` customers (`detail.customerIds`), which at $1 per million
     * events is what a nightly run of millions of changes can afford.
     */
    batched: z.boolean().default(false),
    maxCustomersPerEvent: z.number().int().min(1).max(MAX_CUSTOMERS_PER_EVENT).default(1000),
  })
  .strict();

export type MembershipChangeEventsConfig = z.infer<typeof MembershipChangeEvents>;

export const DEFAULT_MEMBERSHIP_CHANGE_EVENTS: MembershipChangeEventsConfig = MembershipChangeEvents.parse({});

/** `events`: what Publish sends to the event bus (EventBridge in AWS, JSON Lines files locally). */
export const EventsSectionSchema = z
  .object({
    membershipChanges: MembershipChangeEvents.default(DEFAULT_MEMBERSHIP_CHANGE_EVENTS),
  })
  .strict();

export type EventsConfig = z.infer<typeof EventsSectionSchema>;
