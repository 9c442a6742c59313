/** "HH:MM" local time to seconds after midnight; "24:00" is allowed as the end of a shift. */
export const SHIFT_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function clockToSeconds(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 3600 + minutes! * 60;
}

export function secondsToClock(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
