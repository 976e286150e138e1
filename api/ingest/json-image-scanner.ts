const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A minimal streaming JSON tokenizer that only knows where it is: in a string or not, at which depth, under which
 * key. It tells the bytes of `images[i].data` strings apart from all others. It does not validate (JSON.parse does,
 * later); a body it cannot follow only ever counts more bytes as "other", never fewer.
 */
export class JsonImageScanner {
  otherBytes = 0;
  private inString = false;
  private escaped = false;
  private stringIsImage = false;
  /** '{' or '[' per open container. */
  private readonly stack: number[] = [];
  /** Per open object: the last key seen (only short keys are kept). */
  private readonly keys: string[] = [];
  private keyBuf: number[] | null = null;
  /** In an object: true when the next string is a key. */
  private expectKey = false;

  feed(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote or backslash; base64 has neither, so an image's data goes by in one step.
        let q = chunk.indexOf(QUOTE, i);
        if (q < 0) q = n;
        let b = this.escaped ? i : chunk.indexOf(BACKSLASH, i);
        if (b < 0 || b > q) b = -1;
        const stop = b >= 0 ? b : q;
        if (this.escaped) {
          this.escaped = false;
          this.take(chunk, i, i + 1);
          i++;
          continue;
        }
        this.take(chunk, i, stop);
        if (stop === n) return;
        if (b >= 0) {
          this.escaped = true;
          this.take(chunk, b, b + 1);
          i = b + 1;
          continue;
        }
        this.inString = false;
        this.otherBytes++;
        if (this.keyBuf) {
          this.keys[this.keys.length - 1] = Buffer.from(this.keyBuf).toString('latin1');
          this.keyBuf = null;
        }
        i = q + 1;
        continue;
      }
      const c = chunk[i++];
      this.otherBytes++;
      if (c === QUOTE) {
        this.inString = true;
        const inObject = this.stack[this.stack.length - 1] === 0x7b;
        this.keyBuf = inObject && this.expectKey ? [] : null;
        this.stringIsImage = !this.keyBuf && this.atImageData();
        if (inObject && this.expectKey) this.expectKey = false;
      } else if (c === 0x7b) {
        this.stack.push(c);
        this.keys.push('');
        this.expectKey = true;
      } else if (c === 0x5b) {
        this.stack.push(c);
      } else if (c === 0x7d || c === 0x5d) {
        if (this.stack.pop() === 0x7b) this.keys.pop();
      } else if (c === 0x2c) {
        this.expectKey = this.stack[this.stack.length - 1] === 0x7b;
      }
    }
  }

  /** `{"images": [ {"data": <here>} ]}`: the value of key data, in an object, in an array, under key images at the top. */
  private atImageData(): boolean {
    const s = this.stack;
    return s.length === 3 && s[0] === 0x7b && s[1] === 0x5b && s[2] === 0x7b && this.keys[0] === 'images' && this.keys[1] === 'data';
  }

  private take(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.keyBuf) {
      if (this.keyBuf.length + (to - from) <= 16) for (let k = from; k < to; k++) this.keyBuf.push(chunk[k]);
      else this.keyBuf.length = 17; // too long to be a key we care about
      this.otherBytes += to - from;
    } else if (!this.stringIsImage) this.otherBytes += to - from;
  }
}
