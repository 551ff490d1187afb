import {
  agingBuckets,
  bucketOf,
  collectionRisk,
  collectionSettings,
  DEFAULT_REMINDER_SETTINGS,
  reminderPause,
  reminderSettings,
  daysOverdue,
  dueReminderLevel,
  fillTemplate,
  isTimeZone,
  lateFee,
  localDay,
  promiseStatus,
  validateReminderSchedule,
} from "../collections"

const template = { en: { subject: "Invoice {{invoice_number}}", body: "Please pay {{amount_due}} by {{due_date}}: {{pay_link}}" } }
const schedule = validateReminderSchedule({
  levels: [
    { days: 7, templates: template },
    { days: -3, templates: template },
    { days: 0, templates: template, late_fee: { type: "percent", value: 2 } },
    { days: 30, templates: template, late_fee: { type: "flat", value: 15 } },
  ],
  minimum_amount: 1,
})

describe("collections", () => {
  it("counts days overdue in the store's calendar, not in UTC", () => {
    // Due at 23:30 UTC on the 10th is the 11th in Shanghai.
    expect(localDay("2026-10-10T23:30:00Z", "Asia/Shanghai")).toBe("2026-10-11")
    expect(daysOverdue("2026-10-10T23:30:00Z", "2026-10-11T10:00:00Z", "UTC")).toBe(1)
    expect(daysOverdue("2026-10-10T23:30:00Z", "2026-10-11T10:00:00Z", "Asia/Shanghai")).toBe(0)
    expect(daysOverdue("2026-10-10T12:00:00Z", "2026-10-09T12:00:00Z")).toBe(-1)
    expect(isTimeZone("Europe/Berlin")).toBe(true)
    expect(isTimeZone("Mars/Olympus")).toBe(false)
  })

  it("puts days overdue in configurable aging buckets", () => {
    const buckets = agingBuckets()
    expect(buckets.map((b) => b.key)).toEqual(["current", "d1_30", "d31_60", "d61_90", "over_90"])
    expect([-5, 0, 1, 30, 31, 90, 91, 1000].map((d) => bucketOf(d, buckets).key)).toEqual([
      "current", "current", "d1_30", "d1_30", "d31_60", "d61_90", "over_90", "over_90",
    ])
    expect(agingBuckets([15, 45]).map((b) => b.key)).toEqual(["current", "d1_15", "d16_45", "over_45"])
    expect(() => agingBuckets([60, 30])).toThrow(/ascending/)
  })

  it("refuses duplicate levels and unknown template variables", () => {
    expect(() => validateReminderSchedule({ levels: [{ days: 7, templates: template }, { days: 7, templates: template }] })).toThrow(/level 7 appears twice/)
    expect(() => validateReminderSchedule({ levels: [{ days: 7, templates: { en: { subject: "Hi {{first_name}}", body: "x" } } }] })).toThrow(/uses \{\{first_name\}\}/)
    expect(() => validateReminderSchedule({ levels: [{ days: 7, templates: { en: { subject: " ", body: "x" } } }] })).toThrow(/needs a subject and a body/)
    expect(() => validateReminderSchedule({ levels: [{ days: 7, templates: template, late_fee: { type: "percent", value: 120 } }] })).toThrow(/late fee/)
    expect(schedule.levels.map((l) => l.days)).toEqual([-3, 0, 7, 30])
  })

  it("sends the latest level whose day has come, once, and never several at once", () => {
    const invoice = { due_at: "2026-10-10T12:00:00Z", amount_due: "100" }
    expect(dueReminderLevel(schedule, invoice, [], "2026-10-06T09:00:00Z")).toBeNull()
    expect(dueReminderLevel(schedule, invoice, [], "2026-10-07T09:00:00Z")?.days).toBe(-3)
    expect(dueReminderLevel(schedule, invoice, [-3], "2026-10-08T09:00:00Z")).toBeNull()
    expect(dueReminderLevel(schedule, invoice, [-3], "2026-10-10T09:00:00Z")?.days).toBe(0)
    // Paused for a month: only the 30-day level goes out, not 0, 7 and 30 together.
    expect(dueReminderLevel(schedule, invoice, [-3], "2026-11-12T09:00:00Z")?.days).toBe(30)
    expect(dueReminderLevel(schedule, invoice, [-3, 30], "2026-11-20T09:00:00Z")).toBeNull()
    expect(dueReminderLevel(schedule, { ...invoice, amount_due: "0.50" }, [], "2026-10-10T09:00:00Z")).toBeNull()
    expect(dueReminderLevel(schedule, { ...invoice, amount_due: "0" }, [], "2026-10-10T09:00:00Z")).toBeNull()
  })

  it("fills templates and computes late fees exactly", () => {
    expect(fillTemplate("Pay {{ amount_due }} for {{invoice_number}}", { amount_due: "€10.00", invoice_number: "INV-1" })).toBe("Pay €10.00 for INV-1")
    expect(lateFee({ type: "percent", value: 2 }, "123.45").toString()).toBe("2.469")
    expect(lateFee({ type: "flat", value: 15 }, "123.45").toString()).toBe("15")
    expect(lateFee(null, "123.45").toString()).toBe("0")
  })

  it("keeps a promise paid in time, breaks it the day after, and leaves it pending until then", () => {
    const promise = { amount: "50", promised_date: "2026-10-20", created_at: "2026-10-12T10:00:00Z" }
    const paid = [{ amount: "30", received_at: "2026-10-15T10:00:00Z" }, { amount: "20", received_at: "2026-10-20T22:00:00Z" }]
    expect(promiseStatus(promise, paid, "2026-10-21T09:00:00Z")).toBe("kept")
    expect(promiseStatus(promise, paid.slice(0, 1), "2026-10-20T09:00:00Z")).toBe("pending")
    expect(promiseStatus(promise, paid.slice(0, 1), "2026-10-21T00:00:01Z")).toBe("broken")
    // Paid before the promise was made does not count for it.
    expect(promiseStatus(promise, [{ amount: "50", received_at: "2026-10-01T10:00:00Z" }], "2026-10-21T09:00:00Z")).toBe("broken")
    // In Shanghai, 22:00 UTC on the 20th is already the 21st: too late.
    expect(promiseStatus(promise, paid, "2026-10-22T09:00:00Z", "Asia/Shanghai")).toBe("broken")
  })

  it("ranks customers by amount × days overdue, broken promises first", () => {
    expect(collectionRisk("100", 10, false).toString()).toBe("1000")
    expect(collectionRisk("100", 10, true).toString()).toBe("2000")
    expect(collectionRisk("100", -3, false).toString()).toBe("0")
  })

  it("pauses reminders by hand until a day, for an open dispute, or while a promise runs; the hand pause wins", () => {
    const today = "2026-10-20"
    expect(reminderPause({}, today)).toBeNull()
    expect(reminderPause({ manual: { paused_at: "2026-10-01T00:00:00Z", until: null, reason: "Talking" } }, today)).toEqual({ reason: "manual", until: null, note: "Talking" })
    expect(reminderPause({ manual: { paused_at: "2026-10-01T00:00:00Z", until: "2026-10-20", reason: null } }, today)?.reason).toBe("manual")
    // The last paused day has passed: reminders go again.
    expect(reminderPause({ manual: { paused_at: "2026-10-01T00:00:00Z", until: "2026-10-19", reason: null } }, today)).toBeNull()
    expect(reminderPause({ manual: { paused_at: null, until: null, reason: null }, open_dispute: true }, today)).toEqual({ reason: "dispute", until: null, note: null })
    expect(reminderPause({ pending_promise_until: "2026-10-25" }, today)).toEqual({ reason: "promise", until: "2026-10-25", note: null })
    expect(reminderPause({ pending_promise_until: "2026-10-19" }, today)).toBeNull()
    expect(reminderPause({ manual: { paused_at: "2026-10-01T00:00:00Z", until: null, reason: "x" }, open_dispute: true }, today)?.reason).toBe("manual")
  })

  it("starts from a default schedule that is valid, off, and in both languages; saved rules fill in the defaults", () => {
    expect(() => validateReminderSchedule(DEFAULT_REMINDER_SETTINGS)).not.toThrow()
    expect(DEFAULT_REMINDER_SETTINGS.enabled).toBe(false)
    expect(DEFAULT_REMINDER_SETTINGS.levels.map((l) => l.days)).toEqual([-3, 0, 7, 14, 30])
    expect(DEFAULT_REMINDER_SETTINGS.levels.every((l) => l.templates.en && l.templates["zh-CN"])).toBe(true)
    expect(reminderSettings(null)).toEqual(DEFAULT_REMINDER_SETTINGS)
    expect(reminderSettings({ enabled: true }).levels).toHaveLength(5)
    expect(collectionSettings({ small_balance_write_off: { enabled: true, threshold: 2 } })).toEqual({
      aging_buckets: [30, 60, 90],
      small_balance_write_off: { enabled: true, threshold: 2 },
      unpaid_orders: { days: null, action: "flag" },
    })
  })
})
