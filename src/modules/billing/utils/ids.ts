import { randomBytes } from "crypto"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * `count` ids shaped like Medusa's `generateEntityId` (`prefix_` + a ULID: 10 characters of time,
 * 16 of randomness), drawn from one random buffer. generateEntityId costs ~50 µs an id (16 small
 * random draws); rows written in bulk (a payout's 100,000 transactions) take their ids from here.
 */
export function newEntityIds(prefix: string, count: number): string[] {
  let time = ""
  for (let t = Date.now(), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
  const random = randomBytes(count * 16)
  const ids: string[] = new Array(count)
  for (let i = 0; i < count; i++) {
    let id = `${prefix}_${time}`
    for (let j = 0; j < 16; j++) id += CROCKFORD[random[i * 16 + j] & 31]
    ids[i] = id
  }
  return ids
}
