/**
 * Sets `key` to `value` as the newest entry of `map` (a Map's insertion order is its age order) and
 * drops the oldest entries past `maxSize`, so memory kept per process stays bounded.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, maxSize: number): void {
	map.delete(key);
	map.set(key, value);
	for (const oldest of map.keys()) {
		if (map.size <= maxSize) break;
		map.delete(oldest);
	}
}
