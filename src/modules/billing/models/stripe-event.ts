import { model } from "@medusajs/framework/utils"

export const StripeEventStatus = {
  /** Stored, not applied yet. */
  PENDING: "pending",
  /** Applied; applying it again changes nothing. */
  PROCESSED: "processed",
  /** Applying it failed; retried later with backoff, or from the admin. */
  FAILED: "failed",
  /** About an object billing does not know yet (e.g. a refund of a charge not seen yet): applied when it appears. */
  WAITING: "waiting",
  /** Not an event billing acts on. */
  IGNORED: "ignored",
} as const

/**
 * A Stripe webhook event as received, stored once by its id (DESIGN rule 4), then applied
 * asynchronously. What happened to it (status, attempts, last error) is visible in the admin.
 */
export const StripeEvent = model
  .define({ name: "StripeEvent", tableName: "billing_stripe_event" }, {
    id: model.id({ prefix: "bsev" }).primaryKey(),
    // Stripe's evt_… id: unique, so a redelivered event is stored once.
    event_id: model.text(),
    type: model.text().searchable(),
    // The Connect account the event belongs to, when there is one.
    account: model.text().nullable(),
    livemode: model.boolean().default(false),
    // When Stripe created the event (events are applied so that their order does not matter).
    stripe_created_at: model.dateTime(),
    // The id of the object the event is about (pi_, ch_, re_, dp_, po_…).
    object_id: model.text().nullable(),
    payload: model.json(),
    status: model.enum(Object.values(StripeEventStatus)).default(StripeEventStatus.PENDING),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    processed_at: model.dateTime().nullable(),
    // How it arrived: "webhook" or "backfill".
    received_via: model.enum(["webhook", "backfill"]).default("webhook"),
  })
  .indexes([
    { on: ["event_id"], unique: true },
    { on: ["status", "next_attempt_at"] },
    { on: ["object_id"] },
  ])
