/**
 * The value kept for `key` under `owner` (a construct, usually), created by `create` on first use.
 * Used where many constructs share one created thing: a role, a policy, a rendered document.
 */
export function memoize<O extends object, K, V>(cache: WeakMap<O, Map<K, V>>, owner: O, key: K, create: () => V): V {
  let byKey = cache.get(owner);
  if (!byKey) {
    byKey = new Map();
    cache.set(owner, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = create();
    byKey.set(key, value);
  }
  return value;
}
