/**
 * Cut `text` into pieces of at most `max` UTF-16 code units without splitting a surrogate pair
 * (a piece ending on the first half of an emoji would be sent as an unpaired surrogate). Yields
 * each piece with the offset it starts at.
 */
export function* textPieces(text: string, max: number): Generator<{ offset: number; text: string }> {
  if (max < 2) throw new RangeError('A piece must hold at least 2 code units.');
  let offset = 0;
  while (offset < text.length) {
    let end = Math.min(offset + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield { offset, text: text.slice(offset, end) };
    offset = end;
  }
}
